# Every entry point of the binding under valgrind: scripts/memcheck compiles this module (and puts
# the test build on the code path: the shared vectors come from test/support), then runs
# `Memcheck.run()`. Compiled beforehand because the Erlang compiler is the heaviest JIT user
# under valgrind. Kept small: the BEAM runs some 50x slower there. Exits 1 on a wrong result.
defmodule Memcheck do
  alias ChatwootIdentity.{Explanation, Key, Nif}
  alias ChatwootIdentity.Test.Vectors

  def check(true, _what), do: :ok

  def check(_, what) do
    IO.puts(:stderr, "memcheck: #{what}")
    System.halt(1)
  end

  # The same bytes as a sub-binary of an off-heap (reference-counted) binary: they live in a
  # malloc'd block of their own, outside the process heaps whose valgrind state the JIT's
  # stack handling spoils (see scripts/memcheck), so the NIF reads bytes valgrind tracks.
  def off(bin) when is_binary(bin),
    do: binary_part(bin <> :binary.copy(<<0>>, 65), 0, byte_size(bin))

  defp off_vectors(vectors) do
    Map.new(vectors, fn
      {group, cases} when is_list(cases) ->
        {group, Enum.map(cases, fn c -> Map.new(c, fn {k, v} -> {k, off_field(k, v)} end) end)}

      other ->
        other
    end)
  end

  defp off_field(k, v)
       when is_binary(v) and k in ~w(secret_bytes identifier_bytes identifier_hash hash_bytes),
       do: off(v)

  defp off_field(_k, v), do: v

  def native(secret, identifier),
    do: Base.encode16(:crypto.mac(:hmac, :sha256, secret, identifier), case: :lower)

  # Runs fun in a process that then exits, so the keys it made lose their last reference.
  def in_process(fun) do
    task = Task.async(fun)
    Task.await(task, :infinity)
  end

  def await_live_keys(target, tries \\ 100) do
    Enum.each(Process.list(), &:erlang.garbage_collect/1)

    case Nif.live_keys() do
      ^target ->
        target

      other when tries == 0 ->
        other

      _ ->
        Process.sleep(20)
        await_live_keys(target, tries - 1)
    end
  end

  def run do
    {:ok, _} = Application.ensure_all_started(:crypto)
    vectors = off_vectors(Vectors.load())
    secret = off("your-secret-token-for-hmac")
    identifier = off("unique-identifier-of-the-user")
    hash = off("fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c")
    baseline = Nif.live_keys()

    # One-shot hash and verify, keyed hash and verify, batch: every shared vector.
    in_process(fn ->
      for v <- vectors["hash"] do
        %{"secret_bytes" => s, "identifier_bytes" => i, "identifier_hash" => h} = v
        check(ChatwootIdentity.identifier_hash(s, i) == {:ok, h}, "hash #{v["name"]}")
        check(ChatwootIdentity.verify(s, i, h), "verify #{v["name"]}")
        key = Key.new!(s)
        check(Key.identifier_hash(key, i) == {:ok, h}, "key hash #{v["name"]}")
        check(Key.verify(key, i, h), "key verify #{v["name"]}")
        check(Key.identifier_hashes(key, [i, i]) == {:ok, [h, h]}, "batch #{v["name"]}")
      end

      for v <- vectors["verify"] do
        %{"secret_bytes" => s, "identifier_bytes" => i, "identifier_hash" => h} = v
        check(ChatwootIdentity.verify(s, i, h) == v["valid"], "verify #{v["name"]}")
      end

      # Every rejected input: the typed error, and verify false.
      for v <- vectors["rejected"] do
        %{"secret_bytes" => s, "identifier_bytes" => i, "status" => status} = v
        reason = String.to_atom(String.downcase(status))
        check(ChatwootIdentity.identifier_hash(s, i) == {:error, reason}, "rejected #{v["name"]}")
        check(not ChatwootIdentity.verify(s, i, native(s, i)), "rejected verify #{v["name"]}")

        case Key.new(s) do
          {:ok, key} -> check(Key.identifier_hash(key, i) == {:error, reason}, "rejected key")
          {:error, ^reason} -> :ok
        end
      end

      # explain: every shared case (with its candidates), the rejected ones, an unknown code.
      for v <- vectors["explain"] do
        %{"secret_bytes" => s, "identifier_bytes" => i, "hash_bytes" => h, "code" => code} = v

        opts = [
          other_secrets: v["other_secrets_bytes"],
          other_identifiers: v["other_identifiers_bytes"]
        ]

        {:ok, explanation} = ChatwootIdentity.explain(s, i, h, opts)
        check(explanation.code == code, "explain #{v["name"]}")
      end

      for v <- vectors["explain_rejected"] do
        %{"secret_bytes" => s, "identifier_bytes" => i, "hash_bytes" => h} = v
        check(match?({:error, _}, ChatwootIdentity.explain(s, i, h)), "explain #{v["name"]}")
      end

      # The renderers: outputs below and above the first buffer (the retry), each error.
      render_key = Key.new!(secret)

      for name <- [off("Jane </script>"), :binary.copy(off("é<"), 5_000)] do
        fields = %{name: name, custom_attributes: %{"n" => 1.5, "b" => true}}

        {:ok, _} =
          Key.set_user_script(render_key, off("9007199254740993"), fields, nonce: off("abc"))

        {:ok, _} = Key.set_user_payload(render_key, 9_007_199_254_740_993, fields)
      end

      for {identifier, fields, opts} <- [
            {off("u"), %{city: "x"}, []},
            {off("u"), %{name: "n", x: 1}, []},
            {off("u"), %{name: 1}, []},
            {off("u"), %{:name => "a", "name" => "b"}, []},
            {<<0xFF>>, %{name: "n"}, []},
            {off("u"), %{name: "n"}, [nonce: off("a b")]}
          ] do
        check(
          match?({:error, _}, Key.set_user_script(render_key, identifier, fields, opts)),
          "render error"
        )
      end

      {:ok, _} = ChatwootIdentity.reset_script(nonce: off("n0nce"))
      check(ChatwootIdentity.reset_script(nonce: "<") == {:error, :invalid_nonce}, "reset nonce")

      check(Explanation.from_code(999).verdict == :unknown, "unknown verdict")

      # Terms of the wrong type, at the Elixir layer and straight into the NIF.
      for bad <- [nil, :atom, 1.5, [-1], [0xD800]] do
        check(ChatwootIdentity.identifier_hash(secret, bad) == {:error, :badarg}, "badarg")
        check(not ChatwootIdentity.verify(secret, identifier, bad), "badarg verify")

        check(
          ChatwootIdentity.explain(bad, identifier, hash) == {:error, :badarg},
          "badarg explain"
        )
      end

      check(Nif.identifier_hash(:x, "a") == {:error, :badarg}, "nif badarg")
      check(Nif.key_identifier_hash(make_ref(), "a") == {:error, :badarg}, "nif badarg key")
      check(Nif.explain(secret, 1, hash, [], []) == {:error, :badarg}, "nif badarg explain")

      check(
        Nif.explain(secret, identifier, hash, [1], []) == {:error, :badarg},
        "nif badarg list"
      )

      check(Nif.key_set_user_script(make_ref(), "u", "{}", "") == {:error, :badarg}, "nif render")

      # Batches: the error index, and both the normal and the dirty-scheduler paths (chunked
      # over 4,096 identifiers, large inputs over 64 KiB).
      key = Key.new!(secret)

      check(
        Key.identifier_hashes(key, ["a", "", "b"]) == {:error, {:empty_identifier, 1}},
        "batch"
      )

      check(Key.identifier_hashes(key, ["a", nil]) == {:error, {:badarg, 1}}, "batch badarg")
      check(Key.identifier_hashes(key, ["a" | "b"]) == {:error, :badarg}, "batch improper")
      ids = for n <- 1..5_000, do: off("user-#{n}")
      {:ok, hashes} = Key.identifier_hashes(key, ids)
      check(hashes == Enum.map(ids, &native(secret, &1)), "batch of 5,000")
      big = :binary.copy("x", 100_000)

      check(
        Key.identifier_hashes(key, [big, off("42")]) ==
          {:ok, [native(secret, big), native(secret, "42")]},
        "big batch"
      )

      check(
        ChatwootIdentity.identifier_hash(secret, big) == {:ok, native(secret, big)},
        "big hash"
      )

      check(ChatwootIdentity.verify(secret, big, native(secret, big)), "big verify")
      check(ChatwootIdentity.explain!(secret, big, hash).verdict == :mismatch, "big explain")
    end)

    # Keys created and freed in a loop: each process's keys are freed (cw_key_free) by the
    # resource destructor when it exits.
    for round <- 1..4 do
      in_process(fn ->
        for n <- 1..750 do
          key = Key.new!(off("secret-#{round}-#{n}"))

          check(
            Key.identifier_hash!(key, off("x")) == native("secret-#{round}-#{n}", "x"),
            "key #{n}"
          )
        end
      end)
    end

    live = await_live_keys(baseline)
    check(live == baseline, "#{live - baseline} keys still alive after their processes exited")

    IO.puts(
      "memcheck: ok (3,000 keys created and freed, #{length(vectors["explain"])} explain cases)"
    )
  end
end
