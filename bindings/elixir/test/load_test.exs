defmodule ChatwootIdentity.LoadTest do
  # The NIF file is checked before the runtime maps it: a damaged, foreign or non-regular file
  # is a ChatwootIdentity.LoadError naming the path, what is wrong and what to do, never a
  # crashed VM or a hang.
  use ExUnit.Case, async: true

  alias ChatwootIdentity.Nif.Loader

  @moduletag :tmp_dir

  defp nif_file, do: Loader.path("chatwoot_identity_nif_test") <> Loader.extension()

  # A copy of the real NIF under `name`, cut to `bytes` (all of it when nil), returning the
  # path without its extension, as Loader.check/1 takes it.
  defp copy(dir, name, bytes \\ nil) do
    data = File.read!(nif_file())
    data = if bytes, do: binary_part(data, 0, bytes), else: data
    base = Path.join(dir, name)
    File.write!(base <> Loader.extension(), data)
    base
  end

  defp bad(base) do
    assert {:error, {:bad_file, text}} = Loader.check(base)
    assert text =~ base <> Loader.extension()
    assert text =~ "mix deps.compile chatwoot_identity --force"
    text
  end

  test "the real NIF passes", %{tmp_dir: dir} do
    assert Loader.check(copy(dir, "whole")) == :ok
  end

  test "a truncated copy is refused before dlopen", %{tmp_dir: dir} do
    size = byte_size(File.read!(nif_file()))
    # Cut inside the loadable segments, right after the program headers, and in the headers.
    for bytes <- [div(size, 2), 4096, 200, 40] do
      assert bad(copy(dir, "cut#{bytes}", bytes)) =~ "truncated"
    end
  end

  test "an empty file, a text file, another machine's library", %{tmp_dir: dir} do
    base = Path.join(dir, "empty")
    File.write!(base <> Loader.extension(), "")
    assert bad(base) =~ "is empty"

    base = Path.join(dir, "text")
    File.write!(base <> Loader.extension(), "not a library\n")
    assert bad(base) =~ "no ELF, Mach-O or PE header"

    <<head::binary-18, _machine::16-little, rest::binary>> = File.read!(nif_file())
    base = Path.join(dir, "foreign")
    {mine, _, _, _} = Loader.this_machine()
    other = if mine == 183, do: 62, else: 183
    File.write!(base <> Loader.extension(), <<head::binary, other::16-little, rest::binary>>)
    assert bad(base) =~ "another machine"
  end

  test "a directory, a FIFO, a symlink loop, a missing file", %{tmp_dir: dir} do
    base = Path.join(dir, "dir")
    File.mkdir_p!(base <> Loader.extension())
    assert bad(base) =~ "not a regular file (it is a directory)"

    base = Path.join(dir, "fifo")
    {_, 0} = System.cmd("mkfifo", [base <> Loader.extension()])
    assert bad(base) =~ "not a regular file"

    base = Path.join(dir, "loop")
    File.ln_s!(base <> Loader.extension(), base <> Loader.extension())
    assert bad(base) =~ "loops"

    assert bad(Path.join(dir, "missing")) =~ "does not exist"
  end

  # The whole path in a new VM: the package with a truncated NIF in its priv directory loads,
  # warns, and every call raises the LoadError (before the check, dlopen took the VM down).
  test "a VM with a truncated priv NIF raises LoadError instead of crashing", %{tmp_dir: dir} do
    app = Path.join(dir, "chatwoot_identity")
    File.mkdir_p!(Path.join(app, "priv"))
    File.cp_r!(Path.dirname(:code.which(ChatwootIdentity.Nif)), Path.join(app, "ebin"))
    copy(Path.join(app, "priv"), "chatwoot_identity_nif_test", 4096)

    script = """
    try do
      ChatwootIdentity.identifier_hash("s3cr3t-never-shown", "42")
    rescue
      e in ChatwootIdentity.LoadError -> IO.puts("LOAD_ERROR " <> Exception.message(e))
    end
    """

    {out, status} =
      System.cmd("elixir", ["-pa", Path.join(app, "ebin"), "-e", script], stderr_to_stdout: true)

    assert status == 0, out

    assert out =~
             "LOAD_ERROR chatwoot_identity: " <>
               Path.join(app, "priv/chatwoot_identity_nif_test.so")

    assert out =~ "is truncated"
    refute out =~ "s3cr3t-never-shown"
  end
end
