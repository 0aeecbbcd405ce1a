<?php

declare(strict_types=1);

// The page PHP-FPM serves in run.sh: the documented sample through the package (this checkout's,
// or the installed copy that run.sh names in the CW_AUTOLOAD FastCGI parameter).
require $_SERVER['CW_AUTOLOAD'] ?? __DIR__ . '/../../autoload.php';

use ChatwootIdentity\Exception\ExceptionInterface;
use ChatwootIdentity\IdentityHash;
use ChatwootIdentity\IdentityKey;
use ChatwootIdentity\Library;

header('Content-Type: text/plain');
try {
    $secret = 'your-secret-token-for-hmac';
    $identifier = 'unique-identifier-of-the-user';
    $hash = IdentityHash::identifierHash($secret, $identifier);
    $key = new IdentityKey($secret);
    echo 'sapi: ', PHP_SAPI, ' ffi.enable=', ini_get('ffi.enable'), "\n";
    echo 'loaded-by: ', Library::loadedBy(), "\n";
    echo 'verify: ', IdentityHash::verify($secret, $identifier, $hash) && $key->verify($identifier, $hash) ? 'true' : 'false', "\n";
    echo 'keyed-agrees: ', $key->identifierHash($identifier) === $hash && $key->identifierHashes([$identifier]) === [$hash] ? 'true' : 'false', "\n";
    echo 'explain: ', IdentityHash::explain($secret, $identifier, strtoupper($hash))->verdict->value, "\n";
    $rotated = IdentityHash::explain($secret, $identifier, hash_hmac('sha256', $identifier, 'old-token'), otherSecrets: ['old-token']);
    echo 'explain-candidate: ', $rotated->verdict->value, ' ', $rotated->candidateKind->value, ' ', $rotated->candidateIndex, "\n";
    $payload = json_decode($key->setUserPayload(9007199254740993, ['name' => '</script>']), true);
    echo 'payload: ', $payload['identifier'] === '9007199254740993' && $payload['identifier_hash'] === hash_hmac('sha256', '9007199254740993', $secret) ? 'ok' : 'wrong', "\n";
    echo 'script: ', str_starts_with($key->setUserScript($identifier, ['email' => 'a@example.com'], 'bm9uY2U='), '<script nonce="bm9uY2U=">') && str_contains(IdentityKey::resetScript(), 'reset()') ? 'ok' : 'wrong', "\n";
    echo 'identifier_hash: ', $hash, "\n";
} catch (ExceptionInterface $e) {
    echo 'error: ', get_class($e), ': ', $e->getMessage(), "\n";
}
