defmodule ChatwootIdentity.VectorsTest do
  # Every case of the shared tests/vectors.json, through every entry point.
  use ExUnit.Case, async: true

  alias ChatwootIdentity.{Error, Explanation, Key, Nif}
  alias ChatwootIdentity.Test.Vectors

  @vectors Vectors.load()
  @external_resource Vectors.path()

  test "the vectors file has every group" do
    assert length(@vectors["hash"]) > 10
    assert length(@vectors["rejected"]) > 3
    assert length(@vectors["verify"]) > 5
  end

  test "the verdict atoms carry the library's verdict codes and names" do
    assert length(@vectors["explain"]) > 10

    assert Explanation.verdicts() ==
             Map.new(@vectors["verdicts"], fn {name, code} -> {String.to_atom(name), code} end)

    for {name, code} <- @vectors["verdicts"] do
      assert Nif.verdict_name(code) == name
      assert Explanation.from_code(code).verdict == String.to_atom(name)
    end
  end

  test "the error atoms carry the library's status codes" do
    for {name, code} <- @vectors["statuses"], name != "OK" do
      assert Error.code(String.to_atom(String.downcase(name))) == code
    end
  end

  for vector <- @vectors["hash"] do
    @vector vector
    test "hash: #{vector["name"]}" do
      %{"secret_bytes" => secret, "identifier_bytes" => identifier, "identifier_hash" => hash} =
        @vector

      assert ChatwootIdentity.identifier_hash(secret, identifier) == {:ok, hash}
      assert ChatwootIdentity.identifier_hash!(secret, identifier) == hash
      assert ChatwootIdentity.verify(secret, identifier, hash)
      key = Key.new!(secret)
      assert Key.identifier_hash(key, identifier) == {:ok, hash}
      assert Key.verify(key, identifier, hash)
      assert Key.identifier_hashes(key, [identifier, identifier]) == {:ok, [hash, hash]}
      # Independent oracle: Erlang's own HMAC.
      assert Base.encode16(:crypto.mac(:hmac, :sha256, secret, identifier), case: :lower) == hash
    end
  end

  for vector <- @vectors["rejected"] do
    @vector vector
    test "rejected: #{vector["name"]}" do
      %{"secret_bytes" => secret, "identifier_bytes" => identifier, "status" => status} = @vector
      reason = status |> String.downcase() |> String.to_atom()
      assert Error.code(reason) == @vector["code"]

      assert ChatwootIdentity.identifier_hash(secret, identifier) == {:error, reason}
      error = assert_raise Error, fn -> ChatwootIdentity.identifier_hash!(secret, identifier) end
      assert error.reason == reason
      assert error.message == "#{reason}: #{ChatwootIdentity.Nif.status_message(@vector["code"])}"

      good = Base.encode16(:crypto.mac(:hmac, :sha256, secret, identifier), case: :lower)
      refute ChatwootIdentity.verify(secret, identifier, good)

      case Key.new(secret) do
        # A secret error is caught when the key is made ...
        {:error, ^reason} ->
          assert reason in [:empty_secret, :secret_whitespace, :secret_invisible]

        # ... an identifier error when hashing.
        {:ok, key} ->
          assert Key.identifier_hash(key, identifier) == {:error, reason}
          assert Key.identifier_hashes(key, ["ok", identifier]) == {:error, {reason, 1}}
          refute Key.verify(key, identifier, good)
      end
    end
  end

  for vector <- @vectors["verify"] do
    @vector vector
    test "verify: #{vector["name"]}" do
      %{"secret_bytes" => secret, "identifier_bytes" => identifier} = @vector
      %{"identifier_hash" => hash, "valid" => valid} = @vector
      assert ChatwootIdentity.verify(secret, identifier, hash) == valid

      case Key.new(secret) do
        {:ok, key} -> assert Key.verify(key, identifier, hash) == valid
        {:error, _} -> refute valid
      end
    end
  end

  test "the explain vectors cover every verdict, and the candidate kinds are the library's" do
    seen = MapSet.new(@vectors["explain"], & &1["verdict"])
    assert MapSet.new(Map.keys(@vectors["verdicts"])) == seen

    assert Map.new(ChatwootIdentity.Abi.candidate_kinds(), fn {k, v} -> {to_string(k), v} end) ==
             @vectors["candidate_kinds"]
  end

  for vector <- @vectors["explain"] do
    @vector vector
    test "explain: #{vector["name"]}" do
      %{"secret_bytes" => secret, "identifier_bytes" => identifier, "hash_bytes" => hash} =
        @vector

      %{"verdict" => name, "code" => code} = @vector
      verdict = String.to_atom(name)

      {kind, index} =
        case @vector["candidate"] do
          nil -> {nil, nil}
          %{"kind" => kind, "index" => index} -> {String.to_atom(kind), index}
        end

      opts = [
        other_secrets: @vector["other_secrets_bytes"],
        other_identifiers: @vector["other_identifiers_bytes"]
      ]

      assert {:ok, explanation} = ChatwootIdentity.explain(secret, identifier, hash, opts)

      assert explanation == %Explanation{
               verdict: verdict,
               code: code,
               message: Nif.verdict_message(code),
               candidate_kind: kind,
               candidate_index: index
             }

      assert Explanation.match?(explanation) == (verdict == :match)
      # explain is a diagnosis; verify stays the answer, and they agree on a match.
      assert ChatwootIdentity.verify(secret, identifier, hash) == (verdict == :match)
    end
  end

  for vector <- @vectors["explain_rejected"] do
    @vector vector
    test "explain rejected: #{vector["name"]}" do
      %{"secret_bytes" => secret, "identifier_bytes" => identifier, "hash_bytes" => hash} =
        @vector

      reason = @vector["status"] |> String.downcase() |> String.to_atom()
      assert Error.code(reason) == @vector["code"]
      assert ChatwootIdentity.explain(secret, identifier, hash) == {:error, reason}
      error = assert_raise Error, fn -> ChatwootIdentity.explain!(secret, identifier, hash) end
      assert error.reason == reason
    end
  end
end
