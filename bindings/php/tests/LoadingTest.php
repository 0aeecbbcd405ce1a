<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Library;
use PHPUnit\Framework\TestCase;

/** How the library is found and loaded, each in a fresh PHP process. */
final class LoadingTest extends TestCase
{
    private const PRINT_HASH = 'echo \ChatwootIdentity\IdentityHash::identifierHash("your-secret-token-for-hmac", "unique-identifier-of-the-user"), "\n", \ChatwootIdentity\Library::loadedBy(), "\n";';
    private const CATCH = 'try { %s } catch (\ChatwootIdentity\Exception\LibraryLoadException $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; exit(3); }';

    public function testTheCliFindsTheRepositoryBuildWithoutConfiguration(): void
    {
        [$code, $out, $err] = Support::php(self::PRINT_HASH, [], [Library::ENV => '']);
        self::assertSame(0, $code, $err);
        self::assertSame(Support::HASH . "\nFFI::cdef " . Support::libraryPath() . "\n", $out);
    }

    public function testTheEnvironmentVariableNamesTheLibrary(): void
    {
        $dir = Support::tempDir('cw_php_env_');
        try {
            copy(Support::libraryPath(), "$dir/libcw-copy.so");
            [$code, $out, $err] = Support::php(self::PRINT_HASH, [], [Library::ENV => "$dir/libcw-copy.so"]);
            self::assertSame(0, $code, $err);
            self::assertSame(Support::HASH . "\nFFI::cdef $dir/libcw-copy.so\n", $out);
        } finally {
            Support::removeDir($dir);
        }
    }

    public function testAMissingLibraryIsAClearExceptionNamingWhatWasTried(): void
    {
        [$code, $out] = Support::php(sprintf(self::CATCH, self::PRINT_HASH), [], [Library::ENV => '/nonexistent/libchatwoot_identity.so']);
        self::assertSame(3, $code);
        self::assertStringStartsWith('ChatwootIdentity\Exception\LibraryLoadException: cannot load libchatwoot_identity; tried: /nonexistent/libchatwoot_identity.so (no such file)', $out);
        self::assertStringContainsString(Library::ENV, $out);
    }

    public function testALibraryOfAnotherAbiIsRefused(): void
    {
        $dir = Support::tempDir('cw_php_abi_');
        try {
            // A stand-in exporting every symbol, with another ABI version.
            $stubs = '';
            preg_match_all('/\b(cw_\w+)\s*\(/', (string) file_get_contents(Library::declarationFile()), $m);
            foreach (array_unique($m[1]) as $f) {
                $stubs .= $f === 'cw_abi_version' ? "unsigned cw_abi_version(void) { return 999; }\n" : "void $f(void) {}\n";
            }
            file_put_contents("$dir/stub.c", $stubs);
            [$cc, , $ccErr] = Support::run(['cc', '-shared', '-fPIC', '-o', "$dir/libstub.so", "$dir/stub.c"]);
            self::assertSame(0, $cc, "cc is needed for this test: $ccErr");
            [$code, $out] = Support::php(sprintf(self::CATCH, self::PRINT_HASH), [], [Library::ENV => "$dir/libstub.so"]);
            self::assertSame(3, $code);
            self::assertStringContainsString("$dir/libstub.so implements the C ABI version 999, but this PHP binding was written for version " . Library::ABI_VERSION, $out);
        } finally {
            Support::removeDir($dir);
        }
    }

    public function testAnOlderLibraryWithoutTheNewFunctionsIsNamedAsSuch(): void
    {
        $dir = Support::tempDir('cw_php_old_');
        try {
            // A stand-in of an older release: every symbol but the render functions.
            $stubs = '';
            preg_match_all('/\b(cw_\w+)\s*\(/', (string) file_get_contents(Library::declarationFile()), $m);
            foreach (array_unique($m[1]) as $f) {
                $stubs .= str_contains($f, 'set_user') ? '' : "void $f(void) {}\n";
            }
            file_put_contents("$dir/stub.c", $stubs);
            [$cc, , $ccErr] = Support::run(['cc', '-shared', '-fPIC', '-o', "$dir/libold.so", "$dir/stub.c"]);
            self::assertSame(0, $cc, "cc is needed for this test: $ccErr");
            [$code, $out] = Support::php(sprintf(self::CATCH, self::PRINT_HASH), [], [Library::ENV => "$dir/libold.so"]);
            self::assertSame(3, $code);
            self::assertStringContainsString("cannot load the chatwoot-identity library $dir/libold.so: it lacks a function this binding needs (Failed resolving C function 'cw_key_set_user_script'): an older library than C ABI version " . Library::ABI_VERSION, $out);
            self::assertStringContainsString('Install the library and the package from the same release', $out);
        } finally {
            Support::removeDir($dir);
        }
    }

    public function testDisabledFfiIsAClearException(): void
    {
        [$code, $out] = Support::php(sprintf(self::CATCH, self::PRINT_HASH), ['-d', 'ffi.enable=0']);
        self::assertSame(3, $code);
        self::assertStringContainsString('FFI is restricted by ffi.enable=0', $out);
        self::assertStringContainsString('preload.php', $out);
    }

    public function testAMissingFfiExtensionIsAClearException(): void
    {
        // -n: no php.ini, so Debian's shared ext-ffi is not loaded.
        [$code, $out] = Support::php(sprintf(self::CATCH, self::PRINT_HASH), ['-n']);
        self::assertSame(3, $code, $out);
        self::assertStringContainsString("needs PHP's FFI extension (ext-ffi)", $out);
    }

    public function testFfiPreloadRegistersTheScope(): void
    {
        $dir = Support::tempDir('cw_php_ffipreload_');
        try {
            [$code, $header, $err] = Support::run([PHP_BINARY, Support::packageDir() . '/bin/chatwoot-identity-ffi-preload'], [Library::ENV => '']);
            self::assertSame(0, $code, $err);
            self::assertStringStartsWith("#define FFI_SCOPE \"CHATWOOT_IDENTITY\"\n#define FFI_LIB \"" . Support::libraryPath() . "\"\n", $header);
            file_put_contents("$dir/chatwoot_identity.h", $header);
            foreach ([[], self::preloadArgs()] as $extra) {
                $code = 'require ' . var_export(Support::packageDir() . '/autoload.php', true) . ';' . self::PRINT_HASH;
                [$code, $out, $err] = Support::run([PHP_BINARY, '-d', "ffi.preload=$dir/chatwoot_identity.h", ...$extra, '-r', $code]);
                self::assertSame(0, $code, $err);
                self::assertSame(Support::HASH . "\nFFI::scope\n", $out, 'the scope of ffi.preload is used');
            }
        } finally {
            Support::removeDir($dir);
        }
    }

    public function testOpcachePreloadAloneWorks(): void
    {
        [$code, $out, $err] = Support::run([PHP_BINARY, ...self::preloadArgs(), '-r', self::PRINT_HASH], [Library::ENV => '']);
        self::assertSame(0, $code, $err);
        // As root, opcache preloads in a child (opcache.preload_user) where PHP forbids FFI::load(),
        // so the preloaded classes declare the library with FFI::cdef(); otherwise the scope is registered.
        $expected = posix_geteuid() === 0 ? 'FFI::cdef ' . Support::libraryPath() : 'FFI::scope';
        self::assertSame(Support::HASH . "\n$expected\n", $out);
    }

    public function testPreloadingFailsLoudlyWithoutALibrary(): void
    {
        [$code, $out, $err] = Support::run([PHP_BINARY, ...self::preloadArgs(), '-r', 'echo "started\n";'], [Library::ENV => '/nonexistent/lib.so']);
        self::assertNotSame(0, $code);
        self::assertStringNotContainsString('started', $out);
        self::assertStringContainsString('cannot load libchatwoot_identity; tried: /nonexistent/lib.so (no such file)', $out . $err);
    }

    /** @return list<string> */
    private static function preloadArgs(): array
    {
        return [
            '-d', 'opcache.enable_cli=1',
            '-d', 'ffi.enable=preload',
            '-d', 'opcache.preload=' . Support::packageDir() . '/preload.php',
            '-d', 'opcache.preload_user=' . Support::userName(), // required when running as root
        ];
    }
}
