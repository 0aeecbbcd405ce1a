# frozen_string_literal: true

# Compares the gem with the documented Ruby snippet, OpenSSL::HMAC.hexdigest('sha256', key, identifier),
# in one run. Writes ../../target/bench/ruby.json (or the path given as the first argument) and
# prints a table. Each number is the median of several runs, in nanoseconds per identifier_hash.
# Environment: BENCH_RUNS (default 5), BENCH_ITERATIONS (default 100000), BENCH_BATCH_RUNS (default 3).

require "chatwoot_identity"
require "fileutils"
require "json"
require "openssl"

SECRET = "your-secret-token-for-hmac"
IDENTIFIER = "unique-identifier-of-the-user"
RUNS = Integer(ENV.fetch("BENCH_RUNS", "5"))
ITERATIONS = Integer(ENV.fetch("BENCH_ITERATIONS", "100000"))
BATCH_RUNS = Integer(ENV.fetch("BENCH_BATCH_RUNS", "3"))
BATCH_SIZE = 1_000_000
OUTPUT = ARGV[0] || File.expand_path("../../../target/bench/ruby.json", __dir__)

def now
  Process.clock_gettime(Process::CLOCK_MONOTONIC, :nanosecond)
end

# ns per item of one run of the block, which processes `items` identifiers.
def time_per(items)
  GC.start
  start = now
  yield
  (now - start).fdiv(items)
end

def median(values)
  sorted = values.sort
  mid = sorted.size / 2
  sorted.size.odd? ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0
end

# Alternates the two sides run by run so both see the same machine load.
def compare(runs, items, native, library)
  pairs = Array.new(runs) { [time_per(items, &native), time_per(items, &library)] }
  [median(pairs.map(&:first)), median(pairs.map(&:last))]
end

key = ChatwootIdentity::Key.new(SECRET)
abort "bench: wrong hash" unless key.identifier_hash(IDENTIFIER) == OpenSSL::HMAC.hexdigest("sha256", SECRET, IDENTIFIER)
snippet = -> { ITERATIONS.times { OpenSSL::HMAC.hexdigest("sha256", SECRET, IDENTIFIER) } }

one_shot = compare(RUNS, ITERATIONS, snippet, -> { ITERATIONS.times { ChatwootIdentity.identifier_hash(SECRET, IDENTIFIER) } })
keyed = compare(RUNS, ITERATIONS, snippet, -> { ITERATIONS.times { key.identifier_hash(IDENTIFIER) } })

identifiers = Array.new(BATCH_SIZE) { |i| format("user-%024d", i) } # 29 bytes, like the sample
abort "bench: batch identifiers are not 29 bytes" unless identifiers.all? { |id| id.bytesize == IDENTIFIER.bytesize }
batch = compare(BATCH_RUNS, BATCH_SIZE,
                -> { identifiers.map { |id| OpenSSL::HMAC.hexdigest("sha256", SECRET, id) } },
                -> { key.identifier_hashes(identifiers) })
key.close

rows = [
  ["one-shot", one_shot, nil],
  ["keyed", keyed, 2],
  ["batch of 1,000,000 (per identifier)", batch, nil]
].map do |name, (native_ns, library_ns), target|
  { "case" => name, "native_ns" => native_ns.round(1), "library_ns" => library_ns.round(1), "target" => target }
end

report = {
  "language" => "Ruby",
  "runtime" => "#{RUBY_ENGINE} #{RUBY_VERSION}p#{RUBY_PATCHLEVEL} (fiddle #{Fiddle::VERSION}, #{OpenSSL::OPENSSL_LIBRARY_VERSION})",
  "baseline" => "OpenSSL::HMAC.hexdigest('sha256', key, identifier)",
  "identifier_bytes" => IDENTIFIER.bytesize,
  "rows" => rows
}
FileUtils.mkdir_p(File.dirname(OUTPUT))
File.write(OUTPUT, "#{JSON.pretty_generate(report)}\n")

puts "#{report["runtime"]}; baseline #{report["baseline"]}; median of #{RUNS} runs (batch: #{BATCH_RUNS})"
puts format("%-38s %12s %12s %8s %8s", "case", "native ns", "library ns", "ratio", "target")
rows.each do |row|
  ratio = row["native_ns"] / row["library_ns"]
  puts format("%-38s %12.1f %12.1f %7.2fx %8s", row["case"], row["native_ns"], row["library_ns"], ratio,
              row["target"] ? "#{row["target"]}x" : "report")
end
puts "wrote #{OUTPUT}"
