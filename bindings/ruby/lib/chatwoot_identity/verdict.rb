# frozen_string_literal: true

module ChatwootIdentity
  # What ChatwootIdentity.explain found: the most likely reason an identifier_hash does or does
  # not match, as a Symbol (#name) with the library's English #message. Immutable; compare
  # with #name or the predicate methods:
  #
  #   verdict = ChatwootIdentity.explain(secret, user.id, params[:identifier_hash])
  #   verdict.name     # => :uppercase_hex
  #   verdict.match?   # => false
  #   verdict.message  # => "the hash is right but in uppercase hex; Chatwoot compares byte for byte: ..."
  class Verdict
    # cw_verdict code => name; the values are fixed forever by the C ABI. A code a newer
    # library adds is :unknown here (with the library's own message), never an error.
    NAMES = {
      0 => :match,
      1 => :uppercase_hex,
      2 => :hash_whitespace,
      3 => :secret_whitespace,
      4 => :swapped_arguments,
      5 => :hash_is_identifier,
      6 => :identifier_is_hash,
      7 => :base64,
      8 => :raw_digest,
      9 => :identifier_format,
      10 => :other_algorithm,
      11 => :not_hex,
      12 => :wrong_length,
      13 => :mismatch,
      -1 => :null_pointer,
      -2 => :invalid_secret,
      -3 => :empty_identifier,
      -4 => :internal_error
    }.freeze
    UNKNOWN = :unknown

    # The cw_verdict code (an Integer), its name (a Symbol) and the library's message.
    attr_reader :code, :name, :message

    # A Verdict for a cw_verdict code; message is the library's sentence for it.
    def initialize(code, message)
      @code = code
      @name = NAMES.fetch(code, UNKNOWN)
      @message = message
      freeze
    end

    # Whether the hash matches (the only verdict under which Chatwoot accepts it).
    def match?
      @code.zero?
    end

    # Whether explain could not use its inputs (empty secret or identifier, ...).
    def invalid_input?
      @code.negative?
    end

    def to_sym
      @name
    end

    def to_s
      @name.to_s
    end

    def inspect
      "#<#{self.class.name} #{@name} (#{@code})>"
    end

    def ==(other)
      other.is_a?(Verdict) && other.code == @code
    end
    alias eql? ==

    def hash
      [self.class, @code].hash
    end
  end
end
