# frozen_string_literal: true

require "fiddle"
require "rbconfig"
require_relative "abi"
require_relative "target"

module ChatwootIdentity
  # Finds and opens libchatwoot_identity, refusing a library of another C ABI.
  # @api private
  module Library
    # The C ABI this gem was written for (CW_ABI_VERSION of the header it was generated from).
    ABI_VERSION = Abi::ABI_VERSION
    # Path of the shared library to use instead of searching (no fallback when it is set).
    ENV_VAR = "CHATWOOT_IDENTITY_LIB"

    FILE_NAME =
      case RbConfig::CONFIG["host_os"]
      when /darwin/ then "libchatwoot_identity.dylib"
      when /mswin|mingw|cygwin/ then "chatwoot_identity.dll"
      else "libchatwoot_identity.so"
      end
    # Installed by `make install` at the repository root (the loader's own search path).
    SYSTEM_NAME = FILE_NAME.end_with?(".so") ? "#{FILE_NAME}.0" : FILE_NAME

    # The gem's own folder (lib/chatwoot_identity) and, from a checkout only, the repository root.
    GEM_DIR = __dir__
    CHECKOUT_ROOT = File.expand_path("../../../..", __dir__)

    module_function

    # [description, path] pairs, in the order they are tried: $CHATWOOT_IDENTITY_LIB alone when
    # set; else the copy in the gem for this target, the system library path (`make install`),
    # and last, only when this code runs from a repository checkout, its cargo build.
    def candidates(env = ENV, target: Target.detect, gem_dir: GEM_DIR, checkout_root: CHECKOUT_ROOT)
      explicit = env[ENV_VAR]
      return [["$#{ENV_VAR}", explicit]] if explicit && !explicit.empty?

      places = [["bundled in the gem for #{target}", File.join(gem_dir, "native", target, FILE_NAME)],
                ["the system library path", SYSTEM_NAME]]
      if checkout?(gem_dir, checkout_root)
        places << ["this repository's cargo build", File.join(checkout_root, "target", "release", FILE_NAME)]
      end
      places
    end

    # A development checkout: this lib/ is bindings/ruby/lib of a repository with a Cargo.toml.
    # An installed gem has no gemspec next to lib/, so this never fires outside a checkout.
    def checkout?(gem_dir, checkout_root)
      File.expand_path("bindings/ruby/lib/chatwoot_identity", checkout_root) == File.expand_path(gem_dir) &&
        File.file?(File.join(checkout_root, "Cargo.toml")) &&
        File.file?(File.join(checkout_root, "bindings", "ruby", "chatwoot_identity.gemspec"))
    end

    # Opens the first candidate that loads and speaks our ABI: returns [Fiddle::Handle, path].
    # Raises LoadError naming the target, every place tried and why each failed.
    def open(candidates = self.candidates, target: Target.detect)
      failures = candidates.map do |where, path|
        reason = try_open(path)
        return reason if reason.is_a?(Array)

        "#{path} (#{where}): #{reason}"
      end
      platform = Target.platform(target)
      raise LoadError, "chatwoot_identity: cannot load libchatwoot_identity for #{target}; tried:\n  " \
                       "#{failures.join("\n  ")}\n" \
                       "Install the gem built for this machine (#{platform ? "platform #{platform}" : "no prebuilt gem for #{target}"}), " \
                       "install the library (`make install` in the chatwoot-identity repository), " \
                       "or set #{ENV_VAR} to the library's path."
    end

    # [handle, path] on success, else a String saying why this path was refused.
    def try_open(path)
      return "no such file" if path.include?(File::SEPARATOR) && !File.file?(path)

      handle = Fiddle.dlopen(path)
      abi = Fiddle::Function.new(handle["cw_abi_version"], [], -Fiddle::TYPE_INT).call
      return [handle, path] if abi == ABI_VERSION

      "it implements C ABI #{abi}, this gem needs ABI #{ABI_VERSION}"
    rescue Fiddle::DLError => e
      e.message
    end
    private_class_method :try_open
  end
end
