defmodule ChatwootIdentity.UnicodeTest do
  # Strings that are not valid Unicode. In Elixir a string is a binary and a binary is bytes:
  # the binding hashes every binary as its bytes, exactly like :crypto.mac, whether or not it
  # is valid UTF-8 (there is no separate string type to refuse). A charlist is text: one
  # holding a code point that is not a Unicode scalar value (a surrogate, above 0x10FFFF,
  # negative) cannot be encoded, so it is {:error, :badarg}, false from verify, and a
  # ChatwootIdentity.Error from the bang functions.
  use ExUnit.Case, async: true

  alias ChatwootIdentity.{Error, Key}

  @secret "your-secret-token-for-hmac"

  defp native(secret, identifier),
    do: Base.encode16(:crypto.mac(:hmac, :sha256, secret, identifier), case: :lower)

  test "a binary that is not valid UTF-8 is hashed as its bytes, like :crypto.mac" do
    key = Key.new!(@secret)

    for bytes <- [
          "a" <> <<0xFF>>,
          "user-" <> <<0xC3>>,
          "a" <> <<0xED, 0xA0, 0x80>>,
          <<0xC0, 0xAF>>
        ] do
      refute String.valid?(bytes)
      expected = native(@secret, bytes)
      assert ChatwootIdentity.identifier_hash(@secret, bytes) == {:ok, expected}
      assert Key.identifier_hash(key, bytes) == {:ok, expected}
      assert Key.identifier_hashes(key, ["ok", bytes]) == {:ok, [native(@secret, "ok"), expected]}
      assert ChatwootIdentity.verify(@secret, bytes, expected)
      assert Key.verify(key, bytes, expected)
      # Never replaced by U+FFFD: the replaced text is another identifier.
      replaced =
        bytes
        |> String.chunk(:valid)
        |> Enum.map_join(fn chunk -> if String.valid?(chunk), do: chunk, else: "\uFFFD" end)

      refute ChatwootIdentity.verify(@secret, replaced, expected)
    end

    secret = "s" <> <<0xFF>>
    assert ChatwootIdentity.identifier_hash(secret, "u") == {:ok, native(secret, "u")}
  end

  test "a charlist that is not valid Unicode is :badarg, false from verify, raised by the bangs" do
    key = Key.new!(@secret)
    any_hash = native(@secret, "a")

    for chars <- [[?a, 0xD800], [?a, 0xDFFF], [0x110000], [?a, -1], [?a, [0xD800]]] do
      assert ChatwootIdentity.identifier_hash(@secret, chars) == {:error, :badarg}
      assert ChatwootIdentity.identifier_hash(chars, "user") == {:error, :badarg}
      assert Key.new(chars) == {:error, :badarg}
      assert Key.identifier_hash(key, chars) == {:error, :badarg}
      assert Key.identifier_hashes(key, ["ok", chars]) == {:error, {:badarg, 1}}
      refute ChatwootIdentity.verify(@secret, chars, any_hash)
      refute Key.verify(key, chars, any_hash)
      assert ChatwootIdentity.explain(@secret, chars, any_hash) == {:error, :badarg}
      assert_raise Error, fn -> ChatwootIdentity.identifier_hash!(@secret, chars) end
      assert_raise Error, fn -> Key.identifier_hashes!(key, [chars]) end
    end

    # Valid charlists are UTF-8 text.
    assert ChatwootIdentity.identifier_hash(@secret, ~c"ユーザー") == {:ok, native(@secret, "ユーザー")}
  end
end
