<?php

declare(strict_types=1);

/*
 * opcache.preload script for PHP-FPM (and any SAPI with ffi.enable=preload, PHP's default):
 *
 *   opcache.preload=/path/to/vendor/chatwoot-identity/chatwoot-identity/preload.php
 *   opcache.preload_user=www-data
 *
 * It preloads this package's classes and registers the FFI scope CHATWOOT_IDENTITY, which
 * requests then use through FFI::scope(). If the library cannot be loaded, the server
 * refuses to start with a message naming every path tried. From your own preload script,
 * `require` this file.
 */
require_once __DIR__ . '/autoload.php';

\ChatwootIdentity\Library::preload();
