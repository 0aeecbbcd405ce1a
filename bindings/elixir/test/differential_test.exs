defmodule ChatwootIdentity.DifferentialTest do
  # 10,000 random (secret, identifier) pairs against Erlang's :crypto.mac, so the binding
  # cannot agree with a bug in the core. (StreamData is on Hex: :rand and :crypto instead.)
  use ExUnit.Case, async: true

  alias ChatwootIdentity.Key
  alias ChatwootIdentity.Test.Invisible

  @pairs 10_000
  @whitespace ~c" \t\r\n"

  defp native(secret, identifier),
    do: Base.encode16(:crypto.mac(:hmac, :sha256, secret, identifier), case: :lower)

  # Random bytes, not empty, no ASCII whitespace at the ends; the bytes at an end may happen
  # to be an invisible character as UTF-8 (U+0085, U+00A0, U+00AD are two bytes).
  defp random_bytes_secret do
    secret = :crypto.strong_rand_bytes(:rand.uniform(100))
    trimmed = secret |> :binary.bin_to_list() |> Enum.drop_while(&(&1 in @whitespace))

    if trimmed == [] or List.last(trimmed) in @whitespace,
      do: random_bytes_secret(),
      else: :erlang.list_to_binary(trimmed)
  end

  # Random bytes that the library accepts as a secret.
  defp random_secret do
    secret = random_bytes_secret()
    if Invisible.invisible_edge?(secret), do: random_secret(), else: secret
  end

  # Lengths around the SHA-256 block boundaries (55/56/64 bytes) are covered with 1..200.
  defp random_identifier, do: :crypto.strong_rand_bytes(:rand.uniform(200))

  test "identifier_hash/2 and verify/3 equal :crypto.mac on #{@pairs} random pairs" do
    pairs = for _ <- 1..@pairs, do: {random_bytes_secret(), random_identifier()}

    for {secret, identifier} <- pairs do
      expected = native(secret, identifier)

      if Invisible.invisible_edge?(secret) do
        assert ChatwootIdentity.identifier_hash(secret, identifier) == {:error, :secret_invisible}
        assert Key.new(secret) == {:error, :secret_invisible}
        refute ChatwootIdentity.verify(secret, identifier, expected)
      else
        assert ChatwootIdentity.identifier_hash(secret, identifier) == {:ok, expected}
        assert ChatwootIdentity.verify(secret, identifier, expected)
      end
    end

    assert length(pairs) == @pairs
    # random bytes rarely form an invisible character at an end
    assert Enum.count(pairs, fn {s, _} -> Invisible.invisible_edge?(s) end) < @pairs * 0.01
  end

  test "random secrets with an invisible character at an end are refused, hashed inside" do
    for _ <- 1..300 do
      core = random_secret()
      mark = Enum.random(Invisible.invisibles())
      bad = Enum.random([mark <> core, core <> mark, mark <> core <> mark])
      assert Invisible.invisible_edge?(bad)
      assert ChatwootIdentity.identifier_hash(bad, "user") == {:error, :secret_invisible}
      assert Key.new(bad) == {:error, :secret_invisible}
      refute ChatwootIdentity.verify(bad, "user", native(bad, "user"))
      # inside a secret the character is key material
      inside = "k" <> mark <> "k"
      assert ChatwootIdentity.identifier_hash(inside, "user") == {:ok, native(inside, "user")}
    end
  end

  test "random text secrets: :secret_invisible for an invisible end, :crypto.mac otherwise" do
    alphabet =
      String.codepoints("abcXYZ019-_~ éüßжユ😀\u00AD\u00A0\u200B\uFEFF\u3000\u{E0041}\u2028")

    results =
      for _ <- 1..2_000,
          secret =
            String.trim(Enum.join(for(_ <- 1..:rand.uniform(30), do: Enum.random(alphabet))), " "),
          secret != "" do
        if Invisible.invisible_edge?(secret) do
          assert ChatwootIdentity.identifier_hash(secret, "user-1") == {:error, :secret_invisible}
          refute ChatwootIdentity.verify(secret, "user-1", native(secret, "user-1"))
          :refused
        else
          assert ChatwootIdentity.identifier_hash(secret, "user-1") ==
                   {:ok, native(secret, "user-1")}

          :hashed
        end
      end

    assert Enum.count(results, &(&1 == :refused)) > 200
    assert Enum.count(results, &(&1 == :hashed)) > 200
  end

  test "Key functions equal :crypto.mac for random secrets and batches" do
    for _ <- 1..100 do
      secret = random_secret()
      key = Key.new!(secret)
      identifiers = for _ <- 1..100, do: random_identifier()
      expected = Enum.map(identifiers, &native(secret, &1))

      assert Key.identifier_hashes(key, identifiers) == {:ok, expected}

      for {identifier, hash} <- Enum.zip(identifiers, expected) do
        assert Key.identifier_hash(key, identifier) == {:ok, hash}
        assert Key.verify(key, identifier, hash)
      end
    end
  end

  test "a flipped hex digit never verifies" do
    for _ <- 1..1_000 do
      {secret, identifier} = {random_secret(), random_identifier()}
      <<hash::binary-size(64)>> = native(secret, identifier)
      at = :rand.uniform(64) - 1
      <<before::binary-size(at), digit, rest::binary>> = hash
      other = if digit == ?0, do: ?1, else: ?0
      refute ChatwootIdentity.verify(secret, identifier, <<before::binary, other, rest::binary>>)
    end
  end
end
