defmodule ChatwootIdentity.DifferentialTest do
  # 10,000 random (secret, identifier) pairs against Erlang's :crypto.mac, so the binding
  # cannot agree with a bug in the core. (StreamData is on Hex: :rand and :crypto instead.)
  use ExUnit.Case, async: true

  alias ChatwootIdentity.Key

  @pairs 10_000
  @whitespace ~c" \t\r\n"

  defp native(secret, identifier),
    do: Base.encode16(:crypto.mac(:hmac, :sha256, secret, identifier), case: :lower)

  # Random bytes that the library accepts as a secret: not empty, no whitespace at the ends.
  defp random_secret do
    secret = :crypto.strong_rand_bytes(:rand.uniform(100))
    trimmed = secret |> :binary.bin_to_list() |> Enum.drop_while(&(&1 in @whitespace))

    if trimmed == [] or List.last(trimmed) in @whitespace,
      do: random_secret(),
      else: :erlang.list_to_binary(trimmed)
  end

  # Lengths around the SHA-256 block boundaries (55/56/64 bytes) are covered with 1..200.
  defp random_identifier, do: :crypto.strong_rand_bytes(:rand.uniform(200))

  test "identifier_hash/2 and verify/3 equal :crypto.mac on #{@pairs} random pairs" do
    pairs = for _ <- 1..@pairs, do: {random_secret(), random_identifier()}

    for {secret, identifier} <- pairs do
      expected = native(secret, identifier)
      assert ChatwootIdentity.identifier_hash(secret, identifier) == {:ok, expected}
      assert ChatwootIdentity.verify(secret, identifier, expected)
    end

    assert length(pairs) == @pairs
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
