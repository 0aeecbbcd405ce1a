defmodule ChatwootIdentity.BadInputTest do
  # What an Elixir caller gets for each row of docs/bad-input-matrix.md (the `matrix:` comments
  # are read by scripts/check-matrix). key-double-free is in concurrency_test.exs (it counts
  # live keys, so it must not run beside other tests).
  use ExUnit.Case, async: true

  alias ChatwootIdentity.{Error, Key}
  alias ChatwootIdentity.Test.Invisible

  @secret "your-secret-token-for-hmac"
  @identifier "unique-identifier-of-the-user"
  @hash "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"

  defp native(secret, identifier),
    do: Base.encode16(:crypto.mac(:hmac, :sha256, secret, identifier), case: :lower)

  # matrix: null-with-length
  test "nil as the secret, identifier or hash is {:error, :badarg}; verify is false" do
    assert ChatwootIdentity.identifier_hash(nil, @identifier) == {:error, :badarg}
    assert ChatwootIdentity.identifier_hash(@secret, nil) == {:error, :badarg}
    assert_raise Error, ~r/^badarg:/, fn -> ChatwootIdentity.identifier_hash!(@secret, nil) end
    refute ChatwootIdentity.verify(nil, @identifier, @hash)
    refute ChatwootIdentity.verify(@secret, nil, @hash)
    refute ChatwootIdentity.verify(@secret, @identifier, nil)
    assert Key.new(nil) == {:error, :badarg}
    key = Key.new!(@secret)
    assert Key.identifier_hash(key, nil) == {:error, :badarg}
    refute Key.verify(key, @identifier, nil)
    assert Key.identifier_hashes(key, nil) == {:error, :badarg}
    assert ChatwootIdentity.explain(@secret, nil, @hash) == {:error, :badarg}
  end

  # matrix: null-zero-length
  test "empty binaries and charlists are the library's empty-input errors; verify is false" do
    for empty <- ["", ~c""] do
      assert ChatwootIdentity.identifier_hash(empty, @identifier) == {:error, :empty_secret}
      assert ChatwootIdentity.identifier_hash(@secret, empty) == {:error, :empty_identifier}
      refute ChatwootIdentity.verify(empty, @identifier, @hash)
      refute ChatwootIdentity.verify(@secret, empty, native(@secret, ""))
      refute ChatwootIdentity.verify(@secret, @identifier, empty)
      assert ChatwootIdentity.explain!(@secret, @identifier, empty).verdict == :blank_hash
    end
  end

  # matrix: empty-secret
  test "an empty secret is {:error, :empty_secret} (Error.reason :empty_secret from the bangs)" do
    assert ChatwootIdentity.identifier_hash("", @identifier) == {:error, :empty_secret}
    assert Key.new("") == {:error, :empty_secret}

    for raising <- [
          fn -> ChatwootIdentity.identifier_hash!("", @identifier) end,
          fn -> Key.new!("") end
        ] do
      error = assert_raise Error, raising
      assert {error.reason, Error.code(error.reason)} == {:empty_secret, -2}
    end

    refute ChatwootIdentity.verify("", @identifier, native("", @identifier))
    assert ChatwootIdentity.explain("", @identifier, @hash) == {:error, :empty_secret}
    assert ChatwootIdentity.explain(" \n", @identifier, @hash) == {:error, :empty_secret}

    assert_raise Error, ~r/^empty_secret:/, fn ->
      ChatwootIdentity.explain!("", @identifier, @hash)
    end
  end

  # matrix: secret-whitespace
  test "whitespace around the secret is {:error, :secret_whitespace}, never trimmed silently" do
    for bad <- [
          @secret <> "\n",
          @secret <> "\r\n",
          " " <> @secret,
          "\t" <> @secret,
          @secret <> " "
        ] do
      assert ChatwootIdentity.identifier_hash(bad, @identifier) == {:error, :secret_whitespace}
      assert Key.new(bad) == {:error, :secret_whitespace}
      error = assert_raise Error, fn -> ChatwootIdentity.identifier_hash!(bad, @identifier) end
      assert error.reason == :secret_whitespace
      refute ChatwootIdentity.verify(bad, @identifier, native(bad, @identifier))
      refute ChatwootIdentity.verify(bad, @identifier, @hash)
      assert ChatwootIdentity.explain!(bad, @identifier, @hash).verdict == :secret_whitespace
    end
  end

  # matrix: secret-invisible
  test "an invisible character at either end of the secret is {:error, :secret_invisible}" do
    assert length(Invisible.invisibles()) == 23

    for mark <- Invisible.invisibles() do
      for bad <- [mark <> @secret, @secret <> mark, mark <> @secret <> mark] do
        assert Invisible.invisible_edge?(bad)
        assert ChatwootIdentity.identifier_hash(bad, @identifier) == {:error, :secret_invisible}
        assert Key.new(bad) == {:error, :secret_invisible}
        error = assert_raise Error, fn -> ChatwootIdentity.identifier_hash!(bad, @identifier) end
        assert error.reason == :secret_invisible
        assert Error.code(:secret_invisible) == -14
        refute error.message =~ @secret
        refute ChatwootIdentity.verify(bad, @identifier, native(bad, @identifier))
        refute ChatwootIdentity.verify(bad, @identifier, @hash)
        assert ChatwootIdentity.explain!(bad, @identifier, @hash).verdict == :secret_whitespace
      end

      # inside a secret it is key material, hashed like any other byte
      inside =
        binary_part(@secret, 0, 4) <> mark <> binary_part(@secret, 4, byte_size(@secret) - 4)

      assert ChatwootIdentity.identifier_hash(inside, @identifier) ==
               {:ok, native(inside, @identifier)}
    end

    # half a byte-order mark at each end is raw key bytes, not a character
    raw = <<0xBB, 0xBF>> <> @secret <> <<0xEF, 0xBB>>
    refute Invisible.invisible_edge?(raw)
    assert ChatwootIdentity.identifier_hash(raw, @identifier) == {:ok, native(raw, @identifier)}

    # a hash made with a BOM-padded secret is explained as a padded secret
    padded = native("\uFEFF" <> @secret, @identifier)
    assert ChatwootIdentity.explain!(@secret, @identifier, padded).verdict == :padded_secret
  end

  test "the invisible-edge predicate" do
    for s <- ["\uFEFFabc", "abc\u00A0", "\u{E0020}", <<?a, 0xC2, 0x85>>, "\u180Ek", "k\u2065"],
        do: assert(Invisible.invisible_edge?(s), inspect(s))

    for s <- [
          "a\u200Bb",
          <<0xEF, 0xBB>>,
          <<0x0B, 0x0C>>,
          "\u00E9t\u00E9",
          "k\uFFFD",
          <<0xED, 0xA0, 0x80, ?k>>
        ],
        do: refute(Invisible.invisible_edge?(s), inspect(s))
  end

  # Elixir's and PCRE's Unicode data (plus the ranges written out in the predicate) and the
  # core's rule agree on every non-ASCII code point at the end of a secret.
  @tag timeout: 300_000
  test "every code point at an edge is judged like the predicate" do
    codes = Enum.reject(0x80..0x10FFFF, &(&1 in 0xD800..0xDFFF))

    judged =
      for code <- codes do
        secret = "k" <> <<code::utf8>>

        # the one-shot call: no key resource, so live-key counts elsewhere stay exact
        refused =
          case ChatwootIdentity.identifier_hash(secret, "u") do
            {:ok, _hash} -> false
            {:error, :secret_invisible} -> true
          end

        {code, refused, refused == Invisible.invisible_edge?(secret)}
      end

    disagree = for {code, _, false} <- judged, do: "U+" <> Integer.to_string(code, 16)
    assert disagree == []
    # the tags and reserved default-ignorables alone are 4096
    assert Enum.count(judged, fn {_, refused, _} -> refused end) > 4000
  end

  # matrix: empty-identifier
  test "an empty identifier is {:error, :empty_identifier}" do
    key = Key.new!(@secret)
    assert ChatwootIdentity.identifier_hash(@secret, "") == {:error, :empty_identifier}
    assert Key.identifier_hash(key, "") == {:error, :empty_identifier}

    assert_raise Error, ~r/^empty_identifier:/, fn ->
      ChatwootIdentity.identifier_hash!(@secret, "")
    end

    refute ChatwootIdentity.verify(@secret, "", native(@secret, ""))
    refute Key.verify(key, "", native(@secret, ""))
    assert ChatwootIdentity.explain(@secret, "", @hash) == {:error, :empty_identifier}
  end

  # matrix: identifier-1mib
  test "a 1 MiB identifier hashes like :crypto.mac, one-shot, keyed and in a batch" do
    big = :crypto.strong_rand_bytes(1_048_576)
    expected = native(@secret, big)
    key = Key.new!(@secret)
    assert ChatwootIdentity.identifier_hash(@secret, big) == {:ok, expected}
    assert Key.identifier_hash(key, big) == {:ok, expected}
    assert Key.identifier_hashes(key, [big]) == {:ok, [expected]}
    assert ChatwootIdentity.verify(@secret, big, expected)
    assert Key.verify(key, big, expected)
  end

  # matrix: non-utf8
  test "non-UTF-8 bytes are hashed as bytes, like :crypto.mac" do
    for bytes <- [<<0xFF, 0xFE, 0xFD>>, <<0xC3, 0x28>>, <<0xED, 0xA0, 0x80>>, <<0, 0x80, 0>>] do
      refute String.valid?(bytes)
      expected = native(@secret, bytes)
      assert ChatwootIdentity.identifier_hash(@secret, bytes) == {:ok, expected}
      assert Key.identifier_hash(Key.new!(@secret), bytes) == {:ok, expected}
      assert ChatwootIdentity.verify(@secret, bytes, expected)
    end
  end

  describe "verify fails closed" do
    setup do: {:ok, key: Key.new!(@secret)}

    # matrix: hash-wrong-length
    test "a hash of the wrong length is false", %{key: key} do
      for hash <- ["", binary_part(@hash, 0, 63), @hash <> "0", binary_part(@hash, 0, 40)] do
        refute ChatwootIdentity.verify(@secret, @identifier, hash)
        refute Key.verify(key, @identifier, hash)
      end
    end

    # matrix: uppercase-hash
    test "the right hash in uppercase is false", %{key: key} do
      refute ChatwootIdentity.verify(@secret, @identifier, String.upcase(@hash))
      refute Key.verify(key, @identifier, String.upcase(@hash))
      assert ChatwootIdentity.verify(@secret, @identifier, @hash)
    end

    # matrix: non-hex-hash
    test "a non-hex hash of 64 characters is false", %{key: key} do
      non_hex = "g" <> binary_part(@hash, 1, 63)
      refute ChatwootIdentity.verify(@secret, @identifier, non_hex)
      refute Key.verify(key, @identifier, non_hex)
      refute ChatwootIdentity.verify(@secret, @identifier, String.duplicate("\xFF", 64))
    end

    # matrix: hash-whitespace
    test "the right hash with surrounding whitespace is false", %{key: key} do
      for hash <- [@hash <> "\n", " " <> @hash, @hash <> "\r\n", "\t" <> @hash <> " "] do
        refute ChatwootIdentity.verify(@secret, @identifier, hash)
        refute Key.verify(key, @identifier, hash)
      end
    end
  end

  # matrix: batch-bad-offsets
  test "a batch with an empty or ill-typed element names its index; a non-list is :badarg" do
    key = Key.new!(@secret)
    assert Key.identifier_hashes(key, ["a", "", "b"]) == {:error, {:empty_identifier, 1}}
    assert Key.identifier_hashes(key, ["a", "b", nil]) == {:error, {:badarg, 2}}
    assert Key.identifier_hashes(key, ["a" | "b"]) == {:error, :badarg}
    error = assert_raise Error, fn -> Key.identifier_hashes!(key, ["a", ""]) end
    assert {error.reason, error.index} == {:empty_identifier, 1}
  end

  # matrix: buffer-too-small
  test "the binding sizes the output: always exactly 64 lowercase hex characters" do
    key = Key.new!(@secret)
    ids = ["a", 42, :binary.copy("z", 100_000), <<0xFF>>]

    hashes =
      Enum.map(ids, &ChatwootIdentity.identifier_hash!(@secret, &1)) ++
        Enum.map(ids, &Key.identifier_hash!(key, &1)) ++ Key.identifier_hashes!(key, ids)

    assert length(hashes) == 12
    for hash <- hashes, do: assert(hash =~ ~r/\A[0-9a-f]{64}\z/)
  end
end
