defmodule ChatwootIdentity.TargetTest do
  # Which prebuilt library the package's Mix compiler links (mix.exs), with the detection
  # inputs faked: the runtime's system_architecture and what `ldd --version` says.
  use ExUnit.Case, async: true

  alias Mix.Tasks.Compile.ChatwootIdentityNif, as: Compiler

  @glibc "ldd (Debian GLIBC 2.36-9) 2.36"
  @musl "musl libc (x86_64)\nVersion 1.2.5"

  test "machine and C library map to the dist/lib target names" do
    assert Compiler.target(~c"x86_64-pc-linux-gnu", fn -> @glibc end) == "linux-x86_64-gnu"
    assert Compiler.target(~c"aarch64-unknown-linux-gnu", fn -> @glibc end) == "linux-aarch64-gnu"
    assert Compiler.target(~c"x86_64-alpine-linux-musl", fn -> @musl end) == "linux-x86_64-musl"
    assert Compiler.target(~c"aarch64-alpine-linux-musl", fn -> "" end) == "linux-aarch64-musl"
    assert Compiler.target("arm64-unknown-linux-gnu", fn -> @glibc end) == "linux-aarch64-gnu"
    # A musl C library with a triple that does not say so.
    assert Compiler.target(~c"x86_64-pc-linux-gnu", fn -> @musl end) == "linux-x86_64-musl"
  end

  test "macOS and Windows map to their targets; a platform without one names what was looked for" do
    none = fn _ -> nil end
    darwin = {:unix, :darwin}

    assert Compiler.target(~c"aarch64-apple-darwin23.4.0", fn -> "" end, darwin, none) ==
             "macos-arm64"

    assert Compiler.target(~c"x86_64-apple-darwin21.6.0", fn -> "" end, darwin, none) ==
             "macos-x86_64"

    windows = {:win32, :nt}
    env = fn arch -> fn "PROCESSOR_ARCHITECTURE" -> arch end end
    assert Compiler.target(~c"win32", fn -> "" end, windows, env.("AMD64")) == "windows-x86_64"
    # No Erlang/OTP for Windows on Arm to link a NIF for: refused, naming what was looked for.
    assert Compiler.target(~c"win32", fn -> "" end, windows, env.("ARM64")) ==
             {:error, "windows aarch64"}

    assert Compiler.target(~c"amd64-portbld-freebsd14.0", fn -> "" end, {:unix, :freebsd}, none) ==
             {:error, "freebsd x86_64"}

    assert Compiler.target(~c"riscv64-unknown-linux-gnu", fn -> @glibc end, {:unix, :linux}, none) ==
             {:error, "linux riscv64 gnu"}
  end

  test "this machine's target is one of the four and names an existing layout" do
    assert Compiler.target() in ~w(linux-x86_64-gnu linux-aarch64-gnu linux-x86_64-musl linux-aarch64-musl)
    {lib_dir, header_dir} = Compiler.library_dirs()
    assert File.exists?(Path.join(lib_dir, "libchatwoot_identity.a"))
    assert File.exists?(Path.join(header_dir, "chatwoot_identity.h"))
  end
end
