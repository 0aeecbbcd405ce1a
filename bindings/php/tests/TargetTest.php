<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Library;
use ChatwootIdentity\Target;
use PHPUnit\Framework\TestCase;

/** Which lib/<target>/ the loader picks, from faked php_uname('m') and C library inputs. */
final class TargetTest extends TestCase
{
    private const GLIBC_MAPS = "7f0000000000-7f0000001000 r--p 00000000 08:01 123 /usr/lib/x86_64-linux-gnu/libc.so.6\n"
        . "7f0000002000-7f0000003000 r--p 00000000 08:01 124 /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2\n";
    private const MUSL_MAPS = "7f0000000000-7f0000001000 r--p 00000000 08:01 123 /lib/ld-musl-x86_64.so.1\n";
    private const MUSL_AARCH64_MAPS = "ffff00000000-ffff00001000 r--p 00000000 08:01 123 /lib/ld-musl-aarch64.so.1\n";

    /** @return iterable<string, array{0: string, 1: ?string, 2: list<string>, 3: string}> */
    public static function inputs(): iterable
    {
        yield 'x86_64 glibc' => ['x86_64', self::GLIBC_MAPS, [], 'linux-x86_64-gnu'];
        yield 'amd64 glibc' => ['amd64', self::GLIBC_MAPS, [], 'linux-x86_64-gnu'];
        yield 'aarch64 glibc' => ['aarch64', self::GLIBC_MAPS, [], 'linux-aarch64-gnu'];
        yield 'arm64 glibc' => ['arm64', self::GLIBC_MAPS, [], 'linux-aarch64-gnu'];
        yield 'x86_64 musl (Alpine)' => ['x86_64', self::MUSL_MAPS, ['/lib/ld-musl-x86_64.so.1'], 'linux-x86_64-musl'];
        yield 'aarch64 musl (Alpine)' => ['aarch64', self::MUSL_AARCH64_MAPS, ['/lib/ld-musl-aarch64.so.1'], 'linux-aarch64-musl'];
        yield 'glibc process with musl installed beside it' => ['x86_64', self::GLIBC_MAPS, ['/lib/ld-musl-x86_64.so.1'], 'linux-x86_64-gnu'];
        yield 'no /proc, musl loader present' => ['aarch64', null, ['/lib/ld-musl-aarch64.so.1'], 'linux-aarch64-musl'];
        yield 'no /proc, no musl loader' => ['x86_64', null, [], 'linux-x86_64-gnu'];
        yield 'an unpackaged machine' => ['riscv64', self::GLIBC_MAPS, [], 'linux-riscv64-gnu'];
    }

    /**
     * @dataProvider inputs
     *
     * @param list<string> $loaders
     */
    public function testDetection(string $machine, ?string $maps, array $loaders, string $target): void
    {
        self::assertSame($target, Target::detect('Linux', $machine, $maps, $loaders));
    }

    public function testThisProcess(): void
    {
        self::assertContains(Target::current(), Target::all());
        self::assertSame(Target::detect('Linux', php_uname('m'), (string) file_get_contents('/proc/self/maps'), []), Target::current());
    }

    /** @return iterable<string, array{0: string, 1: string, 2: string, 3: string}> */
    public static function otherSystems(): iterable
    {
        yield 'macOS Apple silicon' => ['Darwin', 'arm64', 'macos-arm64', 'libchatwoot_identity.dylib'];
        yield 'macOS Intel' => ['Darwin', 'x86_64', 'macos-x86_64', 'libchatwoot_identity.dylib'];
        yield 'Windows x64' => ['Windows', 'AMD64', 'windows-x86_64', 'chatwoot_identity.dll'];
        yield 'Windows x64 (lowercase)' => ['Windows', 'x86_64', 'windows-x86_64', 'chatwoot_identity.dll'];
        yield 'Windows on Arm' => ['Windows', 'ARM64', 'windows-arm64', 'chatwoot_identity.dll'];
    }

    /** @dataProvider otherSystems */
    public function testMacosAndWindowsTargetsAndTheirFiles(string $family, string $machine, string $target, string $file): void
    {
        self::assertSame($target, Target::detect($family, $machine, null, []));
        self::assertSame($file, Target::sharedLibrary($target));
        $env = getenv(Library::ENV);
        putenv(Library::ENV);
        try {
            self::assertSame(["/pkg/lib/$target/$file", $file], Library::candidates($target, '/pkg'));
        } finally {
            putenv($env === false ? Library::ENV : Library::ENV . "=$env");
        }
    }

    public function testTheTargetTableIsTargetsToml(): void
    {
        $toml = (string) file_get_contents(\dirname(Support::packageDir(), 2) . '/targets.toml');
        preg_match_all('/^\[targets\.([\w-]+)\]$/m', $toml, $m);
        self::assertSame($m[1], Target::all());
    }

    public function testOtherSystemsAreNamedButNeverPackaged(): void
    {
        self::assertSame('bsd-amd64', Target::detect('BSD', 'amd64', null, []));
        self::assertNotContains('bsd-amd64', Target::all());
        self::assertSame('linux-riscv64-musl', Target::detect('Linux', 'riscv64', self::MUSL_MAPS, []));
    }

    public function testTheCandidatesFollowTheTarget(): void
    {
        $env = getenv(Library::ENV);
        putenv(Library::ENV);
        try {
            foreach (Target::all() as $target) {
                $file = Target::sharedLibrary($target);
                self::assertSame(
                    ["/srv/app/vendor/chatwoot-identity/chatwoot-identity/lib/$target/$file", str_starts_with($target, 'linux-') ? 'libchatwoot_identity.so.0' : $file],
                    Library::candidates($target, '/srv/app/vendor/chatwoot-identity/chatwoot-identity'),
                    'an installed package never searches a checkout'
                );
            }
            self::assertSame(
                [Support::packageDir() . '/lib/linux-aarch64-musl/libchatwoot_identity.so', 'libchatwoot_identity.so.0', Support::libraryPath()],
                Library::candidates('linux-aarch64-musl'),
                'a checkout searches its target/release last'
            );
            putenv(Library::ENV . '=/opt/explicit.so');
            self::assertSame(['/opt/explicit.so'], Library::candidates('linux-x86_64-gnu'), 'the environment variable alone, never a fallback');
        } finally {
            putenv($env === false ? Library::ENV : Library::ENV . "=$env");
        }
    }
}
