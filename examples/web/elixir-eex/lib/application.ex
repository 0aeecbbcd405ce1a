defmodule ChatwootEex.Application do
  # Erlang's own web server, :httpd (from :inets), with ChatwootEex.Handler as its module,
  # and the session table.
  @moduledoc false
  use Application

  @impl true
  def start(_type, _args) do
    :ets.new(ChatwootEex.Sessions, [:named_table, :public, read_concurrency: true])
    port = String.to_integer(System.get_env("PORT", "8000"))
    root = to_charlist(Path.expand("..", __DIR__))

    httpd = [
      port: port,
      bind_address: {127, 0, 0, 1},
      server_name: ~c"chatwoot-eex",
      server_root: root,
      document_root: root,
      modules: [ChatwootEex.Handler],
      # Chromium keeps spare connections open: :httpd serves each in its own process.
      max_clients: 100
    ]

    IO.puts("chatwoot EEx example on http://127.0.0.1:#{port}")
    children = [%{id: :httpd, start: {:inets, :start, [:httpd, httpd, :stand_alone]}}]
    Supervisor.start_link(children, strategy: :one_for_one, name: ChatwootEex.Supervisor)
  end
end
