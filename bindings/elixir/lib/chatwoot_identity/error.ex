defmodule ChatwootIdentity.Error do
  @moduledoc """
  Raised by the bang functions (`ChatwootIdentity.identifier_hash!/2`,
  `ChatwootIdentity.Key.new!/1`, `ChatwootIdentity.Key.set_user_script!/4`, ...).

  `reason` is the same atom the non-bang function returns in `{:error, reason}`: the
  library's status name (`:empty_secret`, `:secret_whitespace`, `:empty_identifier`,
  `:invalid_identifier`, `:invalid_json`, `:unknown_field`, `:invalid_field_value`,
  `:missing_contact_field`, `:invalid_nonce`, ...) or `:badarg` for a value of the wrong
  type; `index` is the position of the offending identifier for
  `ChatwootIdentity.Key.identifier_hashes!/2` (`nil` otherwise); `message` is the library's
  own sentence, which never contains the secret, the identifier or a field's value.

      iex> ChatwootIdentity.identifier_hash!("", "42")
      ** (ChatwootIdentity.Error) empty_secret: the secret is empty: pass the inbox's HMAC token (Settings > Inboxes > the inbox > Configuration)
  """

  alias ChatwootIdentity.Abi

  @codes Map.new(Abi.statuses())

  @type reason :: Abi.status() | :badarg

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

  def describe(reason),
    do: ChatwootIdentity.Nif.status_message(Map.get(@codes, reason, @codes.internal_error))

  @doc "The library's status code for `reason`, as in `tests/vectors.json`."
  @spec code(reason()) :: integer() | nil
  def code(:ok), do: nil
  def code(reason), do: Map.get(@codes, reason)

  @doc false
  # `{:ok, value}` as is, or the value; raises for `{:error, reason}`.
  def unwrap!({:ok, value}), do: value
  def unwrap!({:error, {reason, index}}), do: raise(__MODULE__, reason: reason, index: index)
  def unwrap!({:error, reason}), do: raise(__MODULE__, reason: reason)
end
