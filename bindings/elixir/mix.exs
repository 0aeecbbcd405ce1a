defmodule Mix.Tasks.Compile.ChatwootIdentityNif do
  @shortdoc "Builds priv/chatwoot_identity_nif.so with make"
  @moduledoc """
  Mix compiler that runs `make nif` in this project, building the NIF from `c_src/` and
  the static `libchatwoot_identity.a` (so nothing needs `LD_LIBRARY_PATH` at run time): the
  package's prebuilt one for this machine's target, or a checkout's `target/release`.
  Make decides what is stale, so running it on every compile is cheap.
  """
  use Mix.Task.Compiler

  @impl true
  def run(_args) do
    with {:error, looked_for} <- target() do
      Mix.raise(
        "chatwoot_identity: no prebuilt libchatwoot_identity for this platform (#{looked_for}); " <>
          "this package carries the targets of #{Path.join(__DIR__, "c_src/targets.txt")}"
      )
    end

    {lib_dir, header_dir} = library_dirs()

    unless File.exists?(Path.join(lib_dir, "libchatwoot_identity.a")) do
      Mix.raise(
        "chatwoot_identity: no libchatwoot_identity.a for target #{target()}: tried " <>
          "#{Path.join(lib_dir, "libchatwoot_identity.a")}. In a checkout, build it with " <>
          "`cargo build --release` (or `make build`) in #{Path.expand("../..", __DIR__)}"
      )
    end

    unless erl_nif_h() do
      Mix.raise(
        "chatwoot_identity: erl_nif.h not found under #{:code.root_dir()}. " <>
          "Install Erlang's development headers (Debian: `apt-get install erlang-dev`)"
      )
    end

    args = [
      "-s",
      "--no-print-directory",
      "nif",
      "LIB_DIR=#{lib_dir}",
      "HEADER_DIR=#{header_dir}",
      "MIX_ENV=#{Mix.env()}"
    ]

    case System.cmd("make", args, cd: __DIR__, stderr_to_stdout: true) do
      {_, 0} ->
        {:ok, []}

      {output, status} ->
        Mix.raise("chatwoot_identity: `make nif` failed (#{status}):\n" <> output)
    end
  end

  @doc """
  Where the static library and its header are: the prebuilt copy for this machine's target
  inside the package (`c_src/lib/<target>/`), else a development checkout's build.
  """
  def library_dirs do
    prebuilt = Path.join([__DIR__, "c_src", "lib", target()])

    if File.dir?(Path.join(__DIR__, "c_src/lib")),
      do: {prebuilt, prebuilt},
      else: {Path.expand("../../target/release", __DIR__), Path.expand("../../include", __DIR__)}
  end

  @doc """
  The dist/lib target name for a runtime, e.g. `"linux-aarch64-musl"` or `"macos-arm64"`,
  looked up in `c_src/targets.txt` (generated from the repository's targets.toml) by OS,
  machine and C library; `{:error, looked_for}` when no target fits. The machine is the
  first field of `:erlang.system_info(:system_architecture)` (`"x86_64-pc-linux-gnu"`,
  `"aarch64-apple-darwin23.4.0"`, `"aarch64-alpine-linux-musl"`), or on Windows (where it is
  `"win32"`) `PROCESSOR_ARCHITECTURE`; on Linux the C library is musl when the triple says
  so (Alpine's Erlang does) or the C library itself says so.
  """
  def target(
        arch \\ :erlang.system_info(:system_architecture),
        ldd \\ &ldd_version/0,
        os_type \\ :os.type(),
        env \\ &System.get_env/1
      ) do
    arch = to_string(arch)

    {os, machine, libc} =
      case os_type do
        {:win32, _} -> {"windows", machine(env.("PROCESSOR_ARCHITECTURE") || ""), "-"}
        {:unix, :darwin} -> {"macos", machine(arch), "-"}
        {:unix, :linux} -> {"linux", machine(arch), linux_libc(arch, ldd)}
        {_, name} -> {to_string(name), machine(arch), "-"}
      end

    rows =
      for line <- File.read!(Path.join(__DIR__, "c_src/targets.txt")) |> String.split("\n"),
          not String.starts_with?(line, "#"),
          [name, o, a, l] <- [String.split(line)],
          do: {name, {o, a, l}}

    case for({name, {^os, ^machine, ^libc}} <- rows, do: name) do
      [name | _] -> name
      [] -> {:error, "#{os} #{machine}" <> if(libc == "-", do: "", else: " #{libc}")}
    end
  end

  defp machine(text) do
    case text |> String.split("-") |> hd() |> String.downcase() do
      m when m in ["x86_64", "amd64"] -> "x86_64"
      m when m in ["aarch64", "arm64"] -> "aarch64"
      other -> other
    end
  end

  defp linux_libc(arch, ldd),
    do: if(String.contains?(arch, "musl") or ldd.() =~ "musl", do: "musl", else: "gnu")

  # musl's ldd names itself; glibc's says "GNU libc". (/lib/ld-musl-* alone is not proof:
  # Debian's musl-tools installs it beside glibc.)
  defp ldd_version do
    case System.find_executable("ldd") do
      nil -> ""
      ldd -> ldd |> System.cmd(["--version"], stderr_to_stdout: true) |> elem(0)
    end
  rescue
    _ -> ""
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
      docs: [main: "ChatwootIdentity"],
      package: package()
    ]
  end

  def application do
    # Logger ships with Elixir (the widget logs a render error, never the secret).
    [extra_applications: [:logger]]
  end

  # c_src/lib holds the prebuilt static libraries (make dist puts them there), so the
  # package compiles with a C compiler and erl_nif.h only.
  defp package do
    [
      files:
        ~w(lib c_src/chatwoot_identity_nif.c c_src/chatwoot_identity_tables.h c_src/chatwoot_identity_nif_funcs.h c_src/targets.txt c_src/lib priv/.gitkeep mix.exs Makefile README.md),
      licenses: ["MIT"],
      links: %{"Source" => "https://github.com/chatwoot-identity/chatwoot-identity"}
    ]
  end

  defp elixirc_paths(:test), do: ["lib", "test/support"]
  defp elixirc_paths(_), do: ["lib"]
end
