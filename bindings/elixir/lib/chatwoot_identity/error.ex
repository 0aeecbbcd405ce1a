defmodule ChatwootIdentity.Error do
  @moduledoc """
  Raised by the bang functions (`ChatwootIdentity.identifier_hash!/2`,
  `ChatwootIdentity.Key.new!/1`, ...).

  `reason` is the same atom the non-bang function returns in `{:error, reason}`; `index` is
  the position of the offending identifier for `ChatwootIdentity.Key.identifier_hashes!/2`
  (`nil` otherwise); `message` is the library's own sentence, which never contains the
  secret or the identifier.

      iex> ChatwootIdentity.identifier_hash!("", "42")
      ** (ChatwootIdentity.Error) empty_secret: the secret is empty: pass the inbox's HMAC token (Inbox settings > Configuration)
  """

  # The library's cw_status codes (fixed forever by its C ABI).
  @codes %{
    null_pointer: -1,
    empty_secret: -2,
    secret_whitespace: -3,
    empty_identifier: -4,
    buffer_too_small: -5,
    invalid_offsets: -6,
    internal_error: -7
  }

  @type reason ::
          :null_pointer
          | :empty_secret
          | :secret_whitespace
          | :empty_identifier
          | :buffer_too_small
          | :invalid_offsets
          | :internal_error
          | :badarg

  @type t :: %__MODULE__{reason: reason(), index: non_neg_integer() | nil, message: String.t()}

  defexception [:reason, :index, :message]

  @impl true
  def exception(opts) do
    reason = Keyword.fetch!(opts, :reason)
    index = Keyword.get(opts, :index)
    text = describe(reason)
    text = if index, do: "identifier at index #{index}: #{text}", else: text
    %__MODULE__{reason: reason, index: index, message: "#{reason}: #{text}"}
  end

  @doc "The library's message for `reason` (from `cw_status_message`)."
  @spec describe(reason()) :: String.t()
  def describe(:badarg), do: "expected a binary, an integer or a charlist (valid Unicode)"
  def describe(reason), do: ChatwootIdentity.Nif.status_message(Map.get(@codes, reason, -7))

  @doc "The library's status code for `reason`, as in `tests/vectors.json`."
  @spec code(reason()) :: integer() | nil
  def code(reason), do: Map.get(@codes, reason)
end
