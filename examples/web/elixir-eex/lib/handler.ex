defmodule ChatwootEex.Handler do
  # An :httpd callback module: the routes of tests/e2e/README.md's contract. The session is a
  # cookie naming an ETS row that holds the user; the page is an EEx template whose layout
  # inserts ChatwootIdentity.Widget.tag/2 as a Phoenix layout would (here: its HTML binary).
  @moduledoc false

  require EEx
  require Record
  Record.defrecordp(:mod, Record.extract(:mod, from_lib: "inets/include/httpd.hrl"))

  alias ChatwootIdentity.Widget

  EEx.function_from_file(:defp, :page, Path.expand("../templates/page.html.eex", __DIR__), [
    :assigns
  ])

  def unquote(:do)(request) do
    uri = URI.parse(to_string(mod(request, :request_uri)))
    query = URI.decode_query(uri.query || "")
    session = session(mod(request, :parsed_header))
    {:proceed, [response: respond(mod(request, :method), uri.path, query, session)]}
  rescue
    error in [ChatwootIdentity.Error, ArgumentError] ->
      {:proceed, [response: reply(400, "text/plain; charset=utf-8", Exception.message(error) <> "\n")]}
  end

  defp respond(~c"GET", "/login", query, _session), do: login(query, nil)
  defp respond(~c"GET", "/csp-login", query, _session), do: login(query, nonce())

  defp respond(~c"GET", "/page", _query, session),
    do: html("Another page", Widget.tag(current_user(session)))

  # The app's logout: the session goes, and this page resets the widget.
  defp respond(~c"GET", "/logout", _query, session) do
    if session, do: :ets.delete(ChatwootEex.Sessions, session)
    html("Signed out", Widget.tag(nil, reset: true), [{~c"set-cookie", ~c"sid=; Path=/; Max-Age=0"}])
  end

  defp respond(~c"GET", "/payload", query, _session) do
    {user, cookie} = sign_in(query)

    case Widget.payload(user) do
      {:ok, json} -> reply(200, "application/json", json, [cookie])
      {:error, reason} -> raise ChatwootIdentity.Error, reason: reason
    end
  end

  defp respond(_method, _path, _query, _session), do: reply(404, "text/plain", "not found\n")

  defp login(query, nonce) do
    {user, cookie} = sign_in(query)
    tag = Widget.tag(user, nonce: nonce)
    csp = if nonce, do: [{~c"content-security-policy", ~c"script-src 'nonce-#{nonce}'"}], else: []
    html("Signed in", tag, [cookie | csp])
  end

  # The app's user: an integer id is an Elixir integer; empty fields are left out (the
  # widget's default mapping reads :id, :name and :email).
  defp sign_in(query) do
    id = Map.get(query, "identifier", "")
    id = if query["identifier_type"] == "integer", do: String.to_integer(id), else: id
    user = %{id: id, name: query["name"], email: query["email"]}
    sid = Base.url_encode64(:crypto.strong_rand_bytes(16), padding: false)
    :ets.insert(ChatwootEex.Sessions, {sid, user})
    {user, {~c"set-cookie", ~c"sid=#{sid}; Path=/; HttpOnly; SameSite=Lax"}}
  end

  defp current_user(nil), do: nil

  defp current_user(sid) do
    case :ets.lookup(ChatwootEex.Sessions, sid) do
      [{^sid, user}] -> user
      [] -> nil
    end
  end

  defp session(headers) do
    with {_, cookie} <- List.keyfind(headers, ~c"cookie", 0),
         [_, sid] <- Regex.run(~r/(?:^|;\s*)sid=([A-Za-z0-9_-]+)/, to_string(cookie)) do
      sid
    else
      _ -> nil
    end
  end

  defp nonce, do: Base.url_encode64(:crypto.strong_rand_bytes(16), padding: false)

  # {:safe, iodata} as a Phoenix.HTML engine inserts it: unescaped.
  defp html(title, {:safe, tag}, headers \\ []) do
    body = page(title: html_escape(title), chatwoot: IO.iodata_to_binary(tag))
    reply(200, "text/html; charset=utf-8", body, headers)
  end

  defp html_escape(text), do: text |> String.replace("&", "&amp;") |> String.replace("<", "&lt;")

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
