<?php

declare(strict_types=1);

// The suite loads the package the plain-require way; ComposerAutoloadTest covers vendor/autoload.php.
require __DIR__ . '/../autoload.php';
require __DIR__ . '/Support.php';
require __DIR__ . '/Hostile.php';
require __DIR__ . '/Random.php';
require __DIR__ . '/Interrupts.php';

if (!extension_loaded('ffi')) {
    fwrite(STDERR, "chatwoot-identity tests: PHP's FFI extension is not loaded (Debian: php8.2-cli)\n");
    exit(1);
}
if (!is_file(ChatwootIdentity\Tests\Support::libraryPath())) {
    fwrite(STDERR, 'chatwoot-identity tests: ' . ChatwootIdentity\Tests\Support::libraryPath() . " is missing: run `cargo build --release` at the repository root\n");
    exit(1);
}
