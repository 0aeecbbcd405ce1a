defmodule ChatwootIdentity.ApiTest do
  # Inputs as Elixir users pass them, typed errors, and what must never leak.
  use ExUnit.Case, async: true

  alias ChatwootIdentity.{Error, Key}

  @secret "your-secret-token-for-hmac"
  @identifier "unique-identifier-of-the-user"
  @hash "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"

  defp native(secret, identifier),
    do: Base.encode16(:crypto.mac(:hmac, :sha256, secret, identifier), case: :lower)

  test "the documented sample, with the documented charlists, matches :crypto.mac" do
    assert native(@secret, @identifier) == @hash

    assert ChatwootIdentity.identifier_hash(
             ~c"your-secret-token-for-hmac",
             ~c"unique-identifier-of-the-user"
           ) ==
             {:ok, @hash}
  end

  test "integers hash as their decimal string, as Chatwoot's server does" do
    for id <- [0, 7, 42, -17, 1_234_567_890, 2 ** 64, -(2 ** 100)] do
      expected = native(@secret, Integer.to_string(id))
      assert ChatwootIdentity.identifier_hash(@secret, id) == {:ok, expected}
      assert ChatwootIdentity.verify(@secret, id, expected)
      assert Key.identifier_hash(Key.new!(@secret), id) == {:ok, expected}
    end
  end

  test "charlists and chardata are UTF-8 encoded" do
    expected = native(@secret, "josé@example.com")
    assert ChatwootIdentity.identifier_hash(@secret, ~c"josé@example.com") == {:ok, expected}

    assert ChatwootIdentity.identifier_hash(@secret, [~c"jos", "é@", ~c"example.com"]) ==
             {:ok, expected}

    assert ChatwootIdentity.verify(@secret, ~c"josé@example.com", String.to_charlist(expected))
  end

  test "anything else is {:error, :badarg}, never an exception" do
    bad = [
      nil,
      :atom,
      1.5,
      %{},
      {:tuple},
      self(),
      make_ref(),
      [:not_a_char],
      [-1],
      [0x110000],
      [?a | :b]
    ]

    for value <- bad do
      assert ChatwootIdentity.identifier_hash(@secret, value) == {:error, :badarg}, inspect(value)

      assert ChatwootIdentity.identifier_hash(value, @identifier) == {:error, :badarg},
             inspect(value)

      refute ChatwootIdentity.verify(@secret, value, @hash)
      refute ChatwootIdentity.verify(value, @identifier, @hash)
      refute ChatwootIdentity.verify(@secret, @identifier, value)
      assert Key.new(value) == {:error, :badarg}
      assert Key.identifier_hash(Key.new!(@secret), value) == {:error, :badarg}
    end
  end

  test "an invalid UTF-8 charlist (a lone surrogate) is :badarg" do
    assert ChatwootIdentity.identifier_hash(@secret, [0xD800]) == {:error, :badarg}
  end

  test "the NIF itself answers bad terms with errors, not exceptions" do
    alias ChatwootIdentity.Nif
    assert Nif.identifier_hash(:x, "a") == {:error, :badarg}
    assert Nif.verify("s", 1, "h") == false
    assert Nif.key_new(1) == {:error, :badarg}
    assert Nif.key_identifier_hash(make_ref(), "a") == {:error, :badarg}
    assert Nif.key_verify(make_ref(), "a", @hash) == false
    assert Nif.key_identifier_hashes(make_ref(), ["a"]) == {:error, :badarg}
    assert Nif.status_message(:x) == {:error, :badarg}
  end

  test "the bang variants raise ChatwootIdentity.Error with the reason and the library's message" do
    error =
      assert_raise Error, fn ->
        ChatwootIdentity.identifier_hash!(@secret <> "\n", @identifier)
      end

    assert error.reason == :secret_whitespace
    assert error.message =~ "secret_whitespace: the secret starts or ends with whitespace"

    assert_raise Error, ~r/^empty_identifier: the identifier is empty/, fn ->
      Key.identifier_hash!(Key.new!(@secret), "")
    end

    assert_raise Error, ~r/^badarg: expected a binary/, fn -> Key.new!(:secret) end
    assert Key.identifier_hash!(Key.new!(@secret), @identifier) == @hash
  end

  test "no secret appears in inspect, errors or messages" do
    secret = "do-not-leak-this-secret"
    key = Key.new!(secret)
    assert inspect(key) == "#ChatwootIdentity.Key<secret: redacted>"
    refute inspect(key, structs: false) =~ secret
    refute inspect([key, %{key: key}]) =~ secret

    for bad <- [secret <> " ", " " <> secret] do
      error = assert_raise Error, fn -> ChatwootIdentity.identifier_hash!(bad, "id") end
      refute Exception.message(error) =~ secret
      refute inspect(error) =~ secret
    end
  end

  test "Key functions reject what is not a key" do
    assert Key.identifier_hash("not a key", @identifier) == {:error, :badarg}
    refute Key.verify(%{resource: make_ref()}, @identifier, @hash)
    assert Key.identifier_hashes(nil, [@identifier]) == {:error, :badarg}
  end

  describe "identifier_hashes/2" do
    setup do: {:ok, key: Key.new!(@secret)}

    test "hashes in order, mixing binaries, integers and charlists", %{key: key} do
      input = [@identifier, 42, ~c"josé", "x"]

      expected =
        Enum.map(["unique-identifier-of-the-user", "42", "josé", "x"], &native(@secret, &1))

      assert Key.identifier_hashes(key, input) == {:ok, expected}
      assert Key.identifier_hashes!(key, input) == expected
    end

    test "an empty list gives no hashes", %{key: key} do
      assert Key.identifier_hashes(key, []) == {:ok, []}
    end

    test "names the index of the first empty identifier", %{key: key} do
      assert Key.identifier_hashes(key, ["", "a"]) == {:error, {:empty_identifier, 0}}
      assert Key.identifier_hashes(key, ["a", "b", "", ""]) == {:error, {:empty_identifier, 2}}
      assert Key.identifier_hashes(key, [1, ~c"", "c"]) == {:error, {:empty_identifier, 1}}
      # Past the normal-scheduler limit too (the dirty path).
      long = List.duplicate("a", 5_000) ++ [""] ++ ["b"]
      assert Key.identifier_hashes(key, long) == {:error, {:empty_identifier, 5_000}}

      error = assert_raise Error, fn -> Key.identifier_hashes!(key, ["a", ""]) end
      assert {error.reason, error.index} == {:empty_identifier, 1}
      assert error.message =~ "identifier at index 1: the identifier is empty"
    end

    test "names the index of the first element of the wrong type", %{key: key} do
      assert Key.identifier_hashes(key, ["a", 1, :b, nil]) == {:error, {:badarg, 2}}
      assert Key.identifier_hashes(key, [[0xD800]]) == {:error, {:badarg, 0}}
    end

    test "an improper list or a non-list is :badarg", %{key: key} do
      assert Key.identifier_hashes(key, ["a" | "b"]) == {:error, :badarg}
      assert Key.identifier_hashes(key, [1 | :b]) == {:error, :badarg}
      assert Key.identifier_hashes(key, ["a", :b | "c"]) == {:error, {:badarg, 1}}
      assert Key.identifier_hashes(key, "abc") == {:error, :badarg}
      assert Key.identifier_hashes(key, nil) == {:error, :badarg}
    end

    test "long lists and long identifiers (dirty scheduler paths) agree with :crypto.mac", %{
      key: key
    } do
      ids = for i <- 1..20_000, do: "user-#{i}"
      {:ok, hashes} = Key.identifier_hashes(key, ids)
      assert hashes == Enum.map(ids, &native(@secret, &1))

      big = :binary.copy("x", 1_000_000)

      assert Key.identifier_hashes(key, [big, "y"]) ==
               {:ok, [native(@secret, big), native(@secret, "y")]}

      assert ChatwootIdentity.identifier_hash(@secret, big) == {:ok, native(@secret, big)}
      assert Key.identifier_hash(key, big) == {:ok, native(@secret, big)}
      assert ChatwootIdentity.verify(@secret, big, native(@secret, big))
      assert Key.verify(key, big, native(@secret, big))
    end
  end

  test "verify fails closed: empty inputs with their real HMAC, raw or padded hashes" do
    key = Key.new!(@secret)

    for empty <- ["", ~c""] do
      refute ChatwootIdentity.verify(empty, @identifier, native("", @identifier))
      refute ChatwootIdentity.verify(@secret, empty, native(@secret, ""))
      refute Key.verify(key, empty, native(@secret, ""))
    end

    for hash <- [String.duplicate("\xFF", 64), "\t" <> @hash <> " "] do
      refute ChatwootIdentity.verify(@secret, @identifier, hash)
      refute Key.verify(key, @identifier, hash)
    end
  end

  test "the binding sizes the output: always exactly 64 lowercase hex characters" do
    key = Key.new!(@secret)
    ids = ["a", 42, :binary.copy("z", 100_000), <<0xFF>>]

    hashes =
      Enum.map(ids, &ChatwootIdentity.identifier_hash!(@secret, &1)) ++
        Enum.map(ids, &Key.identifier_hash!(key, &1)) ++ Key.identifier_hashes!(key, ids)

    assert length(hashes) == 12
    for hash <- hashes, do: assert(hash =~ ~r/\A[0-9a-f]{64}\z/)
  end

  test "library_version/0 is the linked library's version" do
    assert ChatwootIdentity.library_version() =~ ~r/^\d+\.\d+\.\d+/
  end
end
