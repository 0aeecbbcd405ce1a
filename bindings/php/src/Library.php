<?php

declare(strict_types=1);

namespace ChatwootIdentity;

use ChatwootIdentity\Exception\LibraryLoadException;
use FFI;

/**
 * Loads libchatwoot_identity once per process (per request under PHP-FPM) and checks its ABI.
 *
 * Two ways in, tried in this order:
 * 1. FFI::scope('CHATWOOT_IDENTITY'), registered at server start by php.ini's ffi.preload
 *    (a header from bin/chatwoot-identity-ffi-preload) or by preload.php's FFI::load().
 * 2. FFI::cdef() with ffi/chatwoot_identity.h: allowed in the CLI, with ffi.enable=1, and,
 *    under PHP-FPM's default ffi.enable=preload, because preload.php preloads these classes.
 *
 * The library file: $CHATWOOT_IDENTITY_LIB if set (and then only it), else the package's
 * own lib/<target>/ (see Target), else the system's dynamic loader (`make install`), else, only
 * in a source checkout, its target/release/ (see candidates()).
 */
final class Library
{
    /** The CW_ABI_VERSION this binding was written for; the library must report the same. */
    public const ABI_VERSION = Abi::ABI_VERSION;
    /** CW_HASH_LEN: an identifier_hash is 64 lowercase hex characters. */
    public const HASH_LEN = Abi::HASH_LEN;
    /** The FFI scope of ffi.preload and preload.php. */
    public const SCOPE = 'CHATWOOT_IDENTITY';
    /** Environment variable naming the library file, overriding the search. */
    public const ENV = 'CHATWOOT_IDENTITY_LIB';

    private static ?FFI $ffi = null;
    private static string $loadedBy = '';

    private function __construct()
    {
    }

    /** The loaded library (loading it on first use). */
    public static function ffi(): FFI
    {
        return self::$ffi ?? self::load();
    }

    /** The library's version, e.g. "0.1.0". */
    public static function version(): string
    {
        return self::ffi()->cw_version();
    }

    /** How the library was loaded: "FFI::scope" (preloaded) or "FFI::cdef <path>". */
    public static function loadedBy(): string
    {
        self::ffi();

        return self::$loadedBy;
    }

    /** Path of the PHP-ready C declarations (derived from include/chatwoot_identity.h). */
    public static function declarationFile(): string
    {
        return \dirname(__DIR__) . '/ffi/chatwoot_identity.h';
    }

    /**
     * For opcache.preload (see preload.php): compiles every class of this package into the
     * preload set, so that ffi.enable=preload allows their FFI calls in requests, checks the
     * library (a LibraryLoadException stops the server from starting) and, where PHP allows
     * it, registers the FFI scope so requests skip parsing the declarations.
     */
    public static function preload(): void
    {
        self::requireExtension();
        $src = new \RecursiveIteratorIterator(new \RecursiveDirectoryIterator(__DIR__, \FilesystemIterator::SKIP_DOTS));
        foreach ($src as $file) {
            // The framework integrations extend classes of frameworks this package does not require.
            if ($file->getExtension() === 'php' && preg_match('~/(Laravel|Twig)/~', substr($file->getPathname(), \strlen(__DIR__))) !== 1) {
                $class = __NAMESPACE__ . '\\' . strtr(substr($file->getPathname(), \strlen(__DIR__) + 1, -4), '/', '\\');
                class_exists($class) || interface_exists($class);
            }
        }
        try {
            self::checkAbi(FFI::scope(self::SCOPE), 'the FFI scope ' . self::SCOPE . ' (ffi.preload)');

            return; // ffi.preload registered it already
        } catch (\FFI\Exception) {
        }
        [, $lib] = self::declare();
        $tmp = tempnam(sys_get_temp_dir(), 'chatwoot_identity_ffi_');
        try {
            file_put_contents($tmp, self::preloadHeader($lib));
            FFI::load($tmp);
        } catch (\FFI\Exception $e) {
            // FFI::load() refuses when opcache preloads in a child process (opcache.preload_user,
            // e.g. PHP-FPM started as root): requests then use FFI::cdef() from these preloaded
            // classes, or the scope of ffi.preload (see README).
            if (!str_contains($e->getMessage(), 'preload_user')) {
                throw new LibraryLoadException("cannot register the FFI scope for $lib: {$e->getMessage()}", 0, $e);
            }
        } finally {
            unlink($tmp);
        }
    }

    /**
     * A header for php.ini's ffi.preload: the declarations behind the FFI_SCOPE and FFI_LIB
     * lines FFI::load() reads. $lib defaults to the library this process would load.
     */
    public static function preloadHeader(?string $lib = null): string
    {
        $lib ??= self::declare()[1];

        return sprintf("#define FFI_SCOPE \"%s\"\n#define FFI_LIB \"%s\"\n", self::SCOPE, addcslashes($lib, "\"\\"))
            . self::declarations();
    }

    private static function load(): FFI
    {
        self::requireExtension();
        try {
            $ffi = FFI::scope(self::SCOPE);
            self::checkAbi($ffi, 'the preloaded FFI scope ' . self::SCOPE);
            self::$loadedBy = 'FFI::scope';

            return self::$ffi = $ffi;
        } catch (\FFI\Exception) {
            // No scope was preloaded: declare the library ourselves.
        }
        [$ffi, $lib] = self::declare();
        self::$loadedBy = "FFI::cdef $lib";

        return self::$ffi = $ffi;
    }

    /**
     * FFI::cdef() on the first library found, its ABI checked.
     *
     * @return array{0: FFI, 1: string} the library and its path
     */
    private static function declare(): array
    {
        $tried = [];
        foreach (self::candidates() as $lib) {
            $isPath = str_contains($lib, '/') || str_contains($lib, '\\');
            if ($isPath && !file_exists($lib) && !is_link($lib)) {
                $tried[] = "$lib (no such file)";
                continue;
            }
            if ($isPath) {
                LibraryFile::check($lib); // a file that is there but unusable stops the search
            }
            try {
                $ffi = FFI::cdef(self::declarations(), $lib);
            } catch (\FFI\Exception $e) {
                if (str_contains($e->getMessage(), 'restricted')) {
                    throw new LibraryLoadException(sprintf(
                        'FFI is restricted by ffi.enable=%s in the %s SAPI: set opcache.preload=%s '
                        . '(and opcache.preload_user) so this package is preloaded, or set ffi.enable=1',
                        (string) ini_get('ffi.enable'),
                        PHP_SAPI,
                        \dirname(__DIR__) . '/preload.php'
                    ), 0, $e);
                }
                if (str_contains($e->getMessage(), 'Failed resolving C function')) {
                    throw new LibraryLoadException(sprintf(
                        'cannot load the chatwoot-identity library %s: it lacks a function this binding needs (%s): an older '
                        . 'library than C ABI version %d, or another library. Install the library and the package from the same release, or point %s at the right file',
                        $lib,
                        $e->getMessage(),
                        self::ABI_VERSION,
                        self::ENV
                    ), 0, $e);
                }
                if ($isPath) {
                    throw new LibraryLoadException(sprintf(
                        'cannot load the chatwoot-identity library %s: the dynamic loader refused it (%s). Reinstall the package, or point %s at an intact library for %s',
                        $lib,
                        $e->getMessage(),
                        self::ENV,
                        Target::current()
                    ), 0, $e);
                }
                $tried[] = "$lib ({$e->getMessage()})";
                continue;
            }
            self::checkAbi($ffi, $lib);

            return [$ffi, $lib];
        }
        throw self::notFound($tried);
    }

    /**
     * The library files to try, in order: $CHATWOOT_IDENTITY_LIB alone when set (an explicit
     * choice is never second-guessed), the package's own copy for the target, the system's
     * dynamic loader (`make install`), and only when this package sits in a source checkout
     * (bindings/php next to the crate), that checkout's target/release.
     *
     * @internal public for the tests, which fake the target
     *
     * @return list<string>
     */
    public static function candidates(?string $target = null, ?string $package = null): array
    {
        $env = getenv(self::ENV);
        if (\is_string($env) && $env !== '') {
            return [$env];
        }
        $target ??= Target::current();
        $package ??= \dirname(__DIR__);
        $file = Target::sharedLibrary($target);
        $candidates = [
            "$package/lib/$target/$file",
            // the dynamic loader's search path (`make install` on Linux installs the SONAME)
            (Targets::TARGETS[$target]['family'] ?? PHP_OS_FAMILY) === 'Linux' ? 'libchatwoot_identity.so.0' : $file,
        ];
        $checkout = \dirname($package, 2);
        if (basename($package) === 'php' && basename(\dirname($package)) === 'bindings' && is_file("$checkout/Cargo.toml")) {
            $candidates[] = "$checkout/target/release/$file";
        }

        return $candidates;
    }

    private static function declarations(): string
    {
        $decl = @file_get_contents(self::declarationFile());
        if ($decl === false) {
            throw new LibraryLoadException('cannot read the FFI declarations ' . self::declarationFile());
        }

        return $decl;
    }

    private static function checkAbi(FFI $ffi, string $from): void
    {
        $abi = $ffi->cw_abi_version();
        if ($abi !== self::ABI_VERSION) {
            throw new LibraryLoadException(sprintf(
                '%s implements the C ABI version %d, but this PHP binding was written for version %d: install the library and the package from the same release',
                $from,
                $abi,
                self::ABI_VERSION
            ));
        }
    }

    private static function requireExtension(): void
    {
        if (!\extension_loaded('ffi')) {
            throw new LibraryLoadException("chatwoot-identity needs PHP's FFI extension (ext-ffi), which is not loaded");
        }
    }

    /** @param list<string> $tried */
    private static function notFound(array $tried): LibraryLoadException
    {
        return new LibraryLoadException(sprintf(
            'cannot load libchatwoot_identity; tried: %s. The target detected is %s; this package carries libraries for %s; '
            . 'elsewhere build it (`cargo build --release` in a checkout, or `make install`), or set %s to its path',
            implode('; ', $tried),
            Target::current(),
            implode(', ', array_map('basename', glob(\dirname(__DIR__) . '/lib/*', GLOB_ONLYDIR) ?: [])) ?: 'no target (a source checkout)',
            self::ENV
        ));
    }
}
