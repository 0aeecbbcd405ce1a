# frozen_string_literal: true

require_relative "test_helper"
# The tests named for the behaviour rows (Ruby loads each file once: the suite runs them once).
require_relative "encoding_test"
require_relative "key_lifetime_test"
require_relative "key_test"
require_relative "library_test"
require_relative "render_test"

# The Ruby column of docs/bad-input-matrix.md, run from tests/bad_input_matrix.json: one test
# per case that applies to Ruby ("test_<row id>[<case index>] <call>"), and one per behaviour row
# that checks BEHAVIOUR names suite tests for it. A row, call, argument, value or expectation
# this file cannot run is a failing test, never a skip. Rows whose Ruby cell is "n/a" get none.
# Alone: ruby -Ilib -Itest test/bad_input_matrix_test.rb -n /BadInputMatrixTest/
class BadInputMatrixTest < Minitest::Test
  include TestSupport

  MATRIX = JSON.parse(File.read(File.join(REPO, "tests", "bad_input_matrix.json")))
  LANGUAGE = "Ruby"

  # Behaviour row => the tests that exercise it (run by the suite, only resolved here).
  BEHAVIOUR = {
    "damaged-library-file" => [[LibraryTest, :test_damaged_and_non_regular_library_paths_are_refused_with_the_reason],
                               [LibraryTest, :test_macho_and_pe_headers_are_checked_too]],
    "non-regular-library-path" => [[LibraryTest, :test_damaged_and_non_regular_library_paths_are_refused_with_the_reason]],
    "key-double-free" => [[KeyTest, :test_close_is_idempotent_and_later_calls_raise]],
    "reentrancy" => [[KeyLifetimeTest, :test_a_trap_handler_hashing_mid_call_gives_right_results_for_both],
                     [KeyLifetimeTest, :test_a_trap_handler_closing_the_key_mid_call_gives_the_right_hash_or_key_closed_error],
                     [KeyLifetimeTest, :test_every_key_method_works_inside_a_trap_handler]],
    "close-mid-call" => [[KeyLifetimeTest, :test_an_enumerator_that_closes_the_key_mid_batch_gets_key_closed_error],
                         [KeyLifetimeTest, :test_a_to_str_that_closes_the_key_gets_key_closed_error_in_every_entry_point],
                         [KeyLifetimeTest, :test_an_argument_with_only_to_s_is_a_type_error_and_its_to_s_never_runs],
                         [KeyLifetimeTest, :test_string_methods_of_the_argument_are_never_called_mid_call],
                         [KeyLifetimeTest, :test_another_thread_closing_mid_call_gives_the_right_hash_or_key_closed_error],
                         [KeyLifetimeTest, :test_close_never_waits_and_a_running_batch_still_finishes_right],
                         [KeyLifetimeTest, :test_a_trap_handler_closing_the_key_mid_call_gives_the_right_hash_or_key_closed_error],
                         [RenderTest, :test_user_code_that_closes_the_key_runs_before_the_key_is_used]],
    "non-unicode-string" => [[EncodingTest, :test_a_text_string_invalid_in_its_encoding_raises_invalid_encoding_error],
                             [RenderTest, :test_identifiers_that_are_not_unicode_text]]
  }.freeze

  # A key call makes a Key from the secret and closes it after (the lambdas below run with the
  # class as self).
  def self.with_key(secret, &use)
    ChatwootIdentity::Key.open(secret, &use)
  end

  # Each call of the data as the gem's call; its keyword parameters are the arguments it reads.
  CALLS = {
    "identifier_hash" => ->(secret:, identifier:) { ChatwootIdentity.identifier_hash(secret, identifier) },
    "key_new" => ->(secret:) { with_key(secret) { |key| key } },
    "key_identifier_hash" => ->(secret:, identifier:) { with_key(secret) { |key| key.identifier_hash(identifier) } },
    "key_identifier_hashes" => ->(secret:, identifiers:) { with_key(secret) { |key| key.identifier_hashes(identifiers) } },
    "verify" => ->(secret:, identifier:, hash:) { ChatwootIdentity.verify(secret, identifier, hash) },
    "key_verify" => ->(secret:, identifier:, hash:) { with_key(secret) { |key| key.verify(identifier, hash) } },
    "explain" => ->(secret:, identifier:, hash:) { ChatwootIdentity.explain(secret, identifier, hash) },
    "set_user_script" => ->(secret:, identifier:) { with_key(secret) { |key| key.set_user_script(identifier, { name: "n" }) } }
  }.freeze

  # NULL_POINTER is what a nil argument gets: Ruby's TypeError for a wrong type (the gem never
  # passes NULL to the library).
  NULL_POINTER_ERROR = TypeError

  def run_case(row_id, index, test_case)
    fn = CALLS.fetch(test_case["call"]) { flunk "#{row_id}[#{index}]: unknown call #{test_case["call"].inspect}" }
    reads = fn.parameters.map { |_, name| name.to_s }
    given = test_case.keys - %w[call expect only]
    unknown = given - reads
    assert_empty unknown, "#{row_id}[#{index}]: #{test_case["call"]} takes no argument #{unknown.join(", ")}"
    choices = reads.to_h do |name|
      value = test_case.fetch(name) { MATRIX.fetch("defaults").fetch(name) { flunk "#{row_id}[#{index}]: no value for #{name}" } }
      [name.to_sym, values(value, "#{row_id}[#{index}] #{name}")]
    end
    # Every combination of the values (the empty text and the empty bytes for {"null": 0}).
    combinations(choices.values).each do |combination|
      args = choices.keys.zip(combination).to_h
      what = "#{row_id}[#{index}] #{test_case["call"]}(#{args.map { |k, v| "#{k}: #{describe(v)}" }.join(", ")})"
      check_result(test_case.fetch("expect"), what) { fn.call(**args) }
    end
  end

  # A value of the data as the Ruby values it stands for.
  def values(spec, what)
    case spec
    when String then [spec]
    when Array then combinations(spec.map { |one| values(one, what) })
    when Hash
      case spec.keys.sort
      when ["null"] then spec["null"].positive? ? [nil] : ["", "".b]
      when ["text"], %w[repeat text] then [spec["text"] * spec.fetch("repeat", 1)]
      when ["hex"], %w[hex repeat] then [[spec["hex"]].pack("H*") * spec.fetch("repeat", 1)]
      else flunk "#{what}: unknown value #{spec.keys.inspect}"
      end
    else flunk "#{what}: unknown value #{spec.inspect}"
    end
  end

  # Runs the call and checks its result against the expectation.
  def check_result(expectation, what, &call)
    kind = expectation.keys - ["index"]
    assert_equal 1, kind.size, "#{what}: one expectation (and an error's index), got #{expectation.keys.inspect}"
    refute expectation.key?("index") && kind != ["error"], "#{what}: an index belongs to an error"
    case kind.first
    when "error" then expect_error(expectation["error"], expectation["index"], what, &call)
    when "verify" then assert_equal expectation["verify"], call.call, what
    when "hash" then assert_equal expectation["hash"], call.call, what
    when "hashes" then assert_equal expectation["hashes"], call.call, what
    when "verdict"
      name = expectation["verdict"].to_sym
      assert_includes ChatwootIdentity::Verdict::NAMES.values, name, "#{what}: a verdict of the header"
      verdict = call.call
      assert_instance_of ChatwootIdentity::Verdict, verdict, what
      assert_equal name, verdict.name, what
    when "ok"
      assert_equal true, expectation["ok"], "#{what}: ok is always true"
      refute_nil call.call, what
    else flunk "#{what}: unknown expectation #{kind.first.inspect}"
    end
  end

  def expect_error(status, index, what, &call)
    if status == "NULL_POINTER"
      assert_instance_of NULL_POINTER_ERROR, assert_raises(NULL_POINTER_ERROR, what, &call), what
      return
    end
    klass = ChatwootIdentity::ERROR_CLASSES.fetch(status.downcase.to_sym) { flunk "#{what}: no generated class for #{status}" }
    error = assert_raises(klass, what, &call)
    assert_instance_of klass, error, what
    assert_equal ChatwootIdentity::Abi::STATUSES.fetch(status.downcase.to_sym), error.status, what
    assert_equal status.to_sym, error.status_name, what
    index.nil? ? assert_nil(error.index, what) : assert_equal(index, error.index, what)
  end

  # Every list made of one element of each list of options.
  def combinations(options)
    options.reduce([[]]) { |all, choices| all.product(choices).map { |done, one| done + [one] } }
  end

  # A value for a failure message: its class and size, and the text when it is short.
  def describe(value)
    case value
    when String then value.bytesize <= 80 ? "#{value.inspect} (#{value.encoding})" : "#{value.bytesize} bytes (#{value.encoding})"
    when Array then "[#{value.map { |one| describe(one) }.join(", ")}]"
    else value.inspect
    end
  end

  def check_behaviour(row_id)
    tests = BEHAVIOUR.fetch(row_id) { flunk "behaviour row #{row_id}: BEHAVIOUR names no Ruby test for it" }
    refute_empty tests, row_id
    tests.each do |klass, name|
      assert_operator klass, :<, Minitest::Test, "#{row_id}: #{klass}"
      begin
        klass.instance_method(name)
      rescue NameError
        flunk "#{row_id}: #{klass}##{name} does not exist"
      end
      assert_includes klass.runnable_methods, name.to_s, "#{row_id}: #{klass}##{name} is not a test the suite runs"
    end
  end

  MATRIX.fetch("rows").each do |row|
    row_id = row.fetch("id")
    cell = row.fetch("cells")[LANGUAGE]
    if cell.nil?
      define_method("test_#{row_id} has a #{LANGUAGE} cell") { flunk "#{row_id}: no #{LANGUAGE} cell" }
    elsif cell.start_with?("n/a")
      next
    elsif row["behaviour"]
      define_method("test_#{row_id} (behaviour)") { check_behaviour(row_id) }
    else
      cases = row.fetch("cases", []).each_with_index.select { |c, _| !c.key?("only") || c["only"].include?(LANGUAGE) }
      define_method("test_#{row_id} has a #{LANGUAGE} case") { flunk "#{row_id}: no case applies to #{LANGUAGE}" } if cases.empty?
      cases.each do |test_case, index|
        define_method("test_#{row_id}[#{index}] #{test_case["call"]}") { run_case(row_id, index, test_case) }
      end
    end
  end

  def test_behaviour_names_only_rows_that_are_behaviour_rows_for_ruby
    rows = MATRIX.fetch("rows").select { |row| row["behaviour"] && !row.dig("cells", LANGUAGE).to_s.start_with?("n/a") }
    assert_equal rows.map { |row| row["id"] }.sort, BEHAVIOUR.keys.sort
  end
end
