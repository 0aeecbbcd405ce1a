<?php

declare(strict_types=1);

// Usage: php tools/generate-ffi-header.php [C header] > ffi/chatwoot_identity.h
require __DIR__ . '/FfiHeader.php';

$header = $argv[1] ?? __DIR__ . '/../../../include/chatwoot_identity.h';
$c = @file_get_contents($header);
if ($c === false) {
    fwrite(STDERR, "generate-ffi-header: cannot read $header\n");
    exit(1);
}
echo \ChatwootIdentity\Tools\FfiHeader::generate($c);
