# frozen_string_literal: true

# Random and hostile arguments for the property suite, each with what the gem must do with it.
# A Case is the value passed plus its expected outcome: :ok with the exact bytes OpenSSL::HMAC
# must hash, or the error it must raise (:type, :encoding, :empty, :whitespace, :invisible).
class HostileValues
  Case = Struct.new(:value, :outcome, :bytes, :label)

  WHITESPACE = [" ", "\t", "\r", "\n"].freeze
  TEXT_ENCODINGS = [Encoding::UTF_8, Encoding::ISO_8859_1, Encoding::US_ASCII, Encoding::Shift_JIS,
                    Encoding::UTF_16LE, Encoding::Windows_1252].freeze
  # Called by the wrappers below when they run: the suite makes it close the key it uses, so
  # any user code that ran inside a call would be caught.
  @on_user_code = nil
  class << self
    attr_accessor :on_user_code
  end

  # A String subclass whose methods lie and run user code (the gem must read the bytes itself).
  class LyingString < String
    def bytesize = HostileValues.user_code_ran || (1 << 40)
    def to_s = HostileValues.user_code_ran || "lie"
    def b = HostileValues.user_code_ran || "lie".b
    def encoding = HostileValues.user_code_ran || Encoding::BINARY
  end

  def self.user_code_ran
    @on_user_code&.call
    nil
  end

  def initialize(random)
    @random = random
  end

  def secret
    case @random.rand(13)
    when 0 then Case.new("", :empty, nil, "empty secret")
    when 1 then bad_type
    when 2 then invalid_text
    when 3
      text = ok_bytes(1..40)
      padded = @random.rand(2).zero? ? WHITESPACE.sample(random: @random) + text : text + WHITESPACE.sample(random: @random)
      Case.new(padded, :whitespace, nil, "secret with surrounding whitespace")
    when 4
      mark = TestSupport::INVISIBLES.sample(random: @random).b
      text = "k#{ok_bytes(0..40)}k".b
      wrap(@random.rand(2).zero? ? mark + text : text + mark, :invisible)
    else
      string_case(1..80) do |s|
        if s.match?(/\A[ \t\r\n]|[ \t\r\n]\z/n) then :whitespace
        elsif TestSupport.invisible_edge?(s) then :invisible
        else :ok
        end
      end
    end
  end

  def identifier
    case @random.rand(14)
    when 0 then Case.new(["", "".b].sample(random: @random), :empty, nil, "empty identifier")
    when 1 then bad_type
    when 2 then invalid_text
    when 3 then integer
    else string_case(1..200) { :ok }
    end
  end

  # A claimed identifier_hash: the right one, a near miss, or something else entirely.
  def claimed_hash(right)
    case @random.rand(8)
    when 0 then right.upcase
    when 1 then right[0, 63]
    when 2 then "#{right}\n"
    when 3 then [nil, 42, :x, right.to_sym].sample(random: @random)
    when 4 then flip(right)
    when 5 then right.b
    else right.dup
    end
  end

  def flip(hex)
    i = @random.rand(hex.size)
    hex.dup.tap { |h| h[i] = h[i] == "0" ? "1" : "0" }
  end

  private

  def string_case(sizes)
    bytes = ok_bytes(sizes)
    outcome = yield(bytes)
    wrap(bytes, outcome)
  end

  # Bytes valid in a random encoding (or binary), returned as a binary String.
  def ok_bytes(sizes)
    size = @random.rand(sizes)
    case @random.rand(4)
    when 0 then @random.bytes(size).b
    when 1 then Array.new(size) { @random.rand(0x20..0x7e) }.pack("C*")
    when 2 then Array.new(size) { random_char }.join.b
    else Array.new(size) { @random.rand(256) }.pack("C*").force_encoding(Encoding::ISO_8859_1).b
    end
  end

  def random_char
    code = [@random.rand(0x80..0x7ff), @random.rand(0x800..0xd7ff), @random.rand(0x10000..0x10ffff)].sample(random: @random)
    code.chr(Encoding::UTF_8)
  end

  # The same bytes in one of the forms a caller may pass them.
  def wrap(bytes, outcome)
    encoding = valid_encoding_for(bytes)
    text = bytes.dup.force_encoding(encoding)
    case @random.rand(6)
    when 0
      holder = Object.new
      holder.define_singleton_method(:to_str) { HostileValues.user_code_ran || text }
      Case.new(holder, outcome, bytes, "an object with #to_str (#{encoding})")
    when 1 then Case.new(LyingString.new(text), outcome, bytes, "a String subclass with lying methods (#{encoding})")
    when 2
      lying = +text
      lying.define_singleton_method(:bytesize) { HostileValues.user_code_ran || 0 }
      Case.new(lying, outcome, bytes, "a String with a singleton #bytesize (#{encoding})")
    else Case.new(text.frozen? ? text : text.freeze, outcome, bytes, "a #{encoding} String")
    end
  end

  def valid_encoding_for(bytes)
    candidates = [Encoding::BINARY, *TEXT_ENCODINGS].shuffle(random: @random)
    candidates.find { |e| bytes.dup.force_encoding(e).valid_encoding? }
  end

  def integer
    n = [@random.rand(-1000..1000), @random.rand(2**64) - 2**63, @random.rand(2**200)].sample(random: @random)
    Case.new(n, :ok, n.to_s.b, "an Integer")
  end

  def invalid_text
    bytes = ok_bytes(0..20) + "\xff\xfe".b
    encoding = [Encoding::UTF_8, Encoding::US_ASCII, Encoding::Shift_JIS].sample(random: @random)
    Case.new(bytes.force_encoding(encoding), :encoding, nil, "a #{encoding} String with invalid bytes")
  end

  def bad_type
    value = [nil, 1.5, :sym, [1], { a: 1 }, Object.new, 1r, true].sample(random: @random)
    Case.new(value, :type, nil, "a #{value.class}")
  end
end
