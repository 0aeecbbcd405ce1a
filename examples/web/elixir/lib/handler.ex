defmodule ChatwootExample.Handler do
  # An :httpd callback module (the `do/1` of Erlang's `httpd` module API): the routes of
  # tests/e2e/README.md's contract, rendered with the binding.
  @moduledoc false

  require Record
  Record.defrecordp(:mod, Record.extract(:mod, from_lib: "inets/include/httpd.hrl"))

  alias ChatwootIdentity.Key

  def unquote(:do)(request) do
    uri = URI.parse(to_string(mod(request, :request_uri)))
    query = URI.decode_query(uri.query || "")

    response =
      case {mod(request, :method), uri.path} do
        {~c"GET", "/page"} -> page_of_session(session(request))
        {~c"GET", "/login"} -> with_session(respond(~c"GET", "/login", query), uri.query || "")
        {method, path} -> respond(method, path, query)
      end

    {:proceed, [response: response]}
  rescue
    error in [ChatwootIdentity.Error, ArgumentError] ->
      {:proceed,
       [response: reply(400, "text/plain; charset=utf-8", Exception.message(error) <> "\n")]}
  end

  defp respond(~c"GET", "/login", query), do: login(query, nil)
  defp respond(~c"GET", "/csp-login", query), do: login(query, nonce())

  defp respond(~c"GET", "/logout", _query),
    do:
      reply(
        200,
        "text/html; charset=utf-8",
        page("Signed out", ChatwootIdentity.reset_script!(), nil),
        [{~c"set-cookie", ~c"session=; Path=/; Max-Age=0"}]
      )

  defp respond(~c"GET", "/payload", query) do
    {identifier, fields} = user(query)
    reply(200, "application/json", Key.set_user_payload!(key(), identifier, fields))
  end

  defp respond(_method, _path, _query), do: reply(404, "text/plain", "not found\n")

  # The session: /login keeps the user's query in a cookie (a real app keeps a signed session),
  # and /page, another page of the session, renders the widget for that user.
  defp with_session({:response, head, body}, raw_query) do
    cookie = "session=#{URI.encode_www_form(raw_query)}; Path=/; HttpOnly; SameSite=Lax"
    {:response, head ++ [{~c"set-cookie", to_charlist(cookie)}], body}
  end

  defp session(request) do
    cookies =
      for {name, value} <- mod(request, :parsed_header),
          to_string(name) == "cookie",
          pair <- String.split(to_string(value), ";"),
          [k, v] <- [String.split(String.trim(pair), "=", parts: 2)],
          into: %{},
          do: {k, v}

    URI.decode_www_form(Map.get(cookies, "session", ""))
  end

  defp page_of_session(""), do: reply(401, "text/plain", "not signed in\n")

  defp page_of_session(query) do
    {identifier, fields} = user(URI.decode_query(query))
    snippet = Key.set_user_script!(key(), identifier, fields, nonce: nil)
    reply(200, "text/html; charset=utf-8", page("Signed in", snippet, nil))
  end

  defp login(query, nonce) do
    {identifier, fields} = user(query)
    snippet = Key.set_user_script!(key(), identifier, fields, nonce: nonce)
    csp = if nonce, do: [{~c"content-security-policy", ~c"script-src 'nonce-#{nonce}'"}], else: []
    reply(200, "text/html; charset=utf-8", page("Signed in", snippet, nonce), csp)
  end

  # The user as the app has it: an integer id is an Elixir integer; empty fields are left out.
  defp user(query) do
    identifier = Map.get(query, "identifier", "")

    identifier =
      if query["identifier_type"] == "integer",
        do: String.to_integer(identifier),
        else: identifier

    fields = for k <- ["name", "email"], (query[k] || "") != "", into: %{}, do: {k, query[k]}
    {identifier, fields}
  end

  defp key, do: :persistent_term.get(ChatwootExample.Key)

  defp nonce, do: Base.url_encode64(:crypto.strong_rand_bytes(16), padding: false)

  defp page(title, snippet, nonce) do
    attr = if nonce, do: ~s( nonce="#{nonce}"), else: ""
    base_url = System.fetch_env!("CHATWOOT_BASE_URL")
    token = System.fetch_env!("CHATWOOT_WEBSITE_TOKEN")
    config = ~s({"websiteToken": #{js_string(token)}, "baseUrl": #{js_string(base_url)}})

    """
    <!doctype html>
    <html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>#{title}</title></head><body>
    <h1>#{title}</h1>
    <script#{attr} src="#{html_attr(base_url)}/packs/js/sdk.js"></script>
    <script#{attr}>window.chatwootSDK.run(#{config});</script>
    #{snippet}
    </body></html>
    """
  end

  # A JSON string safe inside <script>: every character outside printable ASCII, and
  # " \ < > & ', as \uXXXX.
  defp js_string(text) do
    escaped =
      for <<c::utf16 <- :unicode.characters_to_binary(text, :utf8, :utf16)>>, into: "" do
        if c in 0x20..0x7E and c not in ~c"\"\\<>&'",
          do: <<c>>,
          else: "\\u" <> String.pad_leading(Integer.to_string(c, 16), 4, "0")
      end

    ~s("#{escaped}")
  end

  defp html_attr(text),
    do:
      text
      |> String.replace("&", "&amp;")
      |> String.replace("\"", "&quot;")
      |> String.replace("<", "&lt;")

  defp reply(code, type, body, headers \\ []) do
    head =
      [
        code: code,
        content_type: to_charlist(type),
        content_length: to_charlist(Integer.to_string(byte_size(body))),
        cache_control: ~c"no-store"
      ] ++ headers

    {:response, head, body}
  end
end
