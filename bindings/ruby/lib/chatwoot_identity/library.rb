# frozen_string_literal: true

require "fiddle"
require "rbconfig"

module ChatwootIdentity
  # Finds and opens libchatwoot_identity, refusing a library of another C ABI.
  # @api private
  module Library
    # The C ABI this gem was written for (CW_ABI_VERSION in chatwoot_identity.h).
    ABI_VERSION = 1
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

    module_function

    # [description, path] pairs, in the order they are tried.
    def candidates(env = ENV)
      explicit = env[ENV_VAR]
      return [["$#{ENV_VAR}", explicit]] if explicit && !explicit.empty?

      [
        ["bundled in the gem", File.expand_path("native/#{FILE_NAME}", __dir__)],
        ["the repository's cargo build", File.expand_path("../../../../target/release/#{FILE_NAME}", __dir__)],
        ["the system library path", SYSTEM_NAME]
      ]
    end

    # Opens the first candidate that loads and speaks our ABI: returns [Fiddle::Handle, path].
    # Raises LoadError naming every place tried and why each failed.
    def open(candidates = self.candidates)
      failures = candidates.map do |where, path|
        reason = try_open(path)
        return reason if reason.is_a?(Array)

        "#{path} (#{where}): #{reason}"
      end
      raise LoadError, "chatwoot_identity: cannot load libchatwoot_identity; tried:\n  " \
                       "#{failures.join("\n  ")}\n" \
                       "Build it with `cargo build --release` in the repository, " \
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
