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
    echo 'identifier_hash: ', $hash, "\n";
} catch (ExceptionInterface $e) {
    echo 'error: ', get_class($e), ': ', $e->getMessage(), "\n";
}
