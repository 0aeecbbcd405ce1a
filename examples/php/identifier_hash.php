<?php

declare(strict_types=1);

/*
 * Chatwoot's documented PHP sample, through the chatwoot-identity package:
 *
 *   $key = 'your-secret-token-for-hmac';
 *   $message = 'unique-identifier-of-the-user';
 *   $identifier_hash = hash_hmac('sha256', $message, $key);
 *
 * Run: make -C bindings/php example (or php examples/php/identifier_hash.php after
 * `make build`). With Composer, require 'vendor/autoload.php' instead.
 */
require __DIR__ . '/../../bindings/php/autoload.php';

use ChatwootIdentity\IdentityHash;
use ChatwootIdentity\IdentityKey;

$secret = 'your-secret-token-for-hmac';         // the inbox's HMAC token (keep it server-side)
$identifier = 'unique-identifier-of-the-user';  // the user's identifier in your app

$identifierHash = IdentityHash::identifierHash($secret, $identifier);

// Many users under one inbox: prepare the secret once.
$key = new IdentityKey($secret);
if ($key->identifierHash($identifier) !== $identifierHash) {
    fwrite(STDERR, "IdentityKey disagrees with IdentityHash\n");
    exit(1);
}

// Debugging a rejected hash (not constant-time: never to decide a login; verify() does that).
echo 'explain an uppercase hash: ', IdentityHash::explain($secret, $identifier, strtoupper($identifierHash)), PHP_EOL;
echo 'verify: ', IdentityHash::verify($secret, $identifier, $identifierHash) ? 'true' : 'false', PHP_EOL;
echo $identifierHash, PHP_EOL;
