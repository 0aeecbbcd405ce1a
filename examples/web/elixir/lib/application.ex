defmodule ChatwootExample.Application do
  # Prepares the inbox key once and starts Erlang's own web server, :httpd (from :inets),
  # with ChatwootExample.Handler as its only module.
  @moduledoc false
  use Application

  @impl true
  def start(_type, _args) do
    secret = System.fetch_env!("CHATWOOT_HMAC_TOKEN")
    # One key per inbox, shared by every request process; the secret itself is not kept.
    :persistent_term.put(ChatwootExample.Key, ChatwootIdentity.Key.new!(secret))
    port = String.to_integer(System.get_env("PORT", "8000"))
    root = to_charlist(Path.expand("..", __DIR__))

    httpd = [
      port: port,
      bind_address: {127, 0, 0, 1},
      server_name: ~c"chatwoot-example",
      server_root: root,
      document_root: root,
      modules: [ChatwootExample.Handler],
      # Chromium keeps spare connections open: :httpd serves each in its own process.
      max_clients: 100
    ]

    IO.puts("chatwoot example on http://127.0.0.1:#{port}")
    # :stand_alone links the server to its supervisor (a crash stops the app).
    children = [%{id: :httpd, start: {:inets, :start, [:httpd, httpd, :stand_alone]}}]
    Supervisor.start_link(children, strategy: :one_for_one, name: ChatwootExample.Supervisor)
  end
end
