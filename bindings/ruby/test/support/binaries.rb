# frozen_string_literal: true

# Minimal but well-formed macOS and Windows library headers, so the loader's checks and the
# packaging of those platforms are tested on Linux without the real artifacts.
module Binaries
  module_function

  # A minimal 64-bit Mach-O dylib: header, one LC_SEGMENT_64 covering bytes 0..1024.
  def macho_dylib(cputype)
    segment = [0x19, 72].pack("VV") + "__TEXT".b.ljust(16, "\0") + [0, 1024, 0, 1024, 5, 5, 0, 0].pack("Q<4V4")
    ([0xfeedfacf, cputype, 0, 6, 1, segment.bytesize, 0, 0].pack("V8") + segment).ljust(1024, "\0")
  end

  # A minimal PE DLL: DOS header pointing at PE\0\0, COFF header, no optional header, one section.
  def pe_dll(machine)
    dos = "MZ".b.ljust(0x3c, "\0") + [64].pack("V")
    coff = "PE\0\0".b + [machine, 1, 0, 0, 0, 0, 0x2022].pack("vvVVVvv")
    section = ".text".b.ljust(8, "\0") + [512, 4096, 512, 512, 0, 0, 0, 0].pack("V6vv") + [0x60000020].pack("V")
    (dos + coff + section).ljust(1024, "\0")
  end
end
