# frozen_string_literal: true

require "fiddle"
require_relative "abi"
require_relative "errors"
require_relative "library_file"
require_relative "signatures"
require_relative "target"
require_relative "version"

module ChatwootIdentity
  # Finds and opens libchatwoot_identity: checks each file before the system loader maps it,
  # and refuses a library of another C ABI or one lacking the header's functions.
  # @api private
  module Library
    # The C ABI this gem was written for (CW_ABI_VERSION of the header it was generated from).
    ABI_VERSION = Abi::ABI_VERSION
    # Path of the shared library to use instead of searching (no fallback when it is set).
    ENV_VAR = "CHATWOOT_IDENTITY_LIB"
    # The library's file name on this machine (.so, .dylib or .dll, from targets.toml).
    FILE_NAME = Target.library_file(Target.detect)
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

      file = Target.library_file(target)
      places = [["bundled in the gem for #{target}", File.join(gem_dir, "native", target, file)],
                ["the system library path", file.end_with?(".so") ? "#{file}.0" : file]]
      if checkout?(gem_dir, checkout_root)
        places << ["this repository's cargo build", File.join(checkout_root, "target", "release", file)]
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
    # Raises LibraryLoadError (a LoadError) naming the target, every place tried, what is wrong
    # with each and what to do.
    def open(candidates = self.candidates, target: Target.detect)
      failures = candidates.map do |where, path|
        reason = try_open(path, target)
        return reason if reason.is_a?(Array)

        "#{path} (#{where}): #{reason}"
      end
      platform = Target.platform(target)
      raise LibraryLoadError, "chatwoot_identity: cannot load libchatwoot_identity for #{target}; tried:\n  " \
                              "#{failures.join("\n  ")}\n" \
                              "Install the gem built for this machine (#{platform ? "platform #{platform}" : "no prebuilt gem for #{target}"}), " \
                              "install the library (`make install` in the chatwoot-identity repository), " \
                              "or set #{ENV_VAR} to the library's path."
    end

    # [handle, path] on success, else a String saying why this path was refused. A path with a
    # folder is checked before the system loader sees it; a bare name is the loader's to find.
    def try_open(path, target)
      if path?(path)
        format, machine = Target.binary(target)
        problem = LibraryFile.problem(path, format: format, machine: machine)
        return problem if problem
      end

      handle = Fiddle.dlopen(path)
      missing = Signatures::FUNCTIONS.keys.reject { |name| symbol?(handle, name) }
      unless missing.include?(:cw_abi_version)
        abi = Fiddle::Function.new(handle["cw_abi_version"], [], -Fiddle::TYPE_INT32_T).call
        if abi != ABI_VERSION
          handle.close
          return "it implements C ABI #{abi}, this gem needs ABI #{ABI_VERSION}: " \
                 "install matching versions of the gem and the library"
        end
      end
      return [handle, path] if missing.empty?

      handle.close
      count = missing.size == Signatures::FUNCTIONS.size ? "all #{missing.size}" : "#{missing.size} of the #{Signatures::FUNCTIONS.size}"
      "it lacks #{count} functions of libchatwoot_identity (#{missing.first(3).join(', ')}#{', ...' if missing.size > 3}): " \
        "it is another library or an older build; point at libchatwoot_identity #{VERSION}"
    rescue Fiddle::DLError => e
      return "not installed on the system library path (#{e.message})" unless path?(path)

      "the system loader refused it (#{e.message})"
    end
    private_class_method :try_open

    # A path with a folder (either slash: Windows takes both), not a bare name for the loader to search.
    def path?(name)
      name.match?(%r{[/\\]})
    end
    private_class_method :path?

    def symbol?(handle, name)
      handle.sym(name.to_s)
      true
    rescue Fiddle::DLError
      false
    end
    private_class_method :symbol?
  end
end
