defmodule ChatwootIdentity.Explanation do
  @moduledoc """
  What `ChatwootIdentity.explain/4` found: the most likely reason an `identifier_hash` does
  or does not match (the library's `cw_verdict`).

  - `verdict`: an atom, the library's name for it (`:match`, `:uppercase_hex`, ...), or
    `:unknown` for a code from a newer library that this binding does not know yet;
  - `code`: the library's number for it (fixed by its C ABI);
  - `message`: the library's sentence, what happened and what to do (never contains the
    secret, the identifier or the hash);
  - `candidate_kind`, `candidate_index`: for `:other_candidate`, which list held the
    candidate that reproduced the hash (`:secret` for `other_secrets:`, `:identifier` for
    `other_identifiers:`) and its position in it (never its value); `nil` otherwise.

  `to_string/1` gives `"verdict: message"`, for a log line.

      iex> explanation = ChatwootIdentity.Explanation.from_code(1)
      iex> {explanation.verdict, ChatwootIdentity.Explanation.match?(explanation)}
      {:uppercase_hex, false}
      iex> ChatwootIdentity.Explanation.from_code(1_000).verdict
      :unknown
  """

  alias ChatwootIdentity.{Abi, Nif}

  @by_code Map.new(Abi.verdicts(), fn {name, code} -> {code, name} end)
  @kinds Map.new(Abi.candidate_kinds(), fn {name, code} -> {code, name} end)

  @type verdict :: Abi.verdict()

  @type t :: %__MODULE__{
          verdict: verdict(),
          code: integer(),
          message: String.t(),
          candidate_kind: :secret | :identifier | nil,
          candidate_index: non_neg_integer() | nil
        }

  @enforce_keys [:verdict, :code, :message]
  defstruct [:verdict, :code, :message, candidate_kind: nil, candidate_index: nil]

  @doc "Whether the hash matches (the verdict is `:match`): Chatwoot will accept it."
  @spec match?(t()) :: boolean()
  def match?(%__MODULE__{verdict: verdict}), do: verdict == :match

  @doc """
  The explanation for a library `cw_verdict` code (and, for `:other_candidate`, the
  candidate's kind code and index); an unknown code gives `:unknown` (and the library's
  message for it), never an exception.
  """
  @spec from_code(integer(), integer(), non_neg_integer()) :: t()
  def from_code(code, kind \\ 0, index \\ 0)
      when is_integer(code) and code in -0x8000_0000..0x7FFF_FFFF do
    {candidate_kind, candidate_index} =
      case Map.get(@kinds, kind, :none) do
        :none -> {nil, nil}
        kind -> {kind, index}
      end

    %__MODULE__{
      verdict: Map.get(@by_code, code, :unknown),
      code: code,
      message: Nif.verdict_message(code),
      candidate_kind: candidate_kind,
      candidate_index: candidate_index
    }
  end

  @doc "Every verdict this binding knows, with the library's code for it."
  @spec verdicts() :: %{verdict() => integer()}
  def verdicts, do: Map.new(Abi.verdicts())

  defimpl String.Chars do
    def to_string(%{verdict: verdict, message: message}), do: "#{verdict}: #{message}"
  end
end
