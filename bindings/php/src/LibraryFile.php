<?php

declare(strict_types=1);

namespace ChatwootIdentity;

use ChatwootIdentity\Exception\LibraryLoadException;

/**
 * Checks a library file before FFI::cdef() hands it to the dynamic loader, which can crash the
 * process (SIGBUS) on a truncated file, block forever on a FIFO, and otherwise says only
 * "Failed loading". The file must be a regular, readable, non-empty shared library in this
 * platform's format (ELF, Mach-O, PE), whose headers, program headers/segments and section
 * table fit inside it, built for this process's machine and word size.
 *
 * @internal
 */
final class LibraryFile
{
    private const ELF_MACHINES = ['x86_64' => 62, 'aarch64' => 183, 'i386' => 3, 'arm' => 40, 'riscv64' => 243, 'ppc64' => 21, 's390x' => 22];
    private const MACHO_CPUS = ['x86_64' => 0x01000007, 'aarch64' => 0x0100000C];
    private const PE_MACHINES = ['x86_64' => 0x8664, 'aarch64' => 0xAA64, 'i386' => 0x14C];
    /** What the dynamic loader reads of a header at most (PE's section table is read in full). */
    private const HEAD = 4096;

    private function __construct()
    {
    }

    /**
     * @param string      $osFamily PHP_OS_FAMILY (tests fake it)
     * @param string|null $machine  the process's machine: x86_64, aarch64, ... (null: this process's)
     *
     * @throws LibraryLoadException naming the path, what is wrong with it and what to do
     */
    public static function check(string $path, string $osFamily = PHP_OS_FAMILY, ?string $machine = null): void
    {
        clearstatcache(true, $path);
        $problem = self::nonRegular($path);
        if ($problem === null) {
            $machine ??= self::processMachine();
            $problem = self::damaged($path, $osFamily, $machine);
        }
        if ($problem !== null) {
            throw new LibraryLoadException(sprintf(
                'cannot load the chatwoot-identity library %s: it %s. Reinstall the package (composer reinstall chatwoot-identity/chatwoot-identity) '
                . 'or point %s at an intact libchatwoot_identity for this platform (%s)',
                $path,
                $problem,
                Library::ENV,
                Target::current()
            ));
        }
    }

    /** What makes $path something other than a regular file, or null. */
    private static function nonRegular(string $path): ?string
    {
        if (is_link($path) && !file_exists($path)) {
            return self::linkLoops($path) ? 'is a symbolic link that loops (ELOOP)' : 'is a symbolic link to a file that does not exist';
        }
        if (!file_exists($path)) {
            return 'does not exist';
        }
        $type = @filetype($path);

        return match ($type) {
            'file' => is_readable($path) ? null : 'cannot be read by this process (check its permissions)',
            'dir' => 'is a directory, not a library file',
            'fifo' => 'is a FIFO (named pipe), not a library file',
            'char', 'block' => "is a device ($type special file), not a library file",
            'socket' => 'is a socket, not a library file',
            default => 'is not a regular file',
        };
    }

    /** Follows the link chain by hand: a visited link again is a loop. */
    private static function linkLoops(string $path): bool
    {
        $seen = [];
        for ($hops = 0; $hops < 64 && is_link($path); ++$hops) {
            $key = realpath(\dirname($path)) . '/' . basename($path);
            if (isset($seen[$key])) {
                return true;
            }
            $seen[$key] = true;
            $target = readlink($path);
            if ($target === false) {
                return false;
            }
            $path = str_starts_with($target, '/') ? $target : \dirname($path) . '/' . $target;
        }

        return $hops >= 64;
    }

    /** What is wrong with the file's contents, or null for a library this process can load. */
    private static function damaged(string $path, string $osFamily, string $machine): ?string
    {
        $size = filesize($path);
        if ($size === 0) {
            return 'is empty (an interrupted download or copy, or a full disk)';
        }
        $head = (string) @file_get_contents($path, false, null, 0, self::HEAD);
        if ($head === '') {
            return 'cannot be read';
        }
        $format = match (true) {
            str_starts_with($head, "\x7fELF") => 'ELF',
            \in_array(substr($head, 0, 4), ["\xcf\xfa\xed\xfe", "\xce\xfa\xed\xfe", "\xca\xfe\xba\xbe"], true) => 'Mach-O',
            str_starts_with($head, 'MZ') => 'PE',
            default => null,
        };
        $expected = match ($osFamily) {
            'Darwin' => 'Mach-O',
            'Windows' => 'PE',
            default => 'ELF',
        };
        if ($format === null) {
            return preg_match('/^[\t\n\r\x20-\x7e]*$/', substr($head, 0, 512)) === 1
                ? 'is a text file, not a shared library (an HTML error page or a linker script?)'
                : "is not a shared library (no $expected header)";
        }
        if ($format !== $expected) {
            return ($format === 'ELF' ? 'is an' : 'is a') . " $format library, but this process runs on $osFamily, which loads $expected libraries (the file of another platform's lib/<target>/?)";
        }

        return match ($format) {
            'ELF' => self::elf($path, $head, $size, $machine),
            'Mach-O' => self::macho($path, $size, $machine),
            'PE' => self::pe($path, $size, $machine),
        };
    }

    private static function elf(string $path, string $head, int $size, string $machine): ?string
    {
        $is64 = \ord($head[4] ?? "\0") === 2;
        if (\strlen($head) < ($is64 ? 64 : 52)) {
            return 'is truncated (shorter than its ELF header)';
        }
        $le = \ord($head[5]) === 1;
        [$u16, $u32, $u64] = $le ? ['v', 'V', 'P'] : ['n', 'N', 'J'];
        $field = static fn (string $bytes, int $at, string $fmt): int => unpack($fmt, $bytes, $at)[1];
        $addr = $is64 ? $u64 : $u32;
        $eMachine = $field($head, 18, $u16);
        $phoff = $field($head, $is64 ? 32 : 28, $addr);
        $shoff = $field($head, $is64 ? 40 : 32, $addr);
        $phentsize = $field($head, $is64 ? 54 : 42, $u16);
        $phnum = $field($head, $is64 ? 56 : 44, $u16);
        $shentsize = $field($head, $is64 ? 58 : 46, $u16);
        $shnum = $field($head, $is64 ? 60 : 48, $u16);
        $wantBits = PHP_INT_SIZE * 8;
        if (($is64 ? 64 : 32) !== $wantBits) {
            return sprintf('is a %d-bit library, and this PHP is %d-bit', $is64 ? 64 : 32, $wantBits);
        }
        $want = self::ELF_MACHINES[$machine] ?? null;
        if ($want !== null && $eMachine !== $want) {
            $name = array_search($eMachine, self::ELF_MACHINES, true);

            return sprintf('is built for another machine (%s), and this process runs on %s', \is_string($name) ? $name : "ELF machine $eMachine", $machine);
        }
        if ($phnum === 0 || $phoff + $phnum * $phentsize > $size || $phentsize < ($is64 ? 56 : 32)) {
            return 'is truncated or damaged (its program headers lie outside the file)';
        }
        if ($shnum > 0 && $shoff + $shnum * $shentsize > $size) {
            return "is truncated (its section table ends past the file's $size bytes)";
        }
        $table = (string) @file_get_contents($path, false, null, $phoff, $phnum * $phentsize);
        for ($i = 0; $i < $phnum; ++$i) {
            $at = $i * $phentsize;
            if ($field($table, $at, $u32) !== 1) { // PT_LOAD
                continue;
            }
            $offset = $field($table, $at + ($is64 ? 8 : 4), $addr);
            $filesz = $field($table, $at + ($is64 ? 32 : 16), $addr);
            if ($offset + $filesz > $size) {
                return "is truncated (a loadable segment ends past the file's $size bytes)";
            }
        }

        return null;
    }

    private static function macho(string $path, int $size, string $machine): ?string
    {
        $head = (string) @file_get_contents($path, false, null, 0, 32);
        if (str_starts_with($head, "\xca\xfe\xba\xbe")) {
            return null; // a universal file: the loader picks the slice; each slice is checked at build time
        }
        if (\strlen($head) < 32 || !str_starts_with($head, "\xcf\xfa\xed\xfe")) {
            return 'is truncated or a 32-bit Mach-O file';
        }
        $cpu = unpack('V', $head, 4)[1];
        $want = self::MACHO_CPUS[$machine] ?? null;
        if ($want !== null && $cpu !== $want) {
            $name = array_search($cpu, self::MACHO_CPUS, true);

            return sprintf('is built for another machine (%s), and this process runs on %s', \is_string($name) ? $name : sprintf('CPU type 0x%x', $cpu), $machine);
        }
        $ncmds = unpack('V', $head, 16)[1];
        $sizeofcmds = unpack('V', $head, 20)[1];
        if (32 + $sizeofcmds > $size) {
            return 'is truncated (its load commands end past the end of the file)';
        }
        $cmds = (string) @file_get_contents($path, false, null, 32, $sizeofcmds);
        for ($at = 0, $i = 0; $i < $ncmds && $at + 8 <= \strlen($cmds); ++$i) {
            [$cmd, $cmdsize] = array_values(unpack('V2', $cmds, $at));
            if ($cmd === 0x19 && $at + 48 <= \strlen($cmds)) { // LC_SEGMENT_64: fileoff, filesize
                $fileoff = unpack('P', $cmds, $at + 40)[1];
                $filesize = unpack('P', $cmds, $at + 48)[1];
                if ($fileoff + $filesize > $size) {
                    return "is truncated (a segment ends past the file's $size bytes)";
                }
            }
            if ($cmdsize < 8) {
                return 'is damaged (a load command of size < 8)';
            }
            $at += $cmdsize;
        }

        return null;
    }

    private static function pe(string $path, int $size, string $machine): ?string
    {
        $dos = (string) @file_get_contents($path, false, null, 0, 64);
        if (\strlen($dos) < 64) {
            return 'is truncated (shorter than its DOS header)';
        }
        $peAt = unpack('V', $dos, 0x3C)[1];
        $coff = (string) @file_get_contents($path, false, null, $peAt, 24);
        if (\strlen($coff) < 24 || !str_starts_with($coff, "PE\0\0")) {
            return 'is truncated or damaged (no PE header)';
        }
        $pe = unpack('vmachine/vsections', $coff, 4);
        $optional = unpack('v', $coff, 20)[1];
        $want = self::PE_MACHINES[$machine] ?? null;
        if ($want !== null && $pe['machine'] !== $want) {
            $name = array_search($pe['machine'], self::PE_MACHINES, true);

            return sprintf('is built for another machine (%s), and this process runs on %s', \is_string($name) ? $name : sprintf('PE machine 0x%x', $pe['machine']), $machine);
        }
        $tableAt = $peAt + 24 + $optional;
        $table = (string) @file_get_contents($path, false, null, $tableAt, 40 * $pe['sections']);
        if (\strlen($table) < 40 * $pe['sections']) {
            return 'is truncated (its section table ends past the end of the file)';
        }
        for ($i = 0; $i < $pe['sections']; ++$i) {
            $raw = unpack('Vsize/Voffset', $table, $i * 40 + 16);
            if ($raw['offset'] + $raw['size'] > $size) {
                return "is truncated (a section ends past the file's $size bytes)";
            }
        }

        return null;
    }

    /** This process's machine, normalised: x86_64, aarch64, ... (from its own executable when readable). */
    public static function processMachine(): string
    {
        $exe = @file_get_contents('/proc/self/exe', false, null, 0, 20);
        if (\is_string($exe) && \strlen($exe) === 20 && str_starts_with($exe, "\x7fELF")) {
            $eMachine = unpack(\ord($exe[5]) === 1 ? 'v' : 'n', $exe, 18)[1];
            $name = array_search($eMachine, self::ELF_MACHINES, true);
            if (\is_string($name)) {
                return $name;
            }
        }

        return match (strtolower(php_uname('m'))) {
            'x86_64', 'amd64', 'x64' => 'x86_64',
            'aarch64', 'arm64' => 'aarch64',
            'i386', 'i686', 'x86' => 'i386',
            default => strtolower(php_uname('m')),
        };
    }
}
