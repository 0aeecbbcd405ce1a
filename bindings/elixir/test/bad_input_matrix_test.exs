defmodule ChatwootIdentity.BadInputMatrixTest do
  # The Elixir column of tests/bad_input_matrix.json (the one source of docs/bad-input-matrix.md),
  # table-driven: each case of a row that applies to Elixir is a test named after its row and
  # index, and each behaviour row names the tests of this suite that exercise it. A row this
  # file cannot run (an unknown call, argument, value or expectation, a behaviour row with no
  # test named) is a failing test, never a skip.
  #
  # Not async: ExUnit starts async modules while other test files are still loading, and the
  # behaviour rows look up the test functions of other modules (sync modules run after all load).
  use ExUnit.Case, async: false

  alias ChatwootIdentity.{Abi, Error, Explanation, Key}

  @path Path.expand("../../../tests/bad_input_matrix.json", __DIR__)
  @external_resource @path
  @matrix @path |> File.read!() |> ChatwootIdentity.Test.JSON.decode!()
  @language "Elixir"

  # Behaviour rows: the tests that exercise each, as the test functions ExUnit defines
  # (`:"test <name>"`, arity 1). They run in the suite; here each must exist.
  @behaviour_tests %{
    "damaged-library-file" => [
      {ChatwootIdentity.LoadTest, :"test a truncated copy is refused before dlopen"},
      {ChatwootIdentity.LoadTest, :"test an empty file, a text file, another machine's library"},
      {ChatwootIdentity.LoadTest,
       :"test a VM with a truncated priv NIF raises LoadError instead of crashing"}
    ],
    "non-regular-library-path" => [
      {ChatwootIdentity.LoadTest, :"test a directory, a FIFO, a symlink loop, a missing file"}
    ],
    "key-double-free" => [
      {ChatwootIdentity.ConcurrencyTest,
       :"test a key shared by many processes is freed exactly once, when the last copy dies"}
    ],
    "close-mid-call" => [
      {ChatwootIdentity.ConcurrencyTest,
       :"test a key used from many processes while its references drop is never freed mid-call"}
    ],
    "non-unicode-string" => [
      {ChatwootIdentity.UnicodeTest,
       :"test a binary that is not valid UTF-8 is hashed as its bytes, like :crypto.mac"},
      {ChatwootIdentity.UnicodeTest,
       :"test a charlist that is not valid Unicode is :badarg, false from verify, raised by the bangs"},
      {ChatwootIdentity.RenderTest,
       :"test an identifier that is not valid UTF-8 is :invalid_identifier; a field value :invalid_field_value"}
    ]
  }

  # The arguments of each call, in the order the binding takes them.
  @arguments %{
    "identifier_hash" => ~w(secret identifier),
    "key_new" => ~w(secret),
    "key_identifier_hash" => ~w(secret identifier),
    "key_identifier_hashes" => ~w(secret identifiers),
    "verify" => ~w(secret identifier hash),
    "key_verify" => ~w(secret identifier hash),
    "explain" => ~w(secret identifier hash),
    "set_user_script" => ~w(secret identifier)
  }

  applies? = fn c -> c["only"] == nil or @language in List.wrap(c["only"]) end

  for row <- @matrix["rows"] do
    {id, cell} = {row["id"], get_in(row, ["cells", @language])}

    cond do
      not is_binary(cell) ->
        test "#{id}: has an Elixir cell", do: flunk("row #{unquote(id)} has no Elixir cell")

      # "n/a: ...": the input cannot reach an Elixir caller.
      String.starts_with?(cell, "n/a") ->
        nil

      row["behaviour"] == true and row["cases"] == nil ->
        test "#{id}: behaviour, exercised by named tests" do
          assert_behaviour_tested(unquote(id))
        end

      row["behaviour"] in [nil, false] and is_list(row["cases"]) ->
        cases = for {c, i} <- Enum.with_index(row["cases"]), applies?.(c), do: {c, i}

        if cases == [],
          do: test("#{id}: has a case for Elixir", do: flunk("no case applies to Elixir"))

        for {c, i} <- cases do
          test "#{id} case #{i}: #{c["call"]}", do: run_case(unquote(Macro.escape(c)))
        end

      true ->
        test "#{id}: is a cases or a behaviour row",
          do: flunk("row #{unquote(id)} needs either \"cases\" or \"behaviour\": true")
    end
  end

  test "every behaviour-test entry names a behaviour row that Elixir must cover" do
    rows = for row <- @matrix["rows"], row["behaviour"], do: {row["id"], row["cells"][@language]}
    needed = for {id, cell} <- rows, not String.starts_with?(cell || "n/a", "n/a"), do: id
    assert Map.keys(@behaviour_tests) -- needed == []
  end

  defp assert_behaviour_tested(row_id) do
    entries = Map.get(@behaviour_tests, row_id, [])

    assert entries != [],
           "behaviour row #{row_id} names no Elixir test: add it to @behaviour_tests"

    for {module, test} <- entries do
      assert Code.ensure_loaded?(module) and function_exported?(module, :__ex_unit__, 0),
             "#{inspect(module)} (for #{row_id}) is not a loaded test module: " <>
               "run the whole suite, or name its file too"

      assert function_exported?(module, test, 1), "#{inspect(module)} has no #{inspect(test)}"
    end
  end

  defp run_case(c) do
    {call, c} = Map.pop(c, "call")
    {expect, c} = Map.pop(c, "expect")
    names = @arguments[call] || flunk("unknown call #{inspect(call)}")
    given = Map.delete(c, "only")
    extra = Map.keys(given) -- names
    if extra != [], do: flunk("unknown arguments of #{call}: #{inspect(extra)}")

    for variant <- product(Enum.map(names, &values(&1, Map.get(given, &1, defaults(&1))))) do
      label = variant |> Enum.map(&elem(&1, 0)) |> Enum.reject(&is_nil/1) |> Enum.join(", ")
      args = Enum.map(variant, &elem(&1, 1))
      check(expect, invoke(call, args), call, label, hd(args))
    end
  end

  defp defaults(name), do: @matrix["defaults"][name]

  defp product([]), do: [[]]
  defp product([options | rest]), do: for(o <- options, tail <- product(rest), do: [o | tail])

  # A value of the data as the Elixir values it stands for, each {a label for a failure
  # message or nil, the value}: {"null": 0} is the empty value, so both the empty binary and
  # the empty charlist.
  defp values("identifiers", list) when is_list(list) do
    for items <- product(Enum.map(list, &values("identifiers[]", &1))) do
      labels = items |> Enum.map(&elem(&1, 0)) |> Enum.reject(&is_nil/1)
      {if(labels != [], do: Enum.join(labels, ", ")), Enum.map(items, &elem(&1, 1))}
    end
  end

  defp values(name, text) when is_binary(text) and name != "identifiers", do: [{nil, text}]

  defp values(name, %{"null" => 0} = v) when map_size(v) == 1 and name != "identifiers",
    do: [{"#{name} as \"\"", ""}, {"#{name} as ~c\"\"", ~c""}]

  # A null argument: nil, which is no binary, integer or charlist.
  defp values(name, %{"null" => n} = v) when map_size(v) == 1 and is_integer(n) and n > 0,
    do: [{"#{name} nil", nil}]

  defp values(name, %{"hex" => hex} = v) when name != "identifiers",
    do: repeat(name, v, "hex", Base.decode16!(hex, case: :mixed))

  defp values(name, %{"text" => text} = v) when is_binary(text) and name != "identifiers",
    do: repeat(name, v, "text", text)

  defp values(name, value), do: flunk("unknown value for #{name}: #{inspect(value, limit: 5)}")

  defp repeat(name, v, kind, bytes) do
    assert Map.keys(v) -- [kind, "repeat"] == [], "unknown value for #{name}: #{inspect(v)}"
    [{nil, :binary.copy(bytes, Map.get(v, "repeat", 1))}]
  end

  # {the result of the call, the bang variant or nil}. A key call makes its key first (the
  # GC frees it: an Elixir key has no close).
  defp invoke("identifier_hash", [s, i]),
    do:
      {ChatwootIdentity.identifier_hash(s, i), fn -> ChatwootIdentity.identifier_hash!(s, i) end}

  defp invoke("key_new", [s]), do: {Key.new(s), fn -> Key.new!(s) end}

  defp invoke("key_identifier_hash", [s, i]) do
    key = Key.new!(s)
    {Key.identifier_hash(key, i), fn -> Key.identifier_hash!(key, i) end}
  end

  defp invoke("key_identifier_hashes", [s, ids]) do
    key = Key.new!(s)
    {Key.identifier_hashes(key, ids), fn -> Key.identifier_hashes!(key, ids) end}
  end

  defp invoke("verify", [s, i, h]), do: {ChatwootIdentity.verify(s, i, h), nil}
  defp invoke("key_verify", [s, i, h]), do: {Key.verify(Key.new!(s), i, h), nil}

  defp invoke("explain", [s, i, h]),
    do: {ChatwootIdentity.explain(s, i, h), fn -> ChatwootIdentity.explain!(s, i, h) end}

  defp invoke("set_user_script", [s, i]) do
    key = Key.new!(s)

    {Key.set_user_script(key, i, %{name: "n"}),
     fn -> Key.set_user_script!(key, i, %{name: "n"}) end}
  end

  defp check(%{"verify" => want} = e, {result, nil}, call, label, _secret)
       when map_size(e) == 1 and is_boolean(want),
       do: same(result, want, call, label)

  defp check(%{"error" => status} = e, {result, bang}, call, label, secret) when bang != nil do
    if Map.keys(e) -- ["error", "index"] != [], do: flunk("unknown expectation #{inspect(e)}")
    {reason, index} = {reason(status), e["index"]}
    same(result, {:error, if(index, do: {reason, index}, else: reason)}, call, label)
    error = assert_raise Error, bang
    same({error.reason, error.index}, {reason, index}, "#{call}!", label)
    assert String.starts_with?(error.message, "#{reason}: ")
    if is_binary(secret) and byte_size(secret) >= 8, do: refute(error.message =~ secret)
  end

  defp check(%{"hash" => hash} = e, {result, bang}, call, label, _secret)
       when map_size(e) == 1 and call in ~w(identifier_hash key_identifier_hash),
       do: same({result, bang.()}, {{:ok, hash}, hash}, call, label)

  defp check(%{"hashes" => hashes} = e, {result, bang}, "key_identifier_hashes" = call, label, _)
       when map_size(e) == 1,
       do: same({result, bang.()}, {{:ok, hashes}, hashes}, call, label)

  defp check(%{"verdict" => name} = e, {result, bang}, "explain", label, _)
       when map_size(e) == 1 do
    verdict =
      Enum.find_value(Abi.verdicts(), fn {v, _} -> Atom.to_string(v) == name && v end) ||
        flunk("#{inspect(name)} is no verdict of ChatwootIdentity.Abi.verdicts/0")

    got = with {:ok, %Explanation{verdict: v}} <- result, do: {:ok, v}
    same(got, {:ok, verdict}, "explain", label)
    same(bang.().verdict, verdict, "explain!", label)
  end

  defp check(%{"ok" => true} = e, {result, bang}, call, label, _)
       when map_size(e) == 1 and bang != nil do
    unless match?({:ok, _}, result), do: flunk("#{call} (#{label}): got #{inspect(result)}")
    bang.()
  end

  defp check(expect, _result, call, _label, _secret),
    do: flunk("unknown expectation for #{call}: #{inspect(expect)}")

  defp same(got, want, call, label) do
    with_label = if label == "", do: call, else: "#{call} (#{label})"
    assert got == want, "#{with_label}: expected #{inspect(want)}, got #{inspect(got)}"
  end

  # The reason atom of a status of the header, from the generated ChatwootIdentity.Abi; a null
  # argument (NULL_POINTER in C) is Elixir's type error, :badarg.
  defp reason(status) do
    atom =
      Enum.find_value(Abi.statuses(), fn {a, _} ->
        String.upcase(Atom.to_string(a)) == status && a
      end) ||
        flunk("#{inspect(status)} is no status of ChatwootIdentity.Abi.statuses/0")

    if atom == :null_pointer, do: :badarg, else: atom
  end
end
