defmodule ChatwootIdentity do
  @moduledoc """
  Chatwoot identity validation for Elixir: the `identifier_hash` that Chatwoot's web widget
  checks, computed by `libchatwoot_identity` through a NIF.

      identifier_hash = lowercase hex HMAC-SHA256(key: the inbox's secret, message: the user's identifier)

  This replaces the Elixir snippet of Chatwoot's identity-validation docs,
  `:crypto.hmac(:sha256, key, identifier) |> Base.encode16() |> String.downcase()`, which
  raises `UndefinedFunctionError` since Erlang/OTP 24 removed `:crypto.hmac/3`.

      iex> ChatwootIdentity.identifier_hash("your-secret-token-for-hmac", "unique-identifier-of-the-user")
      {:ok, "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"}

  Secrets, identifiers and hashes may be binaries, integers (hashed as their decimal string,
  as Chatwoot's server does) or charlists (as in the documented sample). Anything else gives
  `{:error, :badarg}`. For many hashes under one inbox secret, use `ChatwootIdentity.Key`.
  """

  alias ChatwootIdentity.{Error, Explanation, Input, Nif}

  @typedoc "What can be hashed: a binary, an integer (its decimal string) or a charlist."
  @type input :: binary() | integer() | charlist()
  @typedoc "64 lowercase hex characters."
  @type identifier_hash :: <<_::512>>

  @doc """
  The `identifier_hash` of `identifier` under the inbox `secret`.

  Returns `{:error, reason}` (see `ChatwootIdentity.Error`) for an empty secret, a secret
  starting or ending with whitespace (a trailing newline from an environment variable is
  the classic cause), an empty identifier, or an input that is not a binary, integer or
  charlist.

      iex> ChatwootIdentity.identifier_hash(~c"your-secret-token-for-hmac", ~c"unique-identifier-of-the-user")
      {:ok, "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"}

      iex> ChatwootIdentity.identifier_hash("your-secret-token-for-hmac", 42)
      {:ok, "c9780078a38a78a80c5e0011263bd61be2406459c8296e0d8d0da7e7ac6d97fd"}

      iex> ChatwootIdentity.identifier_hash("your-secret-token-for-hmac\\n", "42")
      {:error, :secret_whitespace}

      iex> ChatwootIdentity.identifier_hash("your-secret-token-for-hmac", nil)
      {:error, :badarg}
  """
  @spec identifier_hash(input(), input()) :: {:ok, identifier_hash()} | {:error, Error.reason()}
  def identifier_hash(secret, identifier) when is_binary(secret) and is_binary(identifier),
    do: Nif.identifier_hash(secret, identifier)

  def identifier_hash(secret, identifier) do
    with {:ok, secret} <- Input.to_binary(secret),
         {:ok, identifier} <- Input.to_binary(identifier) do
      Nif.identifier_hash(secret, identifier)
    else
      :error -> {:error, :badarg}
    end
  end

  @doc """
  Like `identifier_hash/2`, but returns the hash or raises `ChatwootIdentity.Error`.

      iex> ChatwootIdentity.identifier_hash!("your-secret-token-for-hmac", "unique-identifier-of-the-user")
      "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c"
  """
  @spec identifier_hash!(input(), input()) :: identifier_hash()
  def identifier_hash!(secret, identifier) do
    case identifier_hash(secret, identifier) do
      {:ok, hash} -> hash
      {:error, reason} -> raise Error, reason: reason
    end
  end

  @doc """
  Whether `identifier_hash` is exactly the hash Chatwoot computes for `identifier` under
  `secret` (64 lowercase hex characters), compared in constant time by the library.

  Fails closed: `false` for every bad input, never an exception.

      iex> ChatwootIdentity.verify("your-secret-token-for-hmac", "unique-identifier-of-the-user",
      ...>   "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c")
      true

      iex> ChatwootIdentity.verify("your-secret-token-for-hmac", "unique-identifier-of-the-user", "fa80")
      false

      iex> ChatwootIdentity.verify("your-secret-token-for-hmac", :not_an_identifier, "fa80")
      false
  """
  @spec verify(input(), input(), input()) :: boolean()
  def verify(secret, identifier, identifier_hash)
      when is_binary(secret) and is_binary(identifier) and is_binary(identifier_hash),
      do: Nif.verify(secret, identifier, identifier_hash)

  def verify(secret, identifier, identifier_hash) do
    with {:ok, secret} <- Input.to_binary(secret),
         {:ok, identifier} <- Input.to_binary(identifier),
         {:ok, identifier_hash} <- Input.to_binary(identifier_hash) do
      Nif.verify(secret, identifier, identifier_hash)
    else
      :error -> false
    end
  end

  @doc """
  Explains why `identifier_hash` does or does not match `identifier` under `secret`: the
  most likely mistake (uppercase hex, whitespace, swapped arguments, base64, raw bytes, a
  padded secret, plain SHA-256, a token passed as the hash, a number rounded by
  JavaScript, ...), as a `ChatwootIdentity.Explanation` with the verdict atom and the
  library's message.

  Options, other candidates to try when nothing else fits (lists of binaries, integers or
  charlists):

  - `other_secrets:` the token before a rotation, another inbox's token;
  - `other_identifiers:` the user's email when the identifier is the user id, or the reverse.

  When one reproduces the hash the verdict is `:other_candidate`, with `candidate_kind`
  and `candidate_index` naming it (never its value).

  A debugging aid for "Chatwoot says the hash does not match": it is **not constant-time**
  and tries many candidates, so never use it to decide a login; `verify/3` is the
  production check. Inputs as in `identifier_hash/2`; the hash may also be raw bytes (a
  32-byte digest gives `:raw_digest`). Errors: `:empty_secret` (empty or only whitespace),
  `:empty_identifier`, `:badarg` (an input of another type, an option other than these
  two), and `{:badarg, {:other_secrets, index}}` (or `:other_identifiers`) for a candidate
  that is not a binary, integer or charlist, named by its position, never its value
  (`explain!/4` raises it as `other_secrets[3]: ...`).

      iex> {:ok, explanation} =
      ...>   ChatwootIdentity.explain("your-secret-token-for-hmac", "unique-identifier-of-the-user",
      ...>     "FA803C5EF0DC4056F15936CC79E6C9EB912FE55B5D7AFB9C0A14F3A1A491700C")
      iex> explanation.verdict
      :uppercase_hex
      iex> explanation.message =~ "uppercase"
      true
      iex> ChatwootIdentity.Explanation.match?(explanation)
      false

      iex> old = ChatwootIdentity.identifier_hash!("the-token-before-rotation", "42")
      iex> {:ok, explanation} =
      ...>   ChatwootIdentity.explain("your-secret-token-for-hmac", "42", old,
      ...>     other_secrets: ["another-inbox-token", "the-token-before-rotation"])
      iex> {explanation.verdict, explanation.candidate_kind, explanation.candidate_index}
      {:other_candidate, :secret, 1}

      iex> ChatwootIdentity.explain("your-secret-token-for-hmac", nil, "fa80")
      {:error, :badarg}
      iex> ChatwootIdentity.explain("your-secret-token-for-hmac", "42", "fa80", other_secrets: ["a", :b])
      {:error, {:badarg, {:other_secrets, 1}}}
  """
  @spec explain(input(), input(), input(), keyword()) ::
          {:ok, Explanation.t()}
          | {:error,
             Error.reason() | {:badarg, {:other_secrets | :other_identifiers, non_neg_integer()}}}
  def explain(secret, identifier, identifier_hash, opts \\ []),
    do: Error.public(do_explain(secret, identifier, identifier_hash, opts))

  defp do_explain(secret, identifier, identifier_hash, opts) do
    with {:ok, opts} <- explain_options(opts),
         {:ok, secret} <- input(secret, "secret"),
         {:ok, identifier} <- input(identifier, "identifier"),
         {:ok, identifier_hash} <- input(identifier_hash, "identifier_hash"),
         {:ok, secrets} <- candidates(opts, :other_secrets),
         {:ok, identifiers} <- candidates(opts, :other_identifiers),
         {:ok, {code, kind, index}} <-
           Nif.explain(secret, identifier, identifier_hash, secrets, identifiers) do
      {:ok, Explanation.from_code(code, kind, index)}
    end
  end

  defp explain_options(opts) do
    if Keyword.keyword?(opts) and
         Keyword.keys(opts) -- [:other_secrets, :other_identifiers] == [],
       do: {:ok, opts},
       else: {:error, {:badarg, "options"}}
  end

  defp input(value, name) do
    case Input.to_binary(value) do
      {:ok, binary} -> {:ok, binary}
      :error -> {:error, {:badarg, name}}
    end
  end

  # An empty candidate is no error: it is tried and cannot match. A bad entry is named by
  # its list and index, never its value.
  defp candidates(opts, name) do
    case Input.to_binary_list(Keyword.get(opts, name, [])) do
      {:ok, list} -> {:ok, list}
      {:error, :not_a_list} -> {:error, {:badarg, Atom.to_string(name)}}
      {:error, index} -> {:error, {:badarg, {name, index}}}
    end
  end

  @doc """
  Like `explain/4`, but returns the explanation or raises `ChatwootIdentity.Error`.

      iex> ChatwootIdentity.explain!("your-secret-token-for-hmac", "unique-identifier-of-the-user",
      ...>   "fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c").verdict
      :match
  """
  @spec explain!(input(), input(), input(), keyword()) :: Explanation.t()
  def explain!(secret, identifier, identifier_hash, opts \\ []),
    do: Error.unwrap!(do_explain(secret, identifier, identifier_hash, opts))

  @doc """
  The logout `<script>`: calls `window.$chatwoot.reset()` (right away, or once the widget
  is ready), so the next visitor on this browser does not inherit the signed-in contact.
  Option `nonce:` a CSP nonce (base64 or base64url characters) for `<script nonce="...">`.

      iex> {:ok, script} = ChatwootIdentity.reset_script()
      iex> script =~ "$chatwoot.reset()"
      true
      iex> ChatwootIdentity.reset_script(nonce: "not a nonce")
      {:error, :invalid_nonce}
  """
  @spec reset_script(keyword()) :: {:ok, String.t()} | {:error, Error.reason()}
  def reset_script(opts \\ []), do: Error.public(reset(opts))

  @doc "Like `reset_script/1`, but returns the script or raises `ChatwootIdentity.Error`."
  @spec reset_script!(keyword()) :: String.t()
  def reset_script!(opts \\ []), do: Error.unwrap!(reset(opts))

  defp reset(opts) do
    with {:ok, nonce} <- ChatwootIdentity.Render.nonce(opts), do: Nif.reset_script(nonce)
  end

  @doc """
  The version of the linked `libchatwoot_identity`.

      iex> ChatwootIdentity.library_version() =~ ~r/^\\d+\\.\\d+\\.\\d+/
      true
  """
  @spec library_version() :: String.t()
  def library_version, do: Nif.library_version()
end
