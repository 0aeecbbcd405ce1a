defmodule ChatwootIdentity.ExplainTest do
  # explain/3 as Elixir users call it (the shared vectors are in vectors_test.exs).
  use ExUnit.Case, async: true

  alias ChatwootIdentity.{Error, Explanation, Nif}

  @secret "your-secret-token-for-hmac"
  @identifier "unique-identifier-of-the-user"
  @hash "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"

  defp verdict(secret, identifier, hash) do
    {:ok, %Explanation{verdict: verdict}} = ChatwootIdentity.explain(secret, identifier, hash)
    verdict
  end

  defp digest(secret, identifier), do: :crypto.mac(:hmac, :sha256, secret, identifier)

  test "inputs follow identifier_hash/2: integers as decimal strings, charlists as UTF-8" do
    hash_of_42 = Base.encode16(digest(@secret, "42"), case: :lower)
    assert verdict(@secret, 42, hash_of_42) == :match
    assert verdict(@secret, "42", hash_of_42) == :match
    assert verdict(String.to_charlist(@secret), ~c"42", String.to_charlist(hash_of_42)) == :match
    # The float written by a JSON encoder on the other side.
    assert verdict(@secret, 42, Base.encode16(digest(@secret, "42.0"), case: :lower)) ==
             :identifier_format
  end

  test "the hash may be raw bytes, base64 or uppercase: each is named" do
    raw = digest(@secret, @identifier)
    assert verdict(@secret, @identifier, raw) == :raw_digest
    assert verdict(@secret, @identifier, Base.encode64(raw)) == :base64
    assert verdict(@secret, @identifier, String.upcase(@hash)) == :uppercase_hex
    assert verdict(@secret, @identifier, @hash <> "\n") == :hash_whitespace

    assert verdict(
             @secret,
             @identifier,
             Base.encode16(digest(@identifier, @secret), case: :lower)
           ) ==
             :swapped_arguments
  end

  test "a large identifier (the dirty-scheduler path) is explained too" do
    big = :binary.copy("x", 1_048_576)
    assert verdict(@secret, big, Base.encode16(digest(@secret, big), case: :lower)) == :match
    assert verdict(@secret, big, @hash) == :mismatch
  end

  test "an input of another type is {:error, :badarg}; explain! raises ChatwootIdentity.Error" do
    for bad <- [nil, :atom, 1.5, %{}, [-1]] do
      assert ChatwootIdentity.explain(bad, @identifier, @hash) == {:error, :badarg}
      assert ChatwootIdentity.explain(@secret, bad, @hash) == {:error, :badarg}
      assert ChatwootIdentity.explain(@secret, @identifier, bad) == {:error, :badarg}
    end

    assert Nif.explain(@secret, 1, @hash, [], []) == {:error, :badarg}
    assert Nif.explain(@secret, @identifier, @hash, [1], []) == {:error, :badarg}
    assert Nif.explain(@secret, @identifier, @hash, [], ["a" | "b"]) == {:error, :badarg}

    assert ChatwootIdentity.explain(@secret, @identifier, @hash, other_secrets: [nil]) ==
             {:error, {:badarg, {:other_secrets, 0}}}

    for bad <- [
          [other_identifiers: ["a" | "b"]],
          [other_secrets: "a"],
          [:x]
        ] do
      assert ChatwootIdentity.explain(@secret, @identifier, @hash, bad) == {:error, :badarg}
    end

    assert_raise Error, ~r/^badarg:/, fn -> ChatwootIdentity.explain!(@secret, nil, @hash) end
    assert ChatwootIdentity.explain!(@secret, @identifier, @hash).verdict == :match
  end

  test "an unknown code from a newer library is :unknown with the library's message" do
    for code <- [20, 99, -5, 2_147_483_647, -2_147_483_648] do
      explanation = Explanation.from_code(code)
      assert %Explanation{verdict: :unknown, code: ^code} = explanation
      assert explanation.message == Nif.verdict_message(code)
      assert explanation.message =~ "unknown"
      refute Explanation.match?(explanation)
    end
  end

  test "other secrets and identifiers: the match names the list and the position, never the value" do
    old = "the-token-before-rotation"
    hash = Base.encode16(digest(old, @identifier), case: :lower)

    {:ok, explanation} =
      ChatwootIdentity.explain(@secret, @identifier, hash,
        other_secrets: ["", ~c"another", old],
        other_identifiers: [42]
      )

    assert {explanation.verdict, explanation.candidate_kind, explanation.candidate_index} ==
             {:other_candidate, :secret, 2}

    refute inspect(explanation) =~ old
    refute ChatwootIdentity.verify(@secret, @identifier, hash)

    by_id = Base.encode16(digest(@secret, "42"), case: :lower)

    explanation =
      ChatwootIdentity.explain!(@secret, @identifier, by_id, other_identifiers: ["x", 42])

    assert {explanation.candidate_kind, explanation.candidate_index} == {:identifier, 1}

    # Without candidates, or with none that fits: no candidate.
    assert %Explanation{verdict: :mismatch, candidate_kind: nil, candidate_index: nil} =
             ChatwootIdentity.explain!(@secret, @identifier, hash)

    assert ChatwootIdentity.explain!(@secret, @identifier, hash, other_secrets: ["x"]).verdict ==
             :mismatch
  end

  test "many candidates (the dirty-scheduler path) are tried too" do
    secrets = for i <- 0..999, do: "token-#{i}" <> :binary.copy("x", 100 * rem(i, 2))
    hash = Base.encode16(digest(Enum.at(secrets, 499), @identifier), case: :lower)
    explanation = ChatwootIdentity.explain!(@secret, @identifier, hash, other_secrets: secrets)
    assert {explanation.candidate_kind, explanation.candidate_index} == {:secret, 499}
  end

  test "to_string/1 is the verdict and the message; neither holds the secret or the inputs" do
    secret = "do-not-leak-this-secret"
    identifier = "private-identifier"

    for hash <- [@hash, "x", "", String.upcase(@hash)], secret <- [secret, secret <> "\n"] do
      {:ok, explanation} = ChatwootIdentity.explain(secret, identifier, hash)
      text = to_string(explanation)
      assert text == "#{explanation.verdict}: #{explanation.message}"
      refute text =~ secret
      refute inspect(explanation) =~ secret
      refute inspect(explanation) =~ identifier
    end
  end
end
