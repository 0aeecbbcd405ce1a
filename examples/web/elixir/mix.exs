defmodule ChatwootExample.MixProject do
  use Mix.Project

  def project do
    [
      app: :chatwoot_example,
      version: "0.1.0",
      elixir: "~> 1.14",
      # The binding from this checkout, as a path dependency (an app would use the package).
      deps: [{:chatwoot_identity, path: "../../../bindings/elixir"}]
    ]
  end

  def application do
    [mod: {ChatwootExample.Application, []}, extra_applications: [:inets, :crypto, :logger]]
  end
end
