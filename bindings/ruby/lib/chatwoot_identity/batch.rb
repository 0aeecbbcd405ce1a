# frozen_string_literal: true

require_relative "errors"
require_relative "input"

module ChatwootIdentity
  # Packs identifiers into the batch call's layout: their bytes back to back, plus count + 1
  # offsets. Checks every identifier first, so an error names the index the C call cannot.
  # All user code (an Enumerator, #to_str) runs here, before the Key is touched.
  # @api private
  class Batch
    attr_reader :data, :offsets, :count

    def initialize(identifiers)
      # Every element becomes our own String before anything is measured or packed: the
      # lengths and the bytes then come from the same copies, whatever the elements do.
      list = to_list(identifiers).each_with_index.map { |id, i| Input.identifier(id, i) }
      lengths = list.map(&:bytesize)
      if (empty = lengths.index(0))
        code = Abi::STATUSES.fetch(:empty_identifier)
        raise Error.for_status(code, Native.status_message(code), index: empty)
      end

      total = 0
      @offsets = lengths.map! { |length| total += length }.unshift(0).pack("J*")
      @data = list.pack("a*" * list.size) # "a*" copies bytes whatever each String's encoding
      @count = list.size
    end

    # Splits the batch's output into one String per identifier (they share its buffer).
    def self.split(hashes, count)
      Array.new(count) { |i| hashes.byteslice(i * Abi::HASH_LEN, Abi::HASH_LEN) }
    end

    private

    def to_list(identifiers)
      return identifiers if identifiers.is_a?(Array)
      return identifiers.to_a if identifiers.is_a?(Enumerable)

      raise TypeError, "identifiers must be an Enumerable (e.g. an Array) of Strings or Integers, " \
                       "got #{Input.describe(identifiers)}"
    end
  end
end
