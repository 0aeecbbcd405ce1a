'use strict';
// Benchmark: chatwoot-identity against Chatwoot's documented Node.js snippet,
//   crypto.createHmac('sha256', key).update(identifier).digest('hex')
// measured in the same process. Usage: node bench/bench.js [output.json]
// Each case runs RUNS times (native and library interleaved, so both see the same machine
// load); the median ns per hash is reported.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const cw = require('chatwoot-identity');

const RUNS = Number(process.env.BENCH_RUNS || 5);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 200_000);
const BATCH = 1_000_000;
const SECRET = 'your-secret-token-for-hmac';
const IDENTIFIER = 'unique-identifier-of-the-user'; // 29 bytes, as in the other languages' benches
const BASELINE = "crypto.createHmac('sha256', key).update(identifier).digest('hex')";

let sink = ''; // keeps results alive so nothing is optimised away

function nsPerCall(fn, iterations) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink = fn(IDENTIFIER);
  return Number(process.hrtime.bigint() - start) / iterations;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median over RUNS of [native, library] ns per hash, each pair measured back to back. */
function compare(native, library) {
  const nativeRuns = [];
  const libraryRuns = [];
  for (let run = 0; run < RUNS; run++) {
    nativeRuns.push(native());
    libraryRuns.push(library());
  }
  return { native_ns: round(median(nativeRuns)), library_ns: round(median(libraryRuns)) };
}

const round = (ns) => Math.round(ns * 10) / 10;

const documented = (identifier) => crypto.createHmac('sha256', SECRET).update(identifier).digest('hex');
const oneShot = (identifier) => cw.identifierHash(SECRET, identifier);
const key = new cw.IdentityKey(SECRET);
const keyed = (identifier) => key.identifierHash(identifier);

// Same answers before timing anything.
if (oneShot(IDENTIFIER) !== documented(IDENTIFIER) || keyed(IDENTIFIER) !== documented(IDENTIFIER)) {
  throw new Error('bench: the package disagrees with crypto.createHmac');
}
for (const fn of [documented, oneShot, keyed]) nsPerCall(fn, 50_000); // warm-up (JIT)

const rows = [];
rows.push({ case: 'one-shot', ...compare(() => nsPerCall(documented, ITERATIONS), () => nsPerCall(oneShot, ITERATIONS)), target: null });
rows.push({ case: 'keyed', ...compare(() => nsPerCall(documented, ITERATIONS), () => nsPerCall(keyed, ITERATIONS)), target: 2 });

// Batch: 1,000,000 distinct 29-byte identifiers, the snippet in a loop vs one identifierHashes call.
const identifiers = Array.from({ length: BATCH }, (_, i) => `unique-identifier-${String(i).padStart(11, '0')}`);
function timeBatch(fn) {
  const start = process.hrtime.bigint();
  const hashes = fn();
  const ns = Number(process.hrtime.bigint() - start) / BATCH;
  sink = hashes[BATCH - 1];
  return ns;
}
const batchResult = key.identifierHashes(identifiers);
if (batchResult[BATCH - 1] !== documented(identifiers[BATCH - 1])) throw new Error('bench: batch disagrees');
rows.push({
  case: 'batch of 1,000,000 (per identifier)',
  ...compare(
    () => timeBatch(() => identifiers.map(documented)),
    () => timeBatch(() => key.identifierHashes(identifiers)),
  ),
  target: null,
});
key.close();

const report = {
  language: 'Node.js',
  runtime: `Node.js ${process.version} (V8 ${process.versions.v8}), koffi ${require('koffi').version}`,
  baseline: BASELINE,
  identifier_bytes: Buffer.byteLength(IDENTIFIER),
  rows,
};

console.log(`chatwoot-identity (Node.js) vs ${BASELINE}`);
console.log(`${report.runtime}; median of ${RUNS} runs; ${report.identifier_bytes}-byte identifiers`);
console.log(`${'case'.padEnd(38)}${'native ns'.padStart(12)}${'library ns'.padStart(12)}${'ratio'.padStart(9)}${'target'.padStart(9)}`);
for (const row of rows) {
  const ratio = (row.native_ns / row.library_ns).toFixed(2);
  const target = row.target === null ? 'report' : `>= ${row.target}`;
  console.log(`${row.case.padEnd(38)}${row.native_ns.toFixed(1).padStart(12)}${row.library_ns.toFixed(1).padStart(12)}${`${ratio}x`.padStart(9)}${target.padStart(9)}`);
}

const output = process.argv[2];
if (output) {
  fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
  fs.writeFileSync(output, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wrote ${output}`);
}
if (sink.length !== 64) throw new Error('bench: unexpected result');
