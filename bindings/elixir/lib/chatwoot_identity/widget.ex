defmodule ChatwootIdentity.Widget do
  @moduledoc """
  The whole Chatwoot widget for a page, with the signed-in user verified: the settings, the
  SDK loader, `window.chatwootSDK.run({websiteToken, baseUrl})` and the user's `setUser`
  script (or, after logout, the reset script), each `<script>` with the page's CSP nonce.
  `tag/2` returns Phoenix's `{:safe, iodata}`, so a template inserts it unescaped; every
  value in it is escaped by construction. The package gains no dependency: Phoenix and
  Plug are used by your app, never by this module.

  ## Configure once

      # config/runtime.exs
      config :chatwoot_identity, ChatwootIdentity.Widget,
        base_url: "https://app.chatwoot.com",
        website_token: System.fetch_env!("CHATWOOT_WEBSITE_TOKEN"),
        # read when a page renders, never logged: {:system, "VAR"}, a string, or a 0-arity fun
        hmac_token: {:system, "CHATWOOT_HMAC_TOKEN"},
        # optional: window.chatwootSettings
        settings: %{locale: "fr", position: "left", type: "expanded_bubble"},
        # optional: your own user mapping, {module, function} or a 1-arity fun (see user/2)
        user: {MyApp.Chatwoot, :user},
        # optional: more inboxes, each over the defaults above
        inboxes: [support: [website_token: "...", hmac_token: {:system, "SUPPORT_HMAC_TOKEN"}]]

  ## Phoenix

      # in the root layout (HEEx); @current_user from your auth, @csp_nonce if you set one
      <%= ChatwootIdentity.Widget.tag(@current_user, nonce: assigns[:csp_nonce],
            reset: Phoenix.Controller.get_flash(@conn, :chatwoot_reset)) %>

      # the logout action: reset the widget on the next page
      conn |> configure_session(drop: true) |> put_flash(:chatwoot_reset, true) |> redirect(to: ~p"/")

      # a JSON endpoint for a single-page app
      def chatwoot(conn, _params) do
        {:ok, json} = ChatwootIdentity.Widget.payload(conn.assigns.current_user)
        conn |> put_resp_content_type("application/json") |> send_resp(200, json)
      end

  With Plug alone, `Plug.Conn.assign(conn, :chatwoot, ChatwootIdentity.Widget.tag(user))` in a
  plug and `<%= @chatwoot %>` (or `raw/1`) in the template do the same. In plain EEx,
  insert `ChatwootIdentity.Widget.html/2`'s binary.

  ## The user

  By default `user/2` reads a map or struct: the identifier from `:chatwoot_identifier` or
  `:id` (an integer id is sent as its decimal string), and `:name` (or `:first_name` and
  `:last_name`), `:email`, `:avatar_url`, `:phone_number`, `:company_name`, `:city`,
  `:country_code`, `:description`, `:custom_attributes` when present. Configure `user:` to
  return `{identifier, fields}` (or `nil` for anonymous) from your own user.
  """

  alias ChatwootIdentity.{Error, FieldsJSON, Key}

  require Logger

  @contact_fields ~w(name email avatar_url phone_number company_name city country_code description custom_attributes)a

  @doc """
  The widget for `user` (`nil`: anonymous) as `{:safe, iodata}`; raises
  `ChatwootIdentity.Error` for a user or configuration the library refuses (logged once,
  without the secret). Options: `nonce:` the page's CSP nonce, `reset: true` after a logout,
  `inbox:` a configured inbox's name, `config:` a keyword list used instead of the
  application environment.
  """
  @spec tag(term(), keyword()) :: {:safe, iodata()}
  def tag(user, opts \\ []), do: {:safe, Error.unwrap!(render(user, opts))}

  @doc "The same as `tag/2`, as a binary (for plain EEx or a string template)."
  @spec html(term(), keyword()) :: String.t()
  def html(user, opts \\ []), do: IO.iodata_to_binary(Error.unwrap!(render(user, opts)))

  @doc "`{:ok, iodata}` or `{:error, reason}` (see `ChatwootIdentity.Error`)."
  @spec render(term(), keyword()) :: {:ok, iodata()} | {:error, term()}
  def render(user, opts \\ []) do
    config = config(opts)
    nonce = opts[:nonce]

    with :ok <- check_nonce(nonce),
         {:ok, settings} <- settings_script(config, nonce),
         {:ok, snippet} <- snippet(user, config, opts) do
      base = String.trim_trailing(fetch!(config, :base_url), "/")
      run = script_json(%{"websiteToken" => fetch!(config, :website_token), "baseUrl" => base})
      attr = if nonce, do: [~s( nonce="), nonce, ?"], else: []

      {:ok,
       [
         settings,
         ["<script", attr, ~s( src="), html_attr(base), ~s(/packs/js/sdk.js"></script>\n)],
         ["<script", attr, ">window.chatwootSDK.run(", run, ");</script>\n"],
         snippet
       ]}
    end
    |> log_error(opts)
  end

  @doc """
  The signed-in user's `setUser` payload as JSON, for a single-page app's endpoint (the page
  calls `window.$chatwoot.setUser(payload.identifier, payload)`); `{:error, :anonymous}` for
  no user. Options as in `tag/2`.
  """
  @spec payload(term(), keyword()) :: {:ok, String.t()} | {:error, term()}
  def payload(user, opts \\ []) do
    config = config(opts)

    case user(user, config) do
      nil ->
        {:error, :anonymous}

      {identifier, fields} ->
        with {:ok, key} <- key(config) do
          Key.set_user_payload(key, identifier, fields)
        end
    end
    |> log_error(opts)
  end

  @doc """
  Maps the app's user to `{identifier, fields}` (or `nil`): the configured `user:` mapping,
  or the default described in the module documentation.
  """
  @spec user(term(), keyword()) :: {String.t() | integer(), map()} | nil
  def user(user, config \\ config([]))
  def user(nil, _config), do: nil

  def user(user, config) do
    case Keyword.get(config, :user) do
      nil -> default_user(user)
      {module, function} -> apply(module, function, [user])
      fun when is_function(fun, 1) -> fun.(user)
    end
  end

  defp default_user(user) when is_map(user) do
    get = fn key -> Map.get(user, key) end

    case get.(:chatwoot_identifier) || get.(:id) do
      nil ->
        nil

      identifier ->
        name =
          get.(:name) ||
            [get.(:first_name), get.(:last_name)] |> Enum.reject(&is_nil/1) |> Enum.join(" ")

        fields =
          for key <- @contact_fields,
              value = if(key == :name, do: name, else: get.(key)),
              value not in [nil, ""],
              into: %{},
              do: {key, value}

        {identifier, fields}
    end
  end

  defp default_user(_other), do: nil

  defp snippet(user, config, opts) do
    cond do
      opts[:reset] ->
        ChatwootIdentity.reset_script(nonce: opts[:nonce])

      mapped = user(user, config) ->
        {identifier, fields} = mapped

        with {:ok, key} <- key(config) do
          Key.set_user_script(key, identifier, fields, nonce: opts[:nonce])
        end

      true ->
        {:ok, ""}
    end
  end

  defp settings_script(config, nonce) do
    case Keyword.get(config, :settings) do
      empty when empty in [nil, %{}, []] ->
        {:ok, []}

      settings ->
        attr = if nonce, do: [~s( nonce="), nonce, ?"], else: []

        case FieldsJSON.encode(Map.new(settings)) do
          {:ok, json} ->
            {:ok,
             ["<script", attr, ">window.chatwootSettings = ", escape_json(json), ";</script>\n"]}

          {:error, _} ->
            {:error, :invalid_field_value}
        end
    end
  end

  # The key is made per render from the configured secret, which is read then and not kept.
  defp key(config) do
    Key.new(
      case fetch!(config, :hmac_token) do
        {:system, var} -> System.get_env(var) || ""
        fun when is_function(fun, 0) -> fun.()
        secret -> secret
      end
    )
  end

  defp config(opts) do
    base =
      Keyword.get_lazy(opts, :config, fn ->
        Application.get_env(:chatwoot_identity, __MODULE__, [])
      end)

    case opts[:inbox] do
      nil ->
        base

      name ->
        inbox =
          Keyword.get(base[:inboxes] || [], name) ||
            raise ArgumentError, "chatwoot_identity: no inbox #{inspect(name)} is configured"

        Keyword.merge(Keyword.drop(base, [:inboxes]), inbox)
    end
  end

  defp fetch!(config, key) do
    case Keyword.get(config, key) do
      value when value not in [nil, ""] ->
        value

      _ ->
        raise ArgumentError,
              "chatwoot_identity: config :chatwoot_identity, #{inspect(__MODULE__)} needs #{key}:"
    end
  end

  defp check_nonce(nil), do: :ok

  defp check_nonce(nonce) when is_binary(nonce),
    do: if(nonce =~ ~r{\A[A-Za-z0-9+/=_-]+\z}, do: :ok, else: {:error, :invalid_nonce})

  defp check_nonce(_nonce), do: {:error, {:badarg, "nonce"}}

  defp script_json(map) do
    {:ok, json} = FieldsJSON.encode(map)
    escape_json(json)
  end

  # JSON inside <script>: nothing may close it or end a line for the parser.
  defp escape_json(json) do
    json
    |> IO.iodata_to_binary()
    |> String.replace("<", "\\u003c")
    |> String.replace(">", "\\u003e")
    |> String.replace("&", "\\u0026")
    |> String.replace("\u2028", "\\u2028")
    |> String.replace("\u2029", "\\u2029")
  end

  defp html_attr(text) do
    text
    |> String.replace("&", "&amp;")
    |> String.replace("\"", "&quot;")
    |> String.replace("<", "&lt;")
    |> String.replace(">", "&gt;")
  end

  defp log_error({:error, reason} = error, opts) do
    unless reason == :anonymous do
      Logger.error(
        "chatwoot_identity: cannot render the Chatwoot widget" <>
          if(opts[:inbox], do: " for inbox #{inspect(opts[:inbox])}", else: "") <>
          ": " <> Exception.message(Error.exception(error_opts(reason)))
      )
    end

    error
  end

  defp log_error(result, _opts), do: result

  defp error_opts({:badarg, argument}) when is_binary(argument),
    do: [reason: :badarg, argument: argument]

  defp error_opts({reason, index}) when is_integer(index), do: [reason: reason, index: index]
  defp error_opts(reason), do: [reason: reason]
end
