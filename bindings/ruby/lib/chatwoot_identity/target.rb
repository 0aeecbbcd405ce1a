# frozen_string_literal: true

require "rbconfig"
require_relative "targets"

module ChatwootIdentity
  # Which prebuilt library fits this process: a target of targets.toml ("linux-x86_64-gnu",
  # "macos-arm64", "windows-x86_64", ...), the folder names of dist/lib/ and of a platform gem's
  # lib/chatwoot_identity/native/. Pure Ruby (the gemspec uses it too). Every input can be
  # passed in, so tests can fake any machine.
  # @api private
  module Target
    # Our target name => the RubyGems platform of the gem that carries it.
    PLATFORMS = Targets::ALL.transform_values { |facts| facts.fetch(:gem) }.freeze
    # host_cpu spellings => the manifest's arch.
    MACHINES = { "x86_64" => "x86_64", "amd64" => "x86_64", "x64" => "x86_64",
                 "aarch64" => "aarch64", "arm64" => "aarch64" }.freeze
    # host_os prefixes => the manifest's os.
    SYSTEMS = { "linux" => "linux", "darwin" => "macos", "mingw" => "windows", "mswin" => "windows",
                "cygwin" => "windows" }.freeze

    module_function

    # The target name for this process. host_os / host_cpu: RbConfig's (how this Ruby was
    # built); maps: the text of /proc/self/maps (the C library this process really runs on),
    # nil when unreadable. A machine without a release target gets a descriptive name
    # ("freebsd-x86_64") that no folder carries, so the loader's error names it.
    def detect(host_os: RbConfig::CONFIG["host_os"], host_cpu: RbConfig::CONFIG["host_cpu"],
               maps: read_maps)
      raw_os = host_os.to_s[/\A[a-z]+/].to_s
      os = SYSTEMS.fetch(raw_os, raw_os)
      arch = MACHINES.fetch(host_cpu.to_s.downcase, host_cpu.to_s)
      libc = os == "linux" ? (musl?(host_os, maps) ? "musl" : "gnu") : ""
      found = Targets::ALL.find { |_, t| t[:os] == os && t[:arch] == arch && t[:libc] == libc }
      return found.first if found

      [os, arch, libc].reject(&:empty?).join("-")
    end

    # musl when Ruby was built for it or when the process has musl's loader mapped (an ld-musl
    # file merely present on a glibc system does not count).
    def musl?(host_os, maps)
      host_os.to_s.include?("musl") || maps.to_s.match?(%r{/ld-musl-[^/\s]*\.so|/libc\.musl-})
    end

    def read_maps
      File.read("/proc/self/maps")
    rescue SystemCallError, IOError
      nil
    end

    # The RubyGems platform of the gem carrying target's library (nil for other targets).
    def platform(target)
      PLATFORMS[target]
    end

    # The library's file name for target: libchatwoot_identity.so / .dylib / chatwoot_identity.dll
    # (for an unknown target, what its OS would call it).
    def library_file(target)
      facts = Targets::ALL[target]
      return facts.fetch(:shared) if facts

      case target
      when /\Amacos-/ then "libchatwoot_identity.dylib"
      when /\Awindows-/ then "chatwoot_identity.dll"
      else "libchatwoot_identity.so"
      end
    end

    # The executable format (:elf, :macho, :pe) and machine (the manifest's arch) a library for
    # target must have.
    def binary(target)
      os, arch = Targets::ALL.fetch(target) { { os: target.split("-")[0], arch: target.split("-")[1] } }.values_at(:os, :arch)
      [{ "macos" => :macho, "windows" => :pe }.fetch(os, :elf), arch]
    end
  end
end
