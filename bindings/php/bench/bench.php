<?php

declare(strict_types=1);

/*
 * make bench: the library through this package against Chatwoot's documented PHP snippet
 * hash_hmac('sha256', $identifier, $key), in the same process, 29-byte identifiers.
 * Each case runs several rounds, native and library interleaved, and reports the median of
 * the process's CPU time per hash.
 * Writes ../../target/bench/php.json (the lead's report computes native_ns / library_ns).
 */

require __DIR__ . '/../autoload.php';

use ChatwootIdentity\IdentityHash;
use ChatwootIdentity\IdentityKey;
use ChatwootIdentity\Library;

const ROUNDS = 5;
const SINGLE = 200_000;
const BATCH = 1_000_000;
const BATCH_ROUNDS = 3;

$key = 'your-secret-token-for-hmac';
$identifier = 'unique-identifier-of-the-user';

/**
 * CPU time of this process (user + system, page faults included), in ns. The machine is shared,
 * so wall-clock time would mostly measure the other tenants; both sides are measured alike.
 */
function cpuNs(): float
{
    $r = getrusage();

    return ($r['ru_utime.tv_sec'] + $r['ru_stime.tv_sec']) * 1e9 + ($r['ru_utime.tv_usec'] + $r['ru_stime.tv_usec']) * 1e3;
}

/** @param callable(): int $run returns the number of hashes it made */
function nsPerHash(callable $run): float
{
    $start = cpuNs();
    $n = $run();

    return (cpuNs() - $start) / $n;
}

function median(array $xs): float
{
    sort($xs);
    $n = count($xs);

    return $n % 2 ? $xs[intdiv($n, 2)] : ($xs[$n / 2 - 1] + $xs[$n / 2]) / 2;
}

$identityKey = new IdentityKey($key);
$ids = [];
for ($i = 0; $i < BATCH; ++$i) {
    $ids[] = sprintf('unique-identifier-%011d', $i); // 29 bytes, all distinct
}
if (strlen($ids[0]) !== strlen($identifier) || strlen($identifier) !== 29
    || IdentityHash::identifierHash($key, $identifier) !== hash_hmac('sha256', $identifier, $key)
    || $identityKey->identifierHashes([$ids[7]]) !== [hash_hmac('sha256', $ids[7], $key)]) {
    fwrite(STDERR, "bench: sanity check failed\n");
    exit(1);
}

$native = static function () use ($key, $identifier): int {
    for ($i = 0; $i < SINGLE; ++$i) {
        hash_hmac('sha256', $identifier, $key);
    }

    return SINGLE;
};
$cases = [
    'one-shot' => [1.3, ROUNDS, $native, static function () use ($key, $identifier): int {
        for ($i = 0; $i < SINGLE; ++$i) {
            IdentityHash::identifierHash($key, $identifier);
        }

        return SINGLE;
    }],
    'keyed' => [2, ROUNDS, $native, static function () use ($identityKey, $identifier): int {
        for ($i = 0; $i < SINGLE; ++$i) {
            $identityKey->identifierHash($identifier);
        }

        return SINGLE;
    }],
    'batch of 1,000,000 (per identifier)' => [10, BATCH_ROUNDS, static function () use ($key, $ids): int {
        $hashes = [];
        foreach ($ids as $id) {
            $hashes[] = hash_hmac('sha256', $id, $key);
        }

        return count($hashes);
    }, static function () use ($identityKey, $ids): int {
        return count($identityKey->identifierHashes($ids));
    }],
];

$rows = [];
printf("%-48s %12s %12s %8s %8s\n", 'case', 'native ns', 'library ns', 'ratio', 'target');
foreach ($cases as $name => [$target, $rounds, $nativeRun, $libraryRun]) {
    $nativeNs = $libraryNs = [];
    for ($r = 0; $r < $rounds; ++$r) {
        $nativeNs[] = nsPerHash($nativeRun);
        $libraryNs[] = nsPerHash($libraryRun);
    }
    $n = median($nativeNs);
    $l = median($libraryNs);
    printf("%-48s %12.1f %12.1f %7.2fx %7.1fx\n", $name, $n, $l, $n / $l, $target);
    $rows[] = ['case' => $name, 'native_ns' => round($n, 1), 'library_ns' => round($l, 1), 'target' => $target];
}

// Reported only: what bounds the ratios. An empty FFI call, and the native batch alone on
// prepared input (no PHP-side marshalling), both per call / per identifier.
$ffi = Library::ffi();
$emptyCall = median(array_map(static fn (): float => nsPerHash(static function () use ($ffi): int {
    for ($i = 0; $i < SINGLE; ++$i) {
        $ffi->cw_abi_version();
    }

    return SINGLE;
}), range(1, ROUNDS)));
$n = 4096;
$joined = implode('', array_slice($ids, 0, $n));
$offsets = $ffi->new('size_t[' . ($n + 1) . ']');
for ($i = 0; $i <= $n; ++$i) {
    $offsets[$i] = 29 * $i;
}
$out = $ffi->new('char[' . (64 * $n) . ']');
$nativeKey = $ffi->new('cw_key*');
$ffi->cw_key_new($key, strlen($key), FFI::addr($nativeKey));
$batchCall = median(array_map(static fn (): float => nsPerHash(static function () use ($ffi, $nativeKey, $joined, $offsets, $n, $out): int {
    for ($r = 0; $r < 50; ++$r) {
        $ffi->cw_key_identifier_hash_batch($nativeKey, $joined, strlen($joined), $offsets, $n, $out, 64 * $n);
    }

    return 50 * $n;
}), range(1, ROUNDS)));
$ffi->cw_key_free($nativeKey);
printf("%-48s %12s %12.1f  (reported only)\n", 'empty FFI call (cw_abi_version)', '-', $emptyCall);
printf("%-48s %12s %12.1f  (reported only)\n", 'native batch call alone, per identifier', '-', $batchCall);

$report = [
    'language' => 'PHP',
    'runtime' => sprintf('PHP %s %s (FFI, opcache.enable_cli=%s, JIT %s)', PHP_VERSION, PHP_SAPI, ini_get('opcache.enable_cli') ? 'On' : 'Off',
        function_exists('opcache_get_status') && (opcache_get_status(false)['jit']['on'] ?? false) ? 'on' : 'off'),
    'baseline' => "hash_hmac('sha256', \$identifier, \$key)",
    'identifier_bytes' => strlen($identifier),
    'clock' => 'process CPU time (getrusage), median of rounds',
    'rows' => $rows,
    'empty_ffi_call_ns' => round($emptyCall, 1),
    'batch_native_call_ns_per_identifier' => round($batchCall, 1),
];
$dir = __DIR__ . '/../../../target/bench';
if (!is_dir($dir) && !mkdir($dir, 0777, true) && !is_dir($dir)) {
    fwrite(STDERR, "bench: cannot create $dir\n");
    exit(1);
}
file_put_contents("$dir/php.json", json_encode($report, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES) . "\n");
echo 'wrote ', realpath("$dir/php.json"), "\n";
