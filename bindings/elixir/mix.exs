defmodule Mix.Tasks.Compile.ChatwootIdentityNif do
  @shortdoc "Builds priv/chatwoot_identity_nif.so with make"
  @moduledoc """
  Mix compiler that runs `make nif` in this project, building the NIF from `c_src/` and
  the static `libchatwoot_identity.a` (so nothing needs `LD_LIBRARY_PATH` at run time).
  Make decides what is stale, so running it on every compile is cheap.
  """
  use Mix.Task.Compiler

  @impl true
  def run(_args) do
    lib = Path.expand("../../target/release/libchatwoot_identity.a", __DIR__)

    unless File.exists?(lib) do
      Mix.raise(
        "chatwoot_identity: #{lib} is missing. Build it with `cargo build --release` " <>
          "(or `make build`) in #{Path.expand("../..", __DIR__)}"
      )
    end

    unless erl_nif_h() do
      Mix.raise(
        "chatwoot_identity: erl_nif.h not found under #{:code.root_dir()}. " <>
          "Install Erlang's development headers (Debian: `apt-get install erlang-dev`)"
      )
    end

    case System.cmd("make", ["-s", "--no-print-directory", "nif"],
           cd: __DIR__,
           stderr_to_stdout: true
         ) do
      {_, 0} ->
        {:ok, []}

      {output, status} ->
        Mix.raise("chatwoot_identity: `make nif` failed (#{status}):\n" <> output)
    end
  end

  defp erl_nif_h do
    root = List.to_string(:code.root_dir())

    File.exists?(Path.join(root, "usr/include/erl_nif.h")) or
      Path.wildcard(Path.join(root, "erts-*/include/erl_nif.h")) != []
  end
end

defmodule ChatwootIdentity.MixProject do
  use Mix.Project

  @version "0.1.0"

  def project do
    [
      app: :chatwoot_identity,
      version: @version,
      elixir: "~> 1.14",
      description:
        "Chatwoot identity validation (identifier_hash) as a NIF over libchatwoot_identity",
      compilers: [:chatwoot_identity_nif] ++ Mix.compilers(),
      elixirc_paths: elixirc_paths(Mix.env()),
      start_permanent: Mix.env() == :prod,
      # No Hex dependencies: this must build where Hex is unreachable.
      deps: [],
      docs: [main: "ChatwootIdentity"]
    ]
  end

  def application do
    [extra_applications: []]
  end

  defp elixirc_paths(:test), do: ["lib", "test/support"]
  defp elixirc_paths(_), do: ["lib"]
end
