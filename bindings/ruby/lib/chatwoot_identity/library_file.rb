# frozen_string_literal: true

module ChatwootIdentity
  # Checks a library file before Fiddle.dlopen sees it: the system loader maps a truncated file
  # and the process dies of SIGBUS, and it blocks forever opening a FIFO. So: a regular file
  # (following links), in the executable format of this OS, for this machine, 64-bit, with every
  # header, segment and section inside the file. Reads only the headers.
  # @api private
  module LibraryFile
    ELF_MACHINES = { 62 => "x86_64", 183 => "aarch64", 3 => "x86", 40 => "arm", 243 => "riscv" }.freeze
    MACHO_MACHINES = { 0x01000007 => "x86_64", 0x0100000c => "aarch64", 7 => "x86", 12 => "arm" }.freeze
    PE_MACHINES = { 0x8664 => "x86_64", 0xaa64 => "aarch64", 0x14c => "x86", 0x1c4 => "arm" }.freeze
    FORMAT_NAMES = { elf: "an ELF shared object (Linux)", macho: "a Mach-O dylib (macOS)",
                     pe: "a PE DLL (Windows)" }.freeze
    DAMAGED = "reinstall the gem, or copy or download the library again " \
              "(a partial download or a full disk leaves such a file)"

    class Problem < StandardError; end

    module_function

    # nil when path looks loadable for a library of format (:elf, :macho, :pe) and machine
    # ("x86_64", "aarch64"); else a sentence saying what is wrong and what to do.
    def problem(path, format:, machine:)
      stat = File.stat(path)
      kind = stat.ftype
      return "it is a directory, not a library file: point at the library inside it" if kind == "directory"
      unless kind == "file"
        name = { "fifo" => "a FIFO (named pipe)", "characterSpecial" => "a character device",
                 "blockSpecial" => "a block device", "socket" => "a socket" }.fetch(kind, kind)
        return "it is #{name}, not a regular file: point at the library file itself"
      end

      File.open(path, "rb") { |io| check(io, stat.size, format, machine) }
      nil
    rescue Problem => e
      e.message
    rescue Errno::ENOENT
      "no such file"
    rescue Errno::ELOOP
      "it is a symbolic link loop: fix or remove the link"
    rescue Errno::EACCES
      "permission denied: make the file readable by this process"
    rescue SystemCallError, IOError => e
      "cannot be read (#{e.class.name.split('::').last}): check the file and its folder"
    end

    def check(io, size, format, machine)
      magic = read(io, 0, 4, size, "the file is empty or shorter than any library") if size.positive?
      raise Problem, "the file is empty: #{DAMAGED}" unless magic

      found = if magic == "\x7fELF".b then :elf
              elsif ["\xcf\xfa\xed\xfe".b, "\xce\xfa\xed\xfe".b, "\xca\xfe\xba\xbe".b].include?(magic) then :macho
              elsif magic.start_with?("MZ".b) then :pe
              end
      raise Problem, "it is not a shared library (no ELF, Mach-O or PE header): point at libchatwoot_identity itself" unless found
      if found != format
        raise Problem, "it is #{FORMAT_NAMES.fetch(found)}, but this process loads #{FORMAT_NAMES.fetch(format)}: " \
                       "install the gem built for this platform"
      end

      got = send(format, io, size, machine)
      return if got == machine

      raise Problem, "it is built for #{got || 'an unknown machine'}, this process is #{machine}: " \
                     "install the gem built for this machine"
    end

    # Reads len bytes at offset, or raises Problem when the file ends before.
    def read(io, offset, len, size, what)
      raise Problem, "#{what}: the file ends at byte #{size} (truncated or damaged): #{DAMAGED}" if offset + len > size

      io.seek(offset)
      io.read(len)
    end

    def fits(offset, len, size, what)
      return if offset + len <= size

      raise Problem, "#{what} lies past the end of the file (byte #{offset + len} of #{size}): " \
                     "it is truncated or damaged: #{DAMAGED}"
    end

    def elf(io, size, _machine)
      ident = read(io, 0, 64, size, "the ELF header is incomplete")
      raise Problem, "it is a 32-bit ELF file, this process is 64-bit: install the gem built for this machine" if ident.getbyte(4) == 1
      raise Problem, "its ELF header is damaged (class #{ident.getbyte(4)}): #{DAMAGED}" unless ident.getbyte(4) == 2
      raise Problem, "it is a big-endian ELF file: install the gem built for this machine" unless ident.getbyte(5) == 1

      machine, = ident.unpack("@18v")
      phoff, shoff, phentsize, phnum, shentsize, shnum = ident.unpack("@32Q<Q<@54vv@58vv")
      fits(phoff, phentsize * phnum, size, "the program header table")
      fits(shoff, shentsize * shnum, size, "the section header table") if shnum.positive?
      table = read(io, phoff, phentsize * phnum, size, "the program header table")
      phnum.times do |i|
        offset, filesz = table.unpack("@#{i * phentsize + 8}Q<@#{i * phentsize + 32}Q<")
        fits(offset, filesz, size, "program header #{i}'s segment")
      end
      ELF_MACHINES.fetch(machine, "ELF machine #{machine}")
    end

    def macho(io, size, machine)
      magic, = read(io, 0, 4, size, "the Mach-O header is incomplete").unpack("N")
      return fat(io, size, machine) if magic == 0xcafebabe

      header = read(io, 0, 32, size, "the Mach-O header is incomplete")
      raise Problem, "it is a 32-bit Mach-O file, this process is 64-bit: install the gem built for this machine" if magic == 0xcefaedfe

      macho_slice(io, 0, size, header)
    end

    # A universal (fat) file: the slice for this process's machine must be whole.
    def fat(io, size, machine)
      count, = read(io, 4, 4, size, "the universal header is incomplete").unpack("N")
      archs = read(io, 8, 20 * count, size, "the universal header's table")
      slices = Array.new(count) { |i| archs.unpack("@#{i * 20}NNNN") }
      slices.each { |_, _, offset, len| fits(offset, len, size, "a slice of the universal file") }
      machines = slices.map do |_, _, offset, len|
        macho_slice(io, offset, offset + len, read(io, offset, 32, size, "a slice header"))
      end
      machines.include?(machine) ? machine : machines.first
    end

    def macho_slice(io, base, limit, header)
      cputype, = header.unpack("@4V")
      ncmds, sizeofcmds = header.unpack("@16VV")
      fits(base + 32, sizeofcmds, limit, "the Mach-O load commands")
      commands = read(io, base + 32, sizeofcmds, limit, "the Mach-O load commands")
      offset = 0
      ncmds.times do
        cmd, cmdsize = commands.unpack("@#{offset}VV")
        raise Problem, "its Mach-O load commands are damaged: #{DAMAGED}" if cmdsize.nil? || cmdsize < 8

        if cmd == 0x19 # LC_SEGMENT_64
          fileoff, filesize = commands.unpack("@#{offset + 40}Q<Q<")
          fits(base + fileoff, filesize, limit, "a Mach-O segment")
        end
        offset += cmdsize
      end
      MACHO_MACHINES.fetch(cputype, "Mach-O CPU type #{cputype}")
    end

    def pe(io, size, _machine)
      lfanew, = read(io, 0x3c, 4, size, "the DOS header is incomplete").unpack("V")
      coff = read(io, lfanew, 24, size, "the PE header is incomplete")
      raise Problem, "it is a DOS program, not a PE DLL: point at chatwoot_identity.dll" unless coff.start_with?("PE\0\0".b)

      machine, sections, optional = coff.unpack("@4vv@20v")
      table = read(io, lfanew + 24 + optional, 40 * sections, size, "the PE section table")
      sections.times do |i|
        raw_size, raw_offset = table.unpack("@#{i * 40 + 16}VV")
        fits(raw_offset, raw_size, size, "PE section #{i}")
      end
      PE_MACHINES.fetch(machine, "PE machine 0x#{machine.to_s(16)}")
    end
  end
end
