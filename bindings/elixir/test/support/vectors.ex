defmodule ChatwootIdentity.Test.Vectors do
  # The shared vectors of tests/vectors.json, with the *_hex fields decoded to exact bytes.
  @moduledoc false

  @path Path.expand("../../../../tests/vectors.json", __DIR__)

  def path, do: @path

  def load do
    vectors = @path |> File.read!() |> ChatwootIdentity.Test.JSON.decode!()

    Map.new(~w(hash rejected verify explain explain_rejected), fn group ->
      {group, Enum.map(vectors[group], &bytes/1)}
    end)
    |> Map.put("statuses", vectors["statuses"])
    |> Map.put("verdicts", vectors["verdicts"])
    |> Map.put("candidate_kinds", vectors["candidate_kinds"])
  end

  defp hex(text), do: Base.decode16!(text, case: :mixed)

  defp bytes(case) do
    Map.merge(case, %{
      "secret_bytes" => Base.decode16!(case["secret_hex"], case: :mixed),
      "identifier_bytes" => Base.decode16!(case["identifier_hex"], case: :mixed)
    })
    # explain cases: hash_hex is the exact hash passed (it may be raw bytes or have whitespace).
    |> Map.merge(
      if case["hash_hex"],
        do: %{"hash_bytes" => Base.decode16!(case["hash_hex"], case: :mixed)},
        else: %{}
    )
    |> Map.merge(%{
      "other_secrets_bytes" => Enum.map(case["other_secrets_hex"] || [], &hex/1),
      "other_identifiers_bytes" => Enum.map(case["other_identifiers_hex"] || [], &hex/1)
    })
  end
end
