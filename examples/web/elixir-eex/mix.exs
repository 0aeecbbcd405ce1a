defmodule ChatwootEex.MixProject do
  use Mix.Project

  def project do
    [
      app: :chatwoot_eex,
      version: "0.1.0",
      elixir: "~> 1.14",
      # The package as built by `make -C bindings/elixir dist`, unpacked by ./run (Hex is not
      # reachable here; a real app writes {:chatwoot_identity, "~> 0.1"}).
      deps: [{:chatwoot_identity, path: System.fetch_env!("CHATWOOT_IDENTITY_PKG")}]
    ]
  end

  def application do
    [mod: {ChatwootEex.Application, []}, extra_applications: [:inets, :crypto, :logger, :eex]]
  end
end
