<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tools;

/**
 * Derives the PHP-ready FFI declarations from include/chatwoot_identity.h.
 *
 * FFI::cdef() and FFI::load() accept C declarations only: no #include, #define or #ifdef.
 * So this drops comments and preprocessor blocks and keeps the typedefs and prototypes.
 * One rewrite: `const uint8_t *` becomes `const char *`, because PHP FFI passes a PHP
 * string zero-copy only to char/void pointers (uint8_t and char have the same size and
 * representation, so the C ABI is unchanged).
 */
final class FfiHeader
{
    public const BANNER = "// Generated from include/chatwoot_identity.h by tools/generate-ffi-header.php:\n"
        . "// do not edit. Run `make ffi-header` after the C header changes.\n";

    public static function generate(string $cHeader): string
    {
        $text = self::stripComments($cHeader);
        $kept = [];
        $skipDepth = 0; // depth inside an `#ifdef __cplusplus` block
        $depth = 0;     // depth of every #if*
        $braces = 0;    // C brace depth, to separate top-level declarations
        foreach (explode("\n", $text) as $line) {
            $trimmed = trim($line);
            if (str_starts_with($trimmed, '#')) {
                if (preg_match('/^#\s*if/', $trimmed)) {
                    $depth++;
                    if ($skipDepth === 0 && preg_match('/^#\s*ifdef\s+__cplusplus\b/', $trimmed)) {
                        $skipDepth = $depth;
                    }
                } elseif (preg_match('/^#\s*endif/', $trimmed)) {
                    if ($skipDepth === $depth) {
                        $skipDepth = 0;
                    }
                    $depth--;
                }
                continue; // every preprocessor line goes
            }
            if ($skipDepth !== 0 || $trimmed === '') {
                continue;
            }
            $kept[] = rtrim($line);
            $braces += substr_count($line, '{') - substr_count($line, '}');
            if ($braces === 0 && str_ends_with($trimmed, ';')) {
                $kept[] = ''; // one blank line after each top-level declaration
            }
        }
        $body = implode("\n", $kept);
        $body = preg_replace('/\bconst\s+uint8_t\s*\*/', 'const char *', $body);

        return self::BANNER . "\n" . rtrim($body) . "\n";
    }

    private static function stripComments(string $c): string
    {
        // No string literal in the declarations contains comment markers, so a regex is enough.
        $c = preg_replace('~/\*.*?\*/~s', '', $c);

        return preg_replace('~//[^\n]*~', '', $c);
    }
}
