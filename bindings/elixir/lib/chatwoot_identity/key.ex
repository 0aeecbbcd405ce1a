defmodule ChatwootIdentity.Key do
  @moduledoc """
  An inbox secret prepared once for many hashes (the library caches its HMAC midstates, so
  each hash costs two SHA-256 compressions). Create one per inbox at boot and share it:
  it is immutable, and any number of processes may use it at once.

  The key lives in native memory, owned by a NIF resource; when the last reference is
  garbage collected the library wipes and frees it (`cw_key_free`). `inspect/1` never
  shows the secret.

  There is no `close`: a key is freed only once no process can reach it, so no call can
  ever see a closed key, even one in progress on another scheduler (the NIF call holds a
  reference). Drop the last reference to release the key's memory; it is wiped then.

      iex> {:ok, key} = ChatwootIdentity.Key.new("your-secret-token-for-hmac")
      iex> inspect(key)
      "#ChatwootIdentity.Key<secret: redacted>"
      iex> ChatwootIdentity.Key.identifier_hash(key, "unique-identifier-of-the-user")
      {:ok, "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"}
  """

  alias ChatwootIdentity.{Error, Input, Nif, Render}

  @enforce_keys [:resource]
  defstruct [:resource]

  @opaque t :: %__MODULE__{resource: reference()}

  @doc """
  Validates `secret` and prepares it. Errors: `:empty_secret`, `:secret_whitespace`,
  `:secret_invisible` (a byte-order mark or no-break space at an end), `:badarg`.

      iex> ChatwootIdentity.Key.new("")
      {:error, :empty_secret}
  """
  @spec new(ChatwootIdentity.input()) :: {:ok, t()} | {:error, Error.reason()}
  def new(secret) do
    with {:ok, secret} <- Input.to_binary(secret),
         {:ok, resource} <- Nif.key_new(secret) do
      {:ok, %__MODULE__{resource: resource}}
    else
      :error -> {:error, :badarg}
      {:error, _reason} = error -> error
    end
  end

  @doc "Like `new/1`, but returns the key or raises `ChatwootIdentity.Error`."
  @spec new!(ChatwootIdentity.input()) :: t()
  def new!(secret) do
    case new(secret) do
      {:ok, key} -> key
      {:error, reason} -> raise Error, reason: reason
    end
  end

  @doc """
  The `identifier_hash` of `identifier` under this key.

      iex> key = ChatwootIdentity.Key.new!("your-secret-token-for-hmac")
      iex> ChatwootIdentity.Key.identifier_hash(key, "")
      {:error, :empty_identifier}
  """
  @spec identifier_hash(t(), ChatwootIdentity.input()) ::
          {:ok, ChatwootIdentity.identifier_hash()} | {:error, Error.reason()}
  def identifier_hash(%__MODULE__{resource: resource}, identifier) when is_binary(identifier),
    do: Nif.key_identifier_hash(resource, identifier)

  def identifier_hash(%__MODULE__{resource: resource}, identifier) do
    case Input.to_binary(identifier) do
      {:ok, identifier} -> Nif.key_identifier_hash(resource, identifier)
      :error -> {:error, :badarg}
    end
  end

  def identifier_hash(_not_a_key, _identifier), do: {:error, :badarg}

  @doc "Like `identifier_hash/2`, but returns the hash or raises `ChatwootIdentity.Error`."
  @spec identifier_hash!(t(), ChatwootIdentity.input()) :: ChatwootIdentity.identifier_hash()
  def identifier_hash!(key, identifier) do
    case identifier_hash(key, identifier) do
      {:ok, hash} -> hash
      {:error, reason} -> raise Error, reason: reason
    end
  end

  @doc """
  Whether `identifier_hash` is exactly the hash of `identifier` under this key, compared in
  constant time by the library. `false` for every bad input.

      iex> key = ChatwootIdentity.Key.new!("your-secret-token-for-hmac")
      iex> ChatwootIdentity.Key.verify(key, "unique-identifier-of-the-user",
      ...>   "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c")
      true
  """
  @spec verify(t(), ChatwootIdentity.input(), ChatwootIdentity.input()) :: boolean()
  def verify(%__MODULE__{resource: resource}, identifier, identifier_hash)
      when is_binary(identifier) and is_binary(identifier_hash),
      do: Nif.key_verify(resource, identifier, identifier_hash)

  def verify(%__MODULE__{resource: resource}, identifier, identifier_hash) do
    with {:ok, identifier} <- Input.to_binary(identifier),
         {:ok, identifier_hash} <- Input.to_binary(identifier_hash) do
      Nif.key_verify(resource, identifier, identifier_hash)
    else
      :error -> false
    end
  end

  def verify(_not_a_key, _identifier, _identifier_hash), do: false

  @doc """
  The `identifier_hash` of every identifier in the list, in order, in one NIF call (long
  lists run on a dirty CPU scheduler, so the BEAM's normal schedulers keep running).

  On error, returns `{:error, {reason, index}}` with the 0-based index of the first
  offending identifier (`:empty_identifier`, or `:badarg` for an element that is not a
  binary, integer or charlist), or `{:error, :badarg}` when `identifiers` is not a proper
  list.

      iex> key = ChatwootIdentity.Key.new!("your-secret-token-for-hmac")
      iex> ChatwootIdentity.Key.identifier_hashes(key, ["unique-identifier-of-the-user", 42])
      {:ok, ["fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c",
             "c9780078a38a78a80c5e0011263bd61be2406459c8296e0d8d0da7e7ac6d97fd"]}
      iex> ChatwootIdentity.Key.identifier_hashes(key, ["a", "b", ""])
      {:error, {:empty_identifier, 2}}
  """
  @spec identifier_hashes(t(), [ChatwootIdentity.input()]) ::
          {:ok, [ChatwootIdentity.identifier_hash()]}
          | {:error, {Error.reason(), non_neg_integer()} | :badarg}
  def identifier_hashes(%__MODULE__{resource: resource}, identifiers) when is_list(identifiers) do
    case Nif.key_identifier_hashes(resource, identifiers) do
      # Some element is an integer or a charlist: convert them all, then hash.
      :not_binary ->
        case Input.to_binaries(identifiers) do
          {:ok, binaries} -> Nif.key_identifier_hashes(resource, binaries)
          {:error, _} = error -> error
        end

      result ->
        result
    end
  end

  def identifier_hashes(_key, _identifiers), do: {:error, :badarg}

  @doc "Like `identifier_hashes/2`, but returns the hashes or raises `ChatwootIdentity.Error`."
  @spec identifier_hashes!(t(), [ChatwootIdentity.input()]) :: [
          ChatwootIdentity.identifier_hash()
        ]
  def identifier_hashes!(key, identifiers) do
    case identifier_hashes(key, identifiers) do
      {:ok, hashes} -> hashes
      {:error, {reason, index}} -> raise Error, reason: reason, index: index
      {:error, reason} -> raise Error, reason: reason
    end
  end

  @doc """
  The `<script>` that signs the user in to Chatwoot's web widget:
  `window.$chatwoot.setUser(identifier, {identifier_hash, ...fields})`, run right away when
  the widget has loaded, otherwise once on `chatwoot:ready`. Render it in the page's body.

  - `identifier`: the user's identifier, a non-empty UTF-8 binary or an integer (always
    emitted as a JSON string of its decimal digits, so ids above 2^53 survive the browser).
  - `fields`: a map with atom or string keys: `name`, `email`, `avatar_url`,
    `phone_number`, `description`, `company_name`, `country_code`, `city` (strings; `nil`
    means not set) and `custom_attributes` (a map of strings, numbers and booleans). One of
    `name`, `email`, `avatar_url` must be a non-empty string.
  - `opts`: `nonce:` a CSP nonce (base64 or base64url characters) for `<script nonce="...">`.

  Every value is escaped so that nothing can close the script (`<`, `>`, `&`, `'`, U+2028
  and U+2029 become `\\uXXXX`): insert the result as-is (in Phoenix, `{:safe, script}` or
  `Phoenix.HTML.raw/1`), never through another escaper.

  Errors (`{:error, reason}`, see `ChatwootIdentity.Error`): `:empty_identifier`,
  `:invalid_identifier` (not valid UTF-8), `:unknown_field`, `:invalid_field_value`,
  `:missing_contact_field`, `:invalid_nonce`, and `:badarg` for a value of the wrong type
  (a float, boolean or nil identifier; fields that are not a map; an unknown option).

      iex> key = ChatwootIdentity.Key.new!("your-secret-token-for-hmac")
      iex> {:ok, script} = ChatwootIdentity.Key.set_user_script(key, 42, %{name: "Jane </script>"}, nonce: "abc123")
      iex> String.starts_with?(script, ~s(<script nonce="abc123">))
      true
      iex> script =~ "</script><"
      false
      iex> ChatwootIdentity.Key.set_user_script(key, 42, %{city: "Paris"})
      {:error, :missing_contact_field}
  """
  @spec set_user_script(t(), String.t() | integer(), map(), keyword()) ::
          {:ok, String.t()} | {:error, Error.reason()}
  def set_user_script(key, identifier, fields, opts \\ []),
    do: Error.public(script(key, identifier, fields, opts))

  @doc """
  Like `set_user_script/4`, but returns the script or raises `ChatwootIdentity.Error`, whose
  message names the argument of the wrong type and what it takes.
  """
  @spec set_user_script!(t(), String.t() | integer(), map(), keyword()) :: String.t()
  def set_user_script!(key, identifier, fields, opts \\ []),
    do: Error.unwrap!(script(key, identifier, fields, opts))

  defp script(%__MODULE__{resource: resource}, identifier, fields, opts) do
    with {:ok, nonce} <- Render.nonce(opts),
         {:ok, identifier} <- Render.identifier(identifier),
         {:ok, json} <- Render.fields(fields) do
      Nif.key_set_user_script(resource, identifier, json, nonce)
    end
  end

  defp script(_not_a_key, _identifier, _fields, _opts), do: {:error, {:badarg, "key"}}

  @doc """
  The JSON payload `{"identifier": ..., "identifier_hash": ..., ...fields}` for a
  single-page app's endpoint (the page then calls `window.$chatwoot.setUser(payload.identifier,
  payload)`); it is the widget's data, not a body for Chatwoot's public client API.
  Arguments and errors as in `set_user_script/4`.

      iex> key = ChatwootIdentity.Key.new!("your-secret-token-for-hmac")
      iex> ChatwootIdentity.Key.set_user_payload(key, "unique-identifier-of-the-user", %{"email" => "jane@example.com"})
      {:ok, ~s({"identifier":"unique-identifier-of-the-user","identifier_hash":"fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c","email":"jane@example.com"})}
  """
  @spec set_user_payload(t(), String.t() | integer(), map()) ::
          {:ok, String.t()} | {:error, Error.reason()}
  def set_user_payload(key, identifier, fields),
    do: Error.public(payload(key, identifier, fields))

  @doc "Like `set_user_payload/3`, but returns the JSON or raises `ChatwootIdentity.Error`."
  @spec set_user_payload!(t(), String.t() | integer(), map()) :: String.t()
  def set_user_payload!(key, identifier, fields),
    do: Error.unwrap!(payload(key, identifier, fields))

  defp payload(%__MODULE__{resource: resource}, identifier, fields) do
    with {:ok, identifier} <- Render.identifier(identifier),
         {:ok, json} <- Render.fields(fields) do
      Nif.key_set_user_payload(resource, identifier, json)
    end
  end

  defp payload(_not_a_key, _identifier, _fields), do: {:error, {:badarg, "key"}}

  defimpl Inspect do
    def inspect(_key, _opts), do: "#ChatwootIdentity.Key<secret: redacted>"
  end
end
