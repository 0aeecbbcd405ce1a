<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

/** Paths, the shared vectors, the bad-input matrix and a subprocess runner for the tests. */
final class Support
{
    public const SECRET = 'your-secret-token-for-hmac';
    public const IDENTIFIER = 'unique-identifier-of-the-user';
    public const HASH = 'fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c';

    public static function packageDir(): string
    {
        return \dirname(__DIR__);
    }

    public static function repoDir(): string
    {
        return \dirname(__DIR__, 3);
    }

    public static function libraryPath(): string
    {
        return self::repoDir() . '/target/release/libchatwoot_identity.so';
    }

    /** The effective user's name (for opcache.preload_user). */
    public static function userName(): string
    {
        $name = \function_exists('posix_getpwuid') ? (posix_getpwuid(posix_geteuid())['name'] ?? null) : null;

        return $name ?? (string) getenv('USER');
    }

    /** @return array<string, mixed> tests/vectors.json */
    public static function vectors(): array
    {
        static $vectors = null;

        return $vectors ??= json_decode((string) file_get_contents(self::repoDir() . '/tests/vectors.json'), true, 512, JSON_THROW_ON_ERROR);
    }

    /** @return array<string, mixed> tests/bad_input_matrix.json */
    public static function badInputMatrix(): array
    {
        static $matrix = null;

        return $matrix ??= json_decode((string) file_get_contents(self::repoDir() . '/tests/bad_input_matrix.json'), true, 512, JSON_THROW_ON_ERROR);
    }

    /** A fresh private directory, removed by the caller with removeDir(). */
    public static function tempDir(string $prefix): string
    {
        $dir = sys_get_temp_dir() . '/' . $prefix . bin2hex(random_bytes(6));
        mkdir($dir, 0700);

        return $dir;
    }

    public static function removeDir(string $dir): void
    {
        if (is_dir($dir)) {
            exec('rm -rf ' . escapeshellarg($dir));
        }
    }

    /**
     * Runs a command (argument list, no shell) with extra environment variables.
     *
     * @param list<string>          $command
     * @param array<string, string> $env     merged over this process's environment
     *
     * @return array{0: int, 1: string, 2: string} exit code, stdout, stderr
     */
    public static function run(array $command, array $env = [], ?string $cwd = null): array
    {
        $process = proc_open($command, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, $cwd, $env + getenv());
        if (!\is_resource($process)) {
            throw new \RuntimeException('cannot start ' . $command[0]);
        }
        $stdout = stream_get_contents($pipes[1]);
        $stderr = stream_get_contents($pipes[2]);
        fclose($pipes[1]);
        fclose($pipes[2]);

        return [proc_close($process), (string) $stdout, (string) $stderr];
    }

    /**
     * Runs a PHP snippet in a fresh CLI process with the package's autoloader loaded.
     *
     * @param list<string>          $phpArgs e.g. ['-d', 'ffi.enable=0']
     * @param array<string, string> $env
     *
     * @return array{0: int, 1: string, 2: string}
     */
    public static function php(string $code, array $phpArgs = [], array $env = []): array
    {
        $prelude = 'require ' . var_export(self::packageDir() . '/autoload.php', true) . ';';

        return self::run(array_merge([PHP_BINARY], $phpArgs, ['-r', $prelude . $code]), $env);
    }
}
