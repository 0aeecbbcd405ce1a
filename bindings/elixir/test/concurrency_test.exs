defmodule ChatwootIdentity.ConcurrencyTest do
  # Sharing one key across processes, scheduler starvation and key memory. Not async: these
  # tests change schedulers_online and measure node-wide memory, so they run alone.
  use ExUnit.Case, async: false

  alias ChatwootIdentity.{Key, Nif}

  @secret "your-secret-token-for-hmac"

  defp native(identifier),
    do: Base.encode16(:crypto.mac(:hmac, :sha256, @secret, identifier), case: :lower)

  test "1,000 processes share one key; every result is checked" do
    key = Key.new!(@secret)

    results =
      1..1_000
      |> Enum.map(fn p ->
        Task.async(fn ->
          ids = for i <- 1..20, do: "user-#{p}-#{i}"
          single = Enum.map(ids, &{&1, Key.identifier_hash!(key, &1)})
          {:ok, batch} = Key.identifier_hashes(key, ids)

          {single, Enum.zip(ids, batch),
           Enum.all?(single, fn {id, h} -> Key.verify(key, id, h) end)}
        end)
      end)
      |> Task.await_many(60_000)

    checked =
      for {single, batch, verified} <- results, {id, hash} <- single ++ batch, reduce: 0 do
        count ->
          assert verified
          assert hash == native(id)
          count + 1
      end

    assert checked == 1_000 * 20 * 2
  end

  # While a batch of 1,000,000 identifiers is hashed, other processes must keep running.
  # Only ONE normal scheduler is left online, so if the NIF held it, the test process could
  # not run at all until the batch ended: one gap between pings as long as the whole NIF
  # call (~0.3-1 s; checked by building the NIF with a huge CW_NIF_DIRTY_COUNT). On a dirty
  # CPU scheduler the gaps stay ~1 ms (each round sleeps 1 ms). The bound is 50 ms, or half
  # the batch's duration when the machine is so loaded that the OS itself delays us by tens
  # of ms (seen at load 11-14 on 2 cores): a blocked scheduler gives one gap of about the
  # whole batch, so the bound measures blocking, not speed, and is not a flaky timing.
  test "a batch of 1,000,000 identifiers does not block the normal schedulers" do
    key = Key.new!(@secret)
    online = :erlang.system_info(:schedulers_online)
    on_exit(fn -> :erlang.system_flag(:schedulers_online, online) end)
    :erlang.system_flag(:schedulers_online, 1)

    pinger = spawn_link(fn -> pong_loop() end)
    test = self()

    spawn_link(fn ->
      ids =
        for i <- 1..1_000_000, do: "user-" <> String.pad_leading(Integer.to_string(i), 24, "0")

      send(test, {:started, System.monotonic_time(:microsecond)})
      {:ok, hashes} = Key.identifier_hashes(key, ids)
      send(test, {:done, System.monotonic_time(:microsecond)})
      # Check every hash against :crypto, after the measurement.
      mismatches = Enum.zip(ids, hashes) |> Enum.count(fn {id, h} -> h != native(id) end)
      send(test, {:checked, length(hashes), mismatches})
    end)

    assert_receive {:started, started}, 30_000
    {gaps, finished} = ping_until_done(pinger, started, [])
    :erlang.system_flag(:schedulers_online, online)
    assert_receive {:checked, 1_000_000, 0}, 120_000

    max_ms = Enum.max(gaps) / 1000
    batch_ms = (finished - started) / 1000
    bound_ms = max(50, batch_ms / 2)

    IO.puts(
      :stderr,
      "\n[starvation] batch #{batch_ms} ms, #{length(gaps)} pings, largest gap #{max_ms} ms"
    )

    assert length(gaps) >= 5, "the batch ended before it could be observed"

    assert max_ms < bound_ms,
           "the test process could not run for #{max_ms} ms of a #{batch_ms} ms batch: " <>
             "a normal scheduler was blocked"
  end

  defp pong_loop do
    receive do
      {:ping, from} -> send(from, :pong)
    end

    pong_loop()
  end

  # Pings every ~1 ms until the batch is done; returns the times between consecutive pongs
  # (the first counted from the moment the worker entered the NIF) and when the batch ended.
  defp ping_until_done(pinger, previous, gaps) do
    send(pinger, {:ping, self()})
    assert_receive :pong, 30_000
    now = System.monotonic_time(:microsecond)
    gaps = [now - previous | gaps]

    receive do
      {:done, finished} -> {gaps, finished}
    after
      1 -> ping_until_done(pinger, now, gaps)
    end
  end

  # A Key has no close/free: its cw_key belongs to a NIF resource that the GC frees once,
  # after the last copy (in any process) is gone; a forged or stale Key is :badarg.
  test "a key shared by many processes is freed exactly once, when the last copy dies" do
    baseline = settled_live_keys()
    test = self()

    spawn(fn ->
      key = Key.new!(@secret)
      hashes = 1..10 |> Enum.map(fn _ -> Task.async(fn -> Key.identifier_hash!(key, "a") end) end)
      send(test, {:used, Task.await_many(hashes), Nif.live_keys()})
    end)

    assert_receive {:used, hashes, live}, 10_000
    assert hashes == List.duplicate(native("a"), 10)
    assert live - baseline == 1
    # Its owner is dead: one cw_key_free, not two (the count would drop below the baseline).
    assert await_live_keys(baseline) == baseline
    Process.sleep(50)
    assert Nif.live_keys() == baseline
    assert Key.identifier_hash(%Key{resource: make_ref()}, "a") == {:error, :badarg}
  end

  # Nothing can close a Key: its cw_key is freed by the resource destructor, which the VM runs
  # only once no process holds a reference, so a call in progress always holds one. Here the
  # creator drops its reference and collects while 16 processes are still hashing and
  # dropping theirs one by one: every hash stays right, and the key is freed once at the end.
  test "a key used from many processes while its references drop is never freed mid-call" do
    baseline = settled_live_keys()
    test = self()
    big = :binary.copy("0123456789abcdef", 65_536)
    want_big = native(big)

    creator =
      spawn(fn ->
        key = Key.new!(@secret)

        for n <- 1..16 do
          spawn(fn ->
            results =
              for i <- 1..(n * 5) do
                id = "user-#{n}-#{i}"

                ok =
                  Key.identifier_hash!(key, id) == native(id) and
                    Key.identifier_hash!(key, big) == want_big

                ok and Key.identifier_hashes!(key, [id, big]) == [native(id), want_big]
              end

            send(test, {:done, Enum.all?(results)})
          end)
        end
      end)

    ref = Process.monitor(creator)
    assert_receive {:DOWN, ^ref, :process, _, :normal}, 10_000
    :erlang.garbage_collect()
    results = for _ <- 1..16, do: assert_receive({:done, ok}, 60_000) && ok
    assert Enum.all?(results)
    assert await_live_keys(baseline) == baseline
  end

  # The BEAM runs no handler inside a NIF call: signals to the OS process go to the VM, and
  # exit signals or messages reach a process only between calls. Its form of re-entrancy is
  # processes hashing through one key at once, and a process killed during a long batch on a
  # dirty scheduler while the others keep hashing: each result is its own and stays right.
  test "processes hash at once while another is killed mid-batch; every result is its own" do
    key = Key.new!(@secret)
    ids = for i <- 1..200_000, do: "batch-#{i}"
    victim = spawn(fn -> Key.identifier_hashes(key, ids) end)

    tasks =
      for n <- 1..32 do
        Task.async(fn ->
          for i <- 1..200, do: Key.identifier_hash!(key, "#{n}:#{i}") == native("#{n}:#{i}")
        end)
      end

    Process.exit(victim, :kill)
    assert tasks |> Task.await_many(60_000) |> List.flatten() |> Enum.all?()

    assert Key.identifier_hashes!(key, Enum.take(ids, 3)) ==
             Enum.map(Enum.take(ids, 3), &native/1)
  end

  test "creating and discarding 100,000 keys leaves memory flat and frees every key" do
    baseline_keys = settled_live_keys()
    # A first round warms the allocators, so the second measures only what keys leave.
    churn_keys(100_000)
    before = settled_memory()
    churn_keys(100_000)
    after_churn = settled_memory()

    assert await_live_keys(baseline_keys) == baseline_keys
    growth = after_churn - before
    IO.puts(:stderr, "\n[memory] growth #{growth} bytes")
    assert growth < 1_000_000, "memory grew by #{growth} bytes after discarding 100,000 keys"
  end

  # Makes `n` keys in a short-lived process; asserts they are all alive at once.
  defp churn_keys(n) do
    test = self()

    spawn(fn ->
      keys = for i <- 1..n, do: Key.new!("secret-#{i}")
      send(test, {:alive, Nif.live_keys(), length(keys)})
    end)

    assert_receive {:alive, live, ^n}, 60_000
    assert live >= n
  end

  defp settled_memory do
    Enum.each(Process.list(), &:erlang.garbage_collect/1)
    Process.sleep(100)
    Enum.each(Process.list(), &:erlang.garbage_collect/1)
    :erlang.memory(:total)
  end

  # Destructors run when the owning process's heap is freed; poll briefly for them.
  # Keys dropped by earlier tests are freed whenever their last holder is collected; collect
  # every process first so that no stale key is freed during the test and moves the count.
  defp settled_live_keys do
    Enum.each(Process.list(), &:erlang.garbage_collect/1)
    Process.sleep(20)
    Nif.live_keys()
  end

  defp await_live_keys(target, tries \\ 50) do
    case Nif.live_keys() do
      ^target ->
        target

      _ when tries > 0 ->
        Process.sleep(20)
        await_live_keys(target, tries - 1)

      other ->
        other
    end
  end
end
