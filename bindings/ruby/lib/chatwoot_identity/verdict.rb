# frozen_string_literal: true

require_relative "abi"

module ChatwootIdentity
  # What ChatwootIdentity.explain found: the most likely reason an identifier_hash does or does
  # not match, as a Symbol (#name) with the library's English #message, and, for
  # :other_candidate, which of the other secrets or identifiers reproduced the hash (its kind
  # and position, never its value). Immutable; compare with #name or the predicate methods:
  #
  #   verdict = ChatwootIdentity.explain(secret, user.id, params[:identifier_hash])
  #   verdict.name     # => :uppercase_hex
  #   verdict.match?   # => false
  #   verdict.message  # => "the hash is right but in uppercase hex; Chatwoot compares byte for byte: ..."
  class Verdict
    # cw_verdict code => name, generated from the header. A code a newer library adds is
    # :unknown here (with the library's own message), never an error.
    NAMES = Abi::VERDICTS.invert.freeze
    UNKNOWN = :unknown
    # cw_candidate_kind code => :secret / :identifier (none is nil).
    CANDIDATE_KINDS = Abi::CANDIDATE_KINDS.invert.reject { |_, name| name == :none }.freeze

    # The cw_verdict code (an Integer), its name (a Symbol) and the library's message.
    attr_reader :code, :name, :message
    # For :other_candidate: :secret (other_secrets) or :identifier (other_identifiers), and the
    # position in that list; nil otherwise.
    attr_reader :candidate_kind, :candidate_index

    # A Verdict for a cw_verdict code; message is the library's sentence for it.
    def initialize(code, message, candidate_kind: 0, candidate_index: 0)
      @code = code
      @name = NAMES.fetch(code, UNKNOWN)
      @message = message
      @candidate_kind = CANDIDATE_KINDS[candidate_kind]
      @candidate_index = candidate_index if @candidate_kind
      freeze
    end

    # Whether the hash matches (the only verdict under which Chatwoot accepts it).
    def match?
      @name == :match
    end

    def to_sym
      @name
    end

    def to_s
      @name.to_s
    end

    def inspect
      candidate = " #{@candidate_kind}[#{@candidate_index}]" if @candidate_kind
      "#<#{self.class.name} #{@name} (#{@code})#{candidate}>"
    end

    def ==(other)
      other.is_a?(Verdict) && other.code == @code &&
        other.candidate_kind == @candidate_kind && other.candidate_index == @candidate_index
    end
    alias eql? ==

    def hash
      [self.class, @code, @candidate_kind, @candidate_index].hash
    end
  end
end
