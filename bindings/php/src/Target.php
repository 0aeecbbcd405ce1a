<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/**
 * The prebuilt-library target of this process, e.g. "linux-x86_64-gnu" or "linux-aarch64-musl":
 * the folder under the package's lib/ whose library it loads.
 *
 * The machine comes from php_uname('m'); the C library is the one the running process uses
 * (read from /proc/self/maps, since a glibc machine may have musl's loader installed too),
 * with musl's loader file as the fallback when /proc is not readable.
 */
final class Target
{
    /** Every target the Composer archive carries a library for. */
    public const PACKAGED = ['linux-x86_64-gnu', 'linux-aarch64-gnu', 'linux-x86_64-musl', 'linux-aarch64-musl'];

    private function __construct()
    {
    }

    /** This process's target. */
    public static function current(): string
    {
        $maps = PHP_OS_FAMILY === 'Linux' ? @file_get_contents('/proc/self/maps') : false;

        return self::detect(PHP_OS_FAMILY, php_uname('m'), $maps === false ? null : $maps, glob('/lib/ld-musl-*.so.1') ?: []);
    }

    /**
     * The target for given detection inputs (tests fake them).
     *
     * @param string       $osFamily    PHP_OS_FAMILY
     * @param string       $machine     php_uname('m'): x86_64, amd64, aarch64, arm64, ...
     * @param string|null  $processMaps /proc/self/maps, or null when unreadable
     * @param list<string> $muslLoaders the files matching /lib/ld-musl-*.so.1
     */
    public static function detect(string $osFamily, string $machine, ?string $processMaps, array $muslLoaders): string
    {
        $arch = match (strtolower($machine)) {
            'x86_64', 'amd64', 'x64' => 'x86_64',
            'aarch64', 'arm64', 'armv8', 'armv8l' => 'aarch64',
            default => strtolower($machine),
        };
        if ($osFamily !== 'Linux') {
            return strtolower($osFamily) . '-' . $arch;
        }

        return "linux-$arch-" . (self::isMusl($processMaps, $muslLoaders) ? 'musl' : 'gnu');
    }

    /** @param list<string> $muslLoaders */
    private static function isMusl(?string $processMaps, array $muslLoaders): bool
    {
        if ($processMaps !== null && $processMaps !== '') {
            // The loader the process runs under: musl's is ld-musl-<arch>.so.1 (Alpine also maps libc.musl-*).
            return preg_match('~/(ld-musl-[^/\s]+\.so\.1|libc\.musl-[^/\s]+\.so\.1)$~m', $processMaps) === 1;
        }

        return $muslLoaders !== [];
    }
}
