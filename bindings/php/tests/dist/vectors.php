<?php

declare(strict_types=1);

// Copied into the test-dist application: every case of tests/vectors.json (copied beside it)
// through the installed package, loaded by vendor/autoload.php. Prints one summary line.
require __DIR__ . '/vendor/autoload.php';

use ChatwootIdentity\Exception\IdentityException;
use ChatwootIdentity\IdentityHash;
use ChatwootIdentity\IdentityKey;

$vectors = json_decode((string) file_get_contents(__DIR__ . '/vectors.json'), true, 512, JSON_THROW_ON_ERROR);
$failures = [];
$checked = 0;
$check = static function (bool $ok, string $what) use (&$failures, &$checked): void {
    ++$checked;
    if (!$ok) {
        $failures[] = $what;
    }
};
foreach ($vectors['hash'] as $c) {
    [$secret, $identifier] = [hex2bin($c['secret_hex']), hex2bin($c['identifier_hex'])];
    $key = new IdentityKey($secret);
    $check(IdentityHash::identifierHash($secret, $identifier) === $c['identifier_hash'], "hash: {$c['name']}");
    $check($key->identifierHash($identifier) === $c['identifier_hash'], "key hash: {$c['name']}");
    $check($key->identifierHashes([$identifier]) === [$c['identifier_hash']], "batch: {$c['name']}");
    $check(hash_hmac('sha256', $identifier, $secret) === $c['identifier_hash'], "hash_hmac: {$c['name']}");
}
foreach ($vectors['rejected'] as $c) {
    [$secret, $identifier] = [hex2bin($c['secret_hex']), hex2bin($c['identifier_hex'])];
    try {
        IdentityHash::identifierHash($secret, $identifier);
        $check(false, "rejected: {$c['name']} was accepted");
    } catch (IdentityException $e) {
        $check($e->getStatus() === $c['code'], "rejected: {$c['name']} status {$e->getStatus()}");
    }
    $check(!IdentityHash::verify($secret, $identifier, hash_hmac('sha256', $identifier, $secret)), "rejected verify: {$c['name']}");
}
foreach ($vectors['verify'] as $c) {
    $ok = IdentityHash::verify(hex2bin($c['secret_hex']), hex2bin($c['identifier_hex']), $c['identifier_hash']);
    $check($ok === $c['valid'], "verify: {$c['name']}");
}
foreach ($vectors['explain'] as $c) {
    $e = IdentityHash::explain(
        hex2bin($c['secret_hex']),
        hex2bin($c['identifier_hex']),
        hex2bin($c['hash_hex']),
        otherSecrets: array_map('hex2bin', $c['other_secrets_hex'] ?? []),
        otherIdentifiers: array_map('hex2bin', $c['other_identifiers_hex'] ?? []),
    );
    $candidate = $c['candidate'] === null ? ['none', null] : [$c['candidate']['kind'], $c['candidate']['index']];
    $check($e->verdict->value === $c['verdict'] && $e->code === $c['code'] && [$e->candidateKind->value, $e->candidateIndex] === $candidate, "explain: {$c['name']}");
}
foreach ($vectors['explain_rejected'] as $c) {
    try {
        IdentityHash::explain(hex2bin($c['secret_hex']), hex2bin($c['identifier_hex']), hex2bin($c['hash_hex']));
        $check(false, "explain rejected: {$c['name']} was accepted");
    } catch (IdentityException $e) {
        $check($e->getStatus() === $c['code'], "explain rejected: {$c['name']} status {$e->getStatus()}");
    }
}
// The render calls through the installed package.
$key = new IdentityKey('your-secret-token-for-hmac');
$payload = json_decode($key->setUserPayload(9007199254740993, ['name' => '</script>']), true, 512, JSON_THROW_ON_ERROR);
$check($payload['identifier'] === '9007199254740993' && $payload['identifier_hash'] === hash_hmac('sha256', '9007199254740993', 'your-secret-token-for-hmac'), 'set-user payload');
$check(!str_contains(substr($key->setUserScript('</script>', ['name' => '</script>'], 'bm9uY2U='), 8, -9), '<'), 'set-user script');
$check(str_contains(IdentityKey::resetScript(), '$chatwoot.reset()'), 'reset script');
if ($failures !== []) {
    fwrite(STDERR, "vectors: " . count($failures) . " failed:\n  " . implode("\n  ", $failures) . "\n");
    exit(1);
}
echo "vectors: $checked checks passed through ", ChatwootIdentity\Library::loadedBy(), "\n";
