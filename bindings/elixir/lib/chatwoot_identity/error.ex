defmodule ChatwootIdentity.Error do
  @moduledoc """
  Raised by the bang functions (`ChatwootIdentity.identifier_hash!/2`,
  `ChatwootIdentity.Key.new!/1`, `ChatwootIdentity.Key.set_user_script!/4`, ...).

  `reason` is the same atom the non-bang function returns in `{:error, reason}`: the
  library's status name (`:empty_secret`, `:secret_whitespace`, `:secret_invisible`, `:empty_identifier`,
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

  @type t :: %__MODULE__{
          reason: reason(),
          index: non_neg_integer() | nil,
          argument: String.t() | nil,
          message: String.t()
        }

  defexception [:reason, :index, :argument, :message]

  # What each argument takes, for a `:badarg` naming it. Never the value passed.
  @input "a binary, an integer or a charlist (valid Unicode)"
  @expected %{
    "secret" => @input,
    "identifier" => @input,
    "identifier_hash" => @input,
    "other_secrets" => "a list of binaries, integers or charlists",
    "other_identifiers" => "a list of binaries, integers or charlists",
    "render identifier" => "a non-empty UTF-8 binary, an integer or a charlist",
    "fields" => "a map (not a struct) with atom or string keys",
    "fields key" => "an atom other than nil, true and false, or a string, as a field name",
    "options" => "a keyword list of the documented options only",
    "nonce" => "a binary of base64 or base64url characters, or nil",
    "key" => "a ChatwootIdentity.Key from ChatwootIdentity.Key.new/1"
  }

  @impl true
  def exception(opts) do
    reason = Keyword.fetch!(opts, :reason)
    index = Keyword.get(opts, :index)
    argument = Keyword.get(opts, :argument)
    text = describe(reason, argument)

    text =
      cond do
        argument -> "#{argument}: #{text}"
        index -> "identifier at index #{index}: #{text}"
        true -> text
      end

    %__MODULE__{reason: reason, index: index, argument: argument, message: "#{reason}: #{text}"}
  end

  @doc "The library's message for `reason` (from `cw_status_message`)."
  @spec describe(reason()) :: String.t()
  def describe(reason), do: describe(reason, nil)

  defp describe(:badarg, argument) when is_binary(argument) do
    base = argument |> String.replace(~r/\[\d+\]$/, "") |> String.replace(~r/ .*/, "")
    key = if Map.has_key?(@expected, argument), do: argument, else: base

    expected =
      if String.ends_with?(argument, "]"), do: @input, else: Map.get(@expected, key, @input)

    "expected " <> expected
  end

  defp describe(:badarg, _argument), do: "expected #{@input}"
  defp describe(reason, _argument), do: status_text(reason)

  defp status_text(reason),
    do: ChatwootIdentity.Nif.status_message(Map.get(@codes, reason, @codes.internal_error))

  @doc "The library's status code for `reason`, as in `tests/vectors.json`."
  @spec code(reason()) :: integer() | nil
  def code(:ok), do: nil
  def code(reason), do: Map.get(@codes, reason)

  @doc false
  # `{:ok, value}` as is, or the value; raises for `{:error, reason}`.
  def unwrap!({:ok, value}), do: value

  def unwrap!({:error, {:badarg, argument}}) when is_binary(argument),
    do: raise(__MODULE__, reason: :badarg, argument: argument)

  def unwrap!({:error, {:badarg, {list, index}}}),
    do: raise(__MODULE__, reason: :badarg, argument: "#{list}[#{index}]", index: index)

  def unwrap!({:error, {reason, index}}), do: raise(__MODULE__, reason: reason, index: index)
  def unwrap!({:error, reason}), do: raise(__MODULE__, reason: reason)

  @doc false
  # The non-bang functions' result: a `:badarg` names no argument there (documented shape),
  # except an indexed list entry, `{:badarg, {:other_secrets, 3}}`.
  def public({:error, {:badarg, argument}}) when is_binary(argument), do: {:error, :badarg}
  def public(result), do: result
end
