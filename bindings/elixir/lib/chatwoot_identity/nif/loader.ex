defmodule ChatwootIdentity.Nif.Loader do
  # Checks the NIF's file before the runtime maps it, and remembers why it did not load.
  #
  # The runtime's loader (dlopen) trusts the file: a partial copy (a failed download, a
  # full disk) whose program headers point past its end takes the whole VM down with SIGBUS,
  # and a FIFO blocks it forever. So the file must be a regular file whose headers fit inside
  # it and whose machine and word size are this VM's; anything else becomes a
  # ChatwootIdentity.LoadError raised by every call, naming the path and the fix.
  @moduledoc false

  alias ChatwootIdentity.LoadError

  @key {__MODULE__, :error}
  @fix "rebuild it with `mix deps.compile chatwoot_identity --force` (in this package's own " <>
         "checkout: `mix compile --force`)"

  @doc false
  def path(name), do: Path.join(to_string(:code.priv_dir(:chatwoot_identity)), name)

  @doc false
  def extension do
    case :os.type() do
      {:win32, _} -> ".dll"
      _ -> ".so"
    end
  end

  @doc false
  # :ok, or {:error, {:bad_file, text}} for a file the runtime must not be handed.
  def check(path, machine \\ this_machine()) do
    file = path <> extension()

    case File.stat(file) do
      {:ok, %File.Stat{type: :regular, size: size}} ->
        case read_head(file, size) do
          {:ok, bytes} -> check_image(bytes, size, machine)
          {:error, reason} -> "cannot be read (#{:file.format_error(reason)})"
        end

      {:ok, %File.Stat{type: type}} ->
        "is not a regular file (it is #{describe_type(type)})"

      {:error, :enoent} ->
        "does not exist"

      {:error, :eloop} ->
        "is a symbolic link that loops"

      {:error, reason} ->
        "cannot be read (#{:file.format_error(reason)})"
    end
    |> case do
      :ok -> :ok
      what -> {:error, {:bad_file, "#{file} #{what}: #{@fix}"}}
    end
  end

  @doc false
  # The on_load result: always :ok, so the module exists and its functions can raise a
  # LoadError that explains, rather than an UndefinedFunctionError that does not.
  def loaded(_path, :ok) do
    :persistent_term.erase(@key)
    :ok
  end

  def loaded(path, {:error, {:bad_file, text}}), do: remember(path, text)

  def loaded(path, {:error, {:load_failed, text}}) do
    remember(
      path,
      "#{path}#{extension()} did not load (#{text}); if it was built against another " <>
        "libchatwoot_identity ABI, #{@fix}"
    )
  end

  def loaded(path, {:error, {reason, text}}) do
    remember(path, "#{path}#{extension()} did not load (#{reason}: #{text}): #{@fix}")
  end

  @doc false
  def not_loaded! do
    case :persistent_term.get(@key, nil) do
      {path, text} -> raise LoadError, path: path, message: "chatwoot_identity: " <> text
      nil -> raise LoadError, message: "chatwoot_identity: the NIF is not loaded"
    end
  end

  defp remember(path, text) do
    :persistent_term.put(@key, {path <> extension(), text})
    IO.warn("chatwoot_identity: " <> text, [])
    :ok
  end

  defp describe_type(:directory), do: "a directory"
  defp describe_type(:device), do: "a device or a FIFO"
  defp describe_type(:other), do: "a FIFO or a socket"
  defp describe_type(type), do: to_string(type)

  # Enough for the ELF program headers or the Mach-O load commands of a NIF.
  defp read_head(file, size) do
    with {:ok, io} <- :file.open(file, [:read, :binary, :raw]) do
      try do
        case :file.pread(io, 0, min(size, 65_536)) do
          {:ok, bytes} -> {:ok, bytes}
          :eof -> {:ok, ""}
          error -> error
        end
      after
        :file.close(io)
      end
    end
  end

  @doc false
  # {elf e_machine, Mach-O cputype, PE machine, word size in bytes} of this VM.
  def this_machine do
    arch = to_string(:erlang.system_info(:system_architecture))
    wordsize = :erlang.system_info({:wordsize, :external})

    case arch |> String.split("-") |> hd() do
      m when m in ["x86_64", "amd64"] -> {62, 0x01000007, 0x8664, wordsize}
      m when m in ["aarch64", "arm64"] -> {183, 0x0100000C, 0xAA64, wordsize}
      _ -> {nil, nil, nil, wordsize}
    end
  end

  defp check_image(<<0x7F, "ELF", class, data, _::binary>> = bytes, size, {machine, _, _, word}) do
    bits = if class == 2, do: 64, else: 32

    cond do
      class not in [1, 2] or data not in [1, 2] ->
        "is not a valid ELF file (bad class or byte order)"

      bits != word * 8 ->
        "is a #{bits}-bit ELF file; this VM is #{word * 8}-bit"

      true ->
        check_elf(bytes, size, bits, if(data == 1, do: :little, else: :big), machine)
    end
  end

  defp check_image(<<magic::little-32, _::binary>> = bytes, size, {_, cputype, _, _})
       when magic == 0xFEEDFACF,
       do: check_macho(bytes, size, cputype)

  defp check_image(<<"MZ", _::binary>> = bytes, size, {_, _, machine, _}),
    do: check_pe(bytes, size, machine)

  defp check_image(<<>>, _size, _machine), do: "is empty"

  defp check_image(_bytes, _size, _machine),
    do: "is not a shared library for this system (no ELF, Mach-O or PE header)"

  defp check_elf(bytes, size, bits, endian, machine) do
    {e_machine, phoff, phentsize, phnum, sh_end} =
      case {bits, bytes} do
        {64,
         <<_::binary-18, m::16-little, _::binary-12, ph::64-little, sh::64-little, _::binary-6,
           ent::16-little, n::16-little, shent::16-little, shn::16-little, _::binary>>}
        when endian == :little ->
          {m, ph, ent, n, sh + shent * shn}

        {32,
         <<_::binary-18, m::16-little, _::binary-8, ph::32-little, sh::32-little, _::binary-6,
           ent::16-little, n::16-little, shent::16-little, shn::16-little, _::binary>>}
        when endian == :little ->
          {m, ph, ent, n, sh + shent * shn}

        _ ->
          {nil, 0, 0, 0, 0}
      end

    cond do
      e_machine == nil ->
        "is truncated inside its ELF header (#{size} bytes)"

      machine != nil and e_machine != machine ->
        "is built for another machine (ELF machine #{e_machine}, this VM needs #{machine})"

      phoff + phnum * phentsize > size ->
        "is truncated: its program headers end at byte #{phoff + phnum * phentsize}, " <>
          "the file has #{size}"

      sh_end > size ->
        "is truncated: its section headers end at byte #{sh_end}, the file has #{size}"

      phoff + phnum * phentsize > byte_size(bytes) ->
        :ok

      true ->
        segments_fit(bytes, size, bits, phoff, phentsize, phnum)
    end
  end

  # Every loadable segment's bytes must be in the file (a partial copy fails here).
  defp segments_fit(bytes, size, bits, phoff, phentsize, phnum) do
    ends =
      for i <- 0..(phnum - 1)//1 do
        header = binary_part(bytes, phoff + i * phentsize, phentsize)

        case {bits, header} do
          {64,
           <<type::32-little, _::32, off::64-little, _::64, _::64, filesz::64-little, _::binary>>} ->
            {type, off + filesz}

          {32, <<type::32-little, off::32-little, _::32, _::32, filesz::32-little, _::binary>>} ->
            {type, off + filesz}
        end
      end

    case for({1, last} <- ends, last > size, do: last) do
      [] -> :ok
      lasts -> "is truncated: a segment ends at byte #{Enum.max(lasts)}, the file has #{size}"
    end
  end

  defp check_macho(
         <<_::32, cputype::little-32, _::32, _::32, ncmds::little-32, sizeofcmds::little-32,
           _::binary>> = bytes,
         size,
         want
       ) do
    cond do
      want != nil and cputype != want ->
        "is built for another machine (Mach-O cputype 0x#{Integer.to_string(cputype, 16)})"

      32 + sizeofcmds > size ->
        "is truncated: its load commands end at byte #{32 + sizeofcmds}, the file has #{size}"

      true ->
        macho_segments(bytes, size, 32, ncmds)
    end
  end

  defp check_macho(_bytes, size, _want),
    do: "is truncated inside its Mach-O header (#{size} bytes)"

  defp macho_segments(_bytes, _size, _at, 0), do: :ok

  defp macho_segments(bytes, size, at, n) when at + 8 <= byte_size(bytes) do
    <<_::binary-size(at), cmd::little-32, cmdsize::little-32, _::binary>> = bytes

    segment_end =
      case bytes do
        <<_::binary-size(at), 0x19::little-32, _::32, _::binary-16, _::64, _::64, off::little-64,
          filesz::little-64, _::binary>> ->
          off + filesz

        _ ->
          0
      end

    cond do
      cmd == 0 or cmdsize == 0 ->
        "is damaged (a Mach-O load command of size 0)"

      segment_end > size ->
        "is truncated: a segment ends at byte #{segment_end}, the file has #{size}"

      true ->
        macho_segments(bytes, size, at + cmdsize, n - 1)
    end
  end

  defp macho_segments(_bytes, _size, _at, _n), do: :ok

  defp check_pe(bytes, size, want) do
    with <<_::binary-60, lfanew::little-32, _::binary>> <- bytes,
         <<_::binary-size(lfanew), "PE\0\0", machine::little-16, _::binary>> <- bytes do
      if want != nil and machine != want,
        do: "is built for another machine (PE machine 0x#{Integer.to_string(machine, 16)})",
        else: :ok
    else
      _ -> "is truncated inside its PE header (#{size} bytes)"
    end
  end
end
