<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/**
 * The prebuilt-library target of this process, e.g. "linux-x86_64-gnu", "macos-arm64" or
 * "windows-x86_64": the folder under the package's lib/ whose library it loads. The targets,
 * their PHP_OS_FAMILY, machine spellings and file names are the generated Targets table
 * (from targets.toml).
 *
 * The machine comes from php_uname('m'); on Linux, the C library is the one the running process
 * uses (read from /proc/self/maps, since a glibc machine may have musl's loader installed too),
 * with musl's loader file as the fallback when /proc is not readable.
 */
final class Target
{
    private function __construct()
    {
    }

    /** @return list<string> every release target, in targets.toml's order */
    public static function all(): array
    {
        return array_keys(Targets::TARGETS);
    }

    /** This process's target. */
    public static function current(): string
    {
        $maps = PHP_OS_FAMILY === 'Linux' ? @file_get_contents('/proc/self/maps') : false;

        return self::detect(PHP_OS_FAMILY, php_uname('m'), $maps === false ? null : $maps, PHP_OS_FAMILY === 'Linux' ? (glob('/lib/ld-musl-*.so.1') ?: []) : []);
    }

    /**
     * The target for given detection inputs (tests fake them). A platform without a release
     * target gets a name of the same shape ("linux-riscv64-gnu", "bsd-amd64"), never a library.
     *
     * @param string       $osFamily    PHP_OS_FAMILY: Linux, Darwin, Windows, ...
     * @param string       $machine     php_uname('m'): x86_64, amd64, AMD64, aarch64, arm64, ARM64, ...
     * @param string|null  $processMaps /proc/self/maps, or null when unreadable (Linux only)
     * @param list<string> $muslLoaders the files matching /lib/ld-musl-*.so.1 (Linux only)
     */
    public static function detect(string $osFamily, string $machine, ?string $processMaps, array $muslLoaders): string
    {
        $libc = $osFamily === 'Linux' ? (self::isMusl($processMaps, $muslLoaders) ? 'musl' : 'gnu') : '';
        foreach (Targets::TARGETS as $name => $target) {
            if ($target['family'] === $osFamily && $target['libc'] === $libc
                && \in_array(strtolower($machine), array_map('strtolower', $target['machines']), true)) {
                return $name;
            }
        }

        return strtolower($osFamily) . '-' . strtolower($machine) . ($libc === '' ? '' : "-$libc");
    }

    /** The file name of a target's shared library; for an unknown target, the OS family's usual one. */
    public static function sharedLibrary(string $target, string $osFamily = PHP_OS_FAMILY): string
    {
        return Targets::TARGETS[$target]['shared'] ?? match ($osFamily) {
            'Darwin' => 'libchatwoot_identity.dylib',
            'Windows' => 'chatwoot_identity.dll',
            default => 'libchatwoot_identity.so',
        };
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
