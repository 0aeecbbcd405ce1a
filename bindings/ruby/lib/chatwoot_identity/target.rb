# frozen_string_literal: true

require "rbconfig"

module ChatwootIdentity
  # Which prebuilt library fits this process: "linux-<machine>-<gnu|musl>", the folder names of
  # dist/lib/ and of a platform gem's lib/chatwoot_identity/native/. Pure Ruby (the gemspec
  # uses it too). Every input can be passed in, so tests can fake any machine.
  # @api private
  module Target
    # Our target name => the RubyGems platform of the gem that carries it (rb-sys naming).
    PLATFORMS = {
      "linux-x86_64-gnu" => "x86_64-linux",
      "linux-aarch64-gnu" => "aarch64-linux",
      "linux-x86_64-musl" => "x86_64-linux-musl",
      "linux-aarch64-musl" => "aarch64-linux-musl"
    }.freeze
    MACHINES = { "x86_64" => "x86_64", "amd64" => "x86_64", "x64" => "x86_64",
                 "aarch64" => "aarch64", "arm64" => "aarch64" }.freeze

    module_function

    # host_os / host_cpu: RbConfig's (how this Ruby was built); maps: the text of
    # /proc/self/maps (the C library this process really runs on), nil when unreadable.
    def detect(host_os: RbConfig::CONFIG["host_os"], host_cpu: RbConfig::CONFIG["host_cpu"],
               maps: read_maps)
      os = host_os.to_s[/\A(linux|darwin|mingw|mswin|freebsd)/, 1] || host_os.to_s
      machine = MACHINES.fetch(host_cpu.to_s.downcase, host_cpu.to_s)
      return "#{os}-#{machine}" unless os == "linux"

      "linux-#{machine}-#{musl?(host_os, maps) ? 'musl' : 'gnu'}"
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
  end
end
