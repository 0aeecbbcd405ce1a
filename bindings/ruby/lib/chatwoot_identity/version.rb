# frozen_string_literal: true

module ChatwootIdentity
  # Version of this gem (the C library reports its own through ChatwootIdentity.library_version).
  VERSION = "0.1.0"
end
