defmodule ChatwootIdentity.Explanation do
  @moduledoc """
  What `ChatwootIdentity.explain/3` found: the most likely reason an `identifier_hash` does
  or does not match (the library's `cw_verdict`).

  - `verdict`: an atom, the library's name for it (`:match`, `:uppercase_hex`, ...), or
    `:unknown` for a code from a newer library that this binding does not know yet;
  - `code`: the library's number for it (fixed forever by its C ABI);
  - `message`: the library's sentence, what happened and what to do (never contains the
    secret, the identifier or the hash).

  `to_string/1` gives `"verdict: message"`, for a log line.

      iex> explanation = ChatwootIdentity.Explanation.from_code(1)
      iex> {explanation.verdict, ChatwootIdentity.Explanation.match?(explanation)}
      {:uppercase_hex, false}
      iex> ChatwootIdentity.Explanation.from_code(1_000).verdict
      :unknown
  """

  alias ChatwootIdentity.Nif

  # The library's cw_verdict values (fixed forever by its C ABI), in its checking order.
  @verdicts [
    null_pointer: -1,
    invalid_secret: -2,
    empty_identifier: -3,
    internal_error: -4,
    match: 0,
    uppercase_hex: 1,
    hash_whitespace: 2,
    secret_whitespace: 3,
    swapped_arguments: 4,
    hash_is_identifier: 5,
    identifier_is_hash: 6,
    base64: 7,
    raw_digest: 8,
    identifier_format: 9,
    other_algorithm: 10,
    not_hex: 11,
    wrong_length: 12,
    mismatch: 13
  ]
  @by_code Map.new(@verdicts, fn {name, code} -> {code, name} end)

  @type verdict ::
          :match
          | :uppercase_hex
          | :hash_whitespace
          | :secret_whitespace
          | :swapped_arguments
          | :hash_is_identifier
          | :identifier_is_hash
          | :base64
          | :raw_digest
          | :identifier_format
          | :other_algorithm
          | :not_hex
          | :wrong_length
          | :mismatch
          | :null_pointer
          | :invalid_secret
          | :empty_identifier
          | :internal_error
          | :unknown

  @type t :: %__MODULE__{verdict: verdict(), code: integer(), message: String.t()}

  @enforce_keys [:verdict, :code, :message]
  defstruct [:verdict, :code, :message]

  @doc "Whether the hash matches (the verdict is `:match`): Chatwoot will accept it."
  @spec match?(t()) :: boolean()
  def match?(%__MODULE__{verdict: verdict}), do: verdict == :match

  @doc """
  The explanation for a library `cw_verdict` code; an unknown code gives `:unknown` (and the
  library's message for it), never an exception.
  """
  @spec from_code(integer()) :: t()
  def from_code(code) when is_integer(code) and code in -0x8000_0000..0x7FFF_FFFF do
    %__MODULE__{
      verdict: Map.get(@by_code, code, :unknown),
      code: code,
      message: Nif.verdict_message(code)
    }
  end

  @doc "Every verdict this binding knows, with the library's code for it."
  @spec verdicts() :: %{verdict() => integer()}
  def verdicts, do: Map.new(@verdicts)

  defimpl String.Chars do
    def to_string(%{verdict: verdict, message: message}), do: "#{verdict}: #{message}"
  end
end
