<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Exception\LibraryLoadException;
use ChatwootIdentity\Library;
use ChatwootIdentity\LibraryFile;
use PHPUnit\Framework\TestCase;

/**
 * A library path that is not an intact library of this platform is the typed load error naming
 * the path, what is wrong and what to do, checked before FFI::cdef() (whose loader crashes on a
 * truncated file and blocks on a FIFO). Each case loads in a fresh PHP process.
 */
final class LibraryFileTest extends TestCase
{
    private const LOAD = 'try { \ChatwootIdentity\IdentityHash::identifierHash("s", "u"); echo "loaded\n"; } '
        . 'catch (\ChatwootIdentity\Exception\LibraryLoadException $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; exit(3); }';

    private static string $dir;

    public static function setUpBeforeClass(): void
    {
        self::$dir = Support::tempDir('cw_php_libfile_');
    }

    public static function tearDownAfterClass(): void
    {
        Support::removeDir(self::$dir);
    }

    /** @return iterable<string, array{0: \Closure(string): void, 1: string}> a way to make the bad path, and what the error says */
    public static function badFiles(): iterable
    {
        $lib = static fn (): string => (string) file_get_contents(Support::libraryPath());
        yield 'a text file' => [static fn (string $p) => file_put_contents($p, "INPUT(-lchatwoot_identity)\n"), 'is a text file, not a shared library'];
        yield 'an HTML error page' => [static fn (string $p) => file_put_contents($p, "<html><body>404 Not Found</body></html>\n"), 'is a text file'];
        yield 'an empty file' => [static fn (string $p) => touch($p), 'is empty'];
        yield 'binary garbage' => [static fn (string $p) => file_put_contents($p, random_bytes(2000) . "\0"), 'is not a shared library (no ELF header)'];
        yield 'the first 40 bytes' => [static fn (string $p) => file_put_contents($p, substr($lib(), 0, 40)), 'is truncated'];
        yield 'the first 4 KiB' => [static fn (string $p) => file_put_contents($p, substr($lib(), 0, 4096)), 'is truncated'];
        yield 'half of the library' => [static fn (string $p) => file_put_contents($p, substr($lib(), 0, intdiv(\strlen($lib()), 2))), 'is truncated'];
        yield 'all but the last byte' => [static fn (string $p) => file_put_contents($p, substr($lib(), 0, -1)), 'is truncated'];
        $here = LibraryFile::processMachine();
        [$other, $otherMachine] = $here === 'aarch64' ? ['x86_64', 62] : ['aarch64', 183];
        yield "another machine ($other)" => [static fn (string $p) => file_put_contents($p, substr_replace($lib(), pack('v', $otherMachine), 18, 2)), "is built for another machine ($other), and this process runs on $here"];
        yield 'a 32-bit library' => [static fn (string $p) => file_put_contents($p, substr_replace($lib(), "\x01", 4, 1)), 'is a 32-bit library, and this PHP is 64-bit'];
        yield 'a Mach-O library' => [static fn (string $p) => file_put_contents($p, "\xcf\xfa\xed\xfe" . pack('V', 0x0100000C) . str_repeat("\0", 200)), 'is a Mach-O library, but this process runs on Linux'];
        yield 'a Windows DLL' => [static fn (string $p) => file_put_contents($p, 'MZ' . str_repeat("\0", 200)), 'is a PE library, but this process runs on Linux'];
        yield 'a directory' => [static fn (string $p) => mkdir($p), 'is a directory, not a library file'];
        yield 'a FIFO' => [static fn (string $p) => posix_mkfifo($p, 0600), 'is a FIFO (named pipe), not a library file'];
        yield 'a symlink loop' => [static function (string $p): void {
            symlink("$p.b", $p);
            symlink($p, "$p.b");
        }, 'is a symbolic link that loops'];
        yield 'a dangling symlink' => [static fn (string $p) => symlink("$p.missing", $p), 'is a symbolic link to a file that does not exist'];
        yield 'an unreadable file' => [static function (string $p) use ($lib): void {
            file_put_contents($p, $lib());
            chmod($p, 0);
        }, posix_geteuid() === 0 ? '' : 'cannot be read'];
    }

    /** @dataProvider badFiles */
    public function testABadLibraryPathIsTheTypedLoadError(\Closure $make, string $problem): void
    {
        if ($problem === '') {
            // root reads any file: the case proves nothing there, but the file must still load
            $path = self::$dir . '/unreadable-as-root.so';
            $make($path);
            [$code, $out, $err] = Support::php(self::LOAD, [], [Library::ENV => $path]);
            self::assertSame([0, "loaded\n"], [$code, $out], $err);

            return;
        }
        $path = self::$dir . '/lib' . bin2hex(random_bytes(4)) . '.so';
        $make($path);
        [$code, $out, $err] = Support::php(self::LOAD, [], [Library::ENV => $path]);
        self::assertSame(3, $code, "exit $code: $out$err");
        self::assertStringStartsWith(LibraryLoadException::class . ": cannot load the chatwoot-identity library $path: it $problem", $out);
        self::assertStringContainsString('Reinstall the package', $out, 'what to do');
        self::assertStringContainsString(Library::ENV, $out, 'what to do');
        self::assertSame('', $err);
    }

    public function testAnIntactLibraryPasses(): void
    {
        LibraryFile::check(Support::libraryPath());
        $this->addToAssertionCount(1);
    }

    /** @return iterable<string, array{0: string, 1: string, 2: string, 3: string}> synthetic headers of the other platforms */
    public static function otherPlatforms(): iterable
    {
        $macho = static fn (int $cpu, int $sizeofcmds): string => "\xcf\xfa\xed\xfe" . pack('V*', $cpu, 0, 6, 1, $sizeofcmds, 0, 0);
        $segment = static fn (int $fileoff, int $filesize): string => pack('VV', 0x19, 72) . str_repeat("\0", 16) . pack('PPPP', 0, 0, $fileoff, $filesize) . str_repeat("\0", 16);
        $pe = static fn (int $machine, int $rawOffset, int $rawSize): string => 'MZ' . str_repeat("\0", 58) . pack('V', 64)
            . "PE\0\0" . pack('vv', $machine, 1) . str_repeat("\0", 12) . pack('vv', 0, 0x2022)
            . str_repeat("\0", 16) . pack('VV', $rawSize, $rawOffset) . str_repeat("\0", 16);
        yield 'mac arm64 intact' => ['Darwin', 'aarch64', $macho(0x0100000C, 72) . $segment(0, 200) . str_repeat("\0", 100), ''];
        yield 'mac arm64 on an Intel Mac' => ['Darwin', 'x86_64', $macho(0x0100000C, 72) . $segment(0, 200) . str_repeat("\0", 100), 'is built for another machine (aarch64), and this process runs on x86_64'];
        yield 'mac load commands cut' => ['Darwin', 'aarch64', $macho(0x0100000C, 4000) . str_repeat("\0", 100), 'is truncated (its load commands end past the end of the file)'];
        yield 'mac segment cut' => ['Darwin', 'aarch64', $macho(0x0100000C, 72) . $segment(0, 90000), 'is truncated (a segment ends past'];
        yield 'an ELF file on a Mac' => ['Darwin', 'aarch64', (string) file_get_contents(Support::libraryPath()), 'is an ELF library, but this process runs on Darwin'];
        yield 'windows x64 intact' => ['Windows', 'x86_64', $pe(0x8664, 128, 16) . str_repeat("\0", 16), ''];
        yield 'windows arm64 DLL on x64' => ['Windows', 'x86_64', $pe(0xAA64, 128, 16) . str_repeat("\0", 16), 'is built for another machine (aarch64), and this process runs on x86_64'];
        yield 'windows section cut' => ['Windows', 'x86_64', $pe(0x8664, 128, 90000), 'is truncated (a section ends past'];
        yield 'windows no PE header' => ['Windows', 'x86_64', 'MZ' . str_repeat("\0", 100), 'is truncated or damaged (no PE header)'];
    }

    /** @dataProvider otherPlatforms */
    public function testMachOAndPeHeadersAreCheckedWithThePlatformFaked(string $family, string $machine, string $bytes, string $problem): void
    {
        $path = self::$dir . '/other-' . bin2hex(random_bytes(4));
        file_put_contents($path, $bytes);
        try {
            LibraryFile::check($path, $family, $machine);
            self::assertSame('', $problem, 'accepted');
        } catch (LibraryLoadException $e) {
            self::assertNotSame('', $problem, $e->getMessage());
            self::assertStringStartsWith("cannot load the chatwoot-identity library $path: it $problem", $e->getMessage());
        }
    }
}
