# Benchmark: `make bench` (MIX_ENV=bench mix run bench/bench.exs OUT.json).
# Compares the binding with the working native form of Chatwoot's Elixir sample,
#   Base.encode16(:crypto.mac(:hmac, :sha256, key, id), case: :lower)
# on the 29-byte documented identifier, in the same run. Each figure is the median of
# several runs of :timer.tc; every run of a batch starts in a fresh process so that both
# sides pay the same garbage collection for their 1,000,000-element result.
alias ChatwootIdentity.Key

out = List.first(System.argv()) || "../../target/bench/elixir.json"
secret = "your-secret-token-for-hmac"
identifier = "unique-identifier-of-the-user"
29 = byte_size(identifier)
runs = 5
calls = 200_000
batch = 1_000_000

native = fn id -> Base.encode16(:crypto.mac(:hmac, :sha256, secret, id), case: :lower) end
key = Key.new!(secret)
expected = native.(identifier)
{:ok, ^expected} = ChatwootIdentity.identifier_hash(secret, identifier)
{:ok, ^expected} = Key.identifier_hash(key, identifier)

median = fn samples ->
  sorted = Enum.sort(samples)
  Enum.at(sorted, div(length(sorted), 2))
end

# ns per call of `fun`, looped `calls` times (the loop's own cost is in both sides).
per_call = fn fun ->
  loop = fn
    0, _loop -> :ok
    n, loop -> fun.() && loop.(n - 1, loop)
  end

  median.(for _ <- 1..runs, do: elem(:timer.tc(fn -> loop.(calls, loop) end), 0) * 1000 / calls)
end

# ns per identifier of `fun` over a fresh list of `batch` distinct 29-byte identifiers.
per_batch_item = fn fun ->
  samples =
    for _ <- 1..3 do
      task =
        Task.async(fn ->
          ids =
            for i <- 1..batch, do: "user-" <> String.pad_leading(Integer.to_string(i), 24, "0")

          {us, hashes} = :timer.tc(fn -> fun.(ids) end)
          ^batch = length(hashes)
          us * 1000 / batch
        end)

      Task.await(task, :infinity)
    end

  median.(samples)
end

rows = [
  {"one-shot", per_call.(fn -> native.(identifier) end),
   per_call.(fn -> ChatwootIdentity.identifier_hash(secret, identifier) end), 3},
  {"keyed", per_call.(fn -> native.(identifier) end),
   per_call.(fn -> Key.identifier_hash(key, identifier) end), 5},
  {"batch of 1,000,000 (per identifier)", per_batch_item.(fn ids -> Enum.map(ids, native) end),
   per_batch_item.(fn ids -> Key.identifier_hashes!(key, ids) end), 10}
]

runtime =
  "Elixir #{System.version()} / Erlang/OTP #{System.otp_release()} (erts #{:erlang.system_info(:version)})"

baseline = "Base.encode16(:crypto.mac(:hmac, :sha256, key, id), case: :lower)"

IO.puts("chatwoot_identity Elixir benchmark (#{runtime}, identifier of 29 bytes, median of runs)")
IO.puts(String.pad_trailing("case", 38) <> "  native ns  library ns   ratio  target")

for {name, native_ns, library_ns, target} <- rows do
  IO.puts(
    String.pad_trailing(name, 38) <>
      String.pad_leading(:erlang.float_to_binary(native_ns, decimals: 1), 11) <>
      String.pad_leading(:erlang.float_to_binary(library_ns, decimals: 1), 12) <>
      String.pad_leading(:erlang.float_to_binary(native_ns / library_ns, decimals: 1) <> "x", 8) <>
      String.pad_leading("#{target}x", 8)
  )
end

# No JSON library ships with Elixir 1.14 / OTP 25: the shape is fixed, so write it directly.
json_string = fn s -> "\"" <> String.replace(s, ["\\", "\""], &("\\" <> &1)) <> "\"" end

json_rows =
  Enum.map_join(rows, ",\n", fn {name, native_ns, library_ns, target} ->
    ~s(    {"case": #{json_string.(name)}, "native_ns": #{Float.round(native_ns, 1)}, ) <>
      ~s("library_ns": #{Float.round(library_ns, 1)}, "target": #{target}})
  end)

File.mkdir_p!(Path.dirname(out))

File.write!(out, """
{"language": "Elixir", "runtime": #{json_string.(runtime)},
  "baseline": #{json_string.(baseline)},
  "identifier_bytes": 29,
  "rows": [
#{json_rows}
  ]}
""")

IO.puts("wrote #{Path.expand(out)}")
