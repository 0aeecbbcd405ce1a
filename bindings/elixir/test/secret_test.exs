defmodule ChatwootIdentity.SecretTest do
  # A secret with whitespace or an invisible character at an edge, beyond the cases of
  # tests/bad_input_matrix.json: every character of test/support/invisible.ex (restated from
  # Elixir's and PCRE's own Unicode data) at either end and both, and every code point at an
  # edge judged by that predicate and by the core alike. A padded secret is never trimmed.
  use ExUnit.Case, async: true

  alias ChatwootIdentity.{Error, Key}
  alias ChatwootIdentity.Test.Invisible

  @secret "your-secret-token-for-hmac"
  @identifier "unique-identifier-of-the-user"
  @hash "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"

  defp native(secret, identifier),
    do: Base.encode16(:crypto.mac(:hmac, :sha256, secret, identifier), case: :lower)

  test "whitespace around the secret is {:error, :secret_whitespace}, never trimmed silently" do
    for bad <- [@secret <> "\n", "\t" <> @secret, @secret <> " ", " " <> @secret <> " "] do
      assert ChatwootIdentity.identifier_hash(bad, @identifier) == {:error, :secret_whitespace}
      assert Key.new(bad) == {:error, :secret_whitespace}
      error = assert_raise Error, fn -> ChatwootIdentity.identifier_hash!(bad, @identifier) end
      assert error.reason == :secret_whitespace
      refute ChatwootIdentity.verify(bad, @identifier, native(bad, @identifier))
      # the hash of the trimmed secret does not verify either
      refute ChatwootIdentity.verify(bad, @identifier, @hash)
      assert ChatwootIdentity.explain!(bad, @identifier, @hash).verdict == :secret_whitespace
    end

    assert ChatwootIdentity.explain(" \n", @identifier, @hash) == {:error, :empty_secret}
  end

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
end
