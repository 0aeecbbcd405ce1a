<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Library;
use ChatwootIdentity\Tools\FfiHeader;
use PHPUnit\Framework\TestCase;

require_once __DIR__ . '/../tools/FfiHeader.php';

/** ffi/chatwoot_identity.h must be what tools/ derives from the committed C header now. */
final class FfiHeaderTest extends TestCase
{
    private static function cHeader(): string
    {
        return (string) file_get_contents(Support::repoDir() . '/include/chatwoot_identity.h');
    }

    public function testCommittedDeclarationsAreCurrent(): void
    {
        self::assertSame(
            FfiHeader::generate(self::cHeader()),
            file_get_contents(Library::declarationFile()),
            'ffi/chatwoot_identity.h is stale: run `make -C bindings/php ffi-header` and commit it'
        );
    }

    public function testAChangedHeaderChangesTheDeclarations(): void
    {
        $changed = str_replace('uint32_t cw_abi_version(void);', "uint32_t cw_abi_version(void);\n\nvoid cw_new_function(int x);", self::cHeader());
        self::assertNotSame($changed, self::cHeader());
        self::assertStringContainsString('void cw_new_function(int x);', FfiHeader::generate($changed));
        self::assertNotSame(FfiHeader::generate(self::cHeader()), FfiHeader::generate($changed));
    }

    public function testDeclarationsArePhpReadyAndComplete(): void
    {
        $decl = (string) file_get_contents(Library::declarationFile());
        self::assertDoesNotMatchRegularExpression('/^\s*#/m', $decl, 'FFI::cdef() accepts no preprocessor line');
        self::assertStringNotContainsString('extern "C"', $decl);
        self::assertStringNotContainsString('uint8_t', $decl, 'byte buffers are char* so PHP strings pass zero-copy');
        preg_match_all('/\b(cw_\w+)\s*\(/', self::cHeader(), $m);
        $functions = array_unique($m[1]);
        self::assertGreaterThanOrEqual(10, \count($functions));
        $ffi = \FFI::cdef($decl, Support::libraryPath()); // every prototype resolves in the library
        foreach ($functions as $function) {
            self::assertMatchesRegularExpression('/\b' . $function . '\(/', $decl, $function);
        }
        self::assertSame(Library::ABI_VERSION, $ffi->cw_abi_version());
    }

    public function testConstantsMatchTheHeader(): void
    {
        self::assertSame(1, preg_match('/#define CW_ABI_VERSION (\d+)/', self::cHeader(), $abi));
        self::assertSame((int) $abi[1], Library::ABI_VERSION, 'the header changed its ABI: review this binding first');
        self::assertSame(1, preg_match('/#define CW_HASH_LEN (\d+)/', self::cHeader(), $len));
        self::assertSame((int) $len[1], Library::HASH_LEN);
        self::assertSame(1, preg_match('/#define CW_VERSION "([^"]+)"/', self::cHeader(), $version));
        self::assertSame($version[1], Library::version());
    }
}
