<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Library;
use PHPUnit\Framework\TestCase;

/**
 * The package as a Composer user gets it: composer.json validates, an application installs it
 * from a path repository (offline: Packagist disabled) and uses it through vendor/autoload.php,
 * with the library copied into the installed package's own lib/ directory.
 */
final class ComposerAutoloadTest extends TestCase
{
    private static function composer(): string
    {
        $composer = trim((string) shell_exec('command -v composer'));
        self::assertNotSame('', $composer, 'composer is missing (Debian: apt-get install composer)');

        return $composer;
    }

    /** @return array<string, string> offline, private COMPOSER_HOME */
    private static function env(string $home): array
    {
        return ['COMPOSER_HOME' => $home, 'COMPOSER_DISABLE_NETWORK' => '1', 'COMPOSER_ALLOW_SUPERUSER' => '1', 'COMPOSER_NO_INTERACTION' => '1', Library::ENV => ''];
    }

    public function testComposerJsonIsValid(): void
    {
        $home = Support::tempDir('cw_php_composer_home_');
        try {
            [$code, $out, $err] = Support::run([self::composer(), 'validate', '--strict', '--no-check-lock', '--no-check-publish'], self::env($home), Support::packageDir());
            self::assertSame(0, $code, $out . $err);
        } finally {
            Support::removeDir($home);
        }
    }

    public function testAnApplicationUsesThePackageThroughVendorAutoload(): void
    {
        $app = Support::tempDir('cw_php_composer_app_');
        try {
            file_put_contents("$app/composer.json", json_encode([
                'name' => 'example/app',
                'require' => ['chatwoot-identity/chatwoot-identity' => '*@dev'],
                'repositories' => [
                    ['type' => 'path', 'url' => Support::packageDir(), 'options' => ['symlink' => false]],
                    ['packagist.org' => false],
                ],
            ], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES));
            [$code, $out, $err] = Support::run([self::composer(), 'install', '--no-progress'], self::env("$app/.composer"), $app);
            self::assertSame(0, $code, $out . $err);
            $installed = "$app/vendor/chatwoot-identity/chatwoot-identity";
            self::assertFileExists("$installed/src/IdentityKey.php");
            self::assertFileExists("$app/vendor/bin/chatwoot-identity-ffi-preload");
            mkdir("$installed/lib");
            copy(Support::libraryPath(), "$installed/lib/libchatwoot_identity.so");
            file_put_contents("$app/index.php", <<<'PHP'
                <?php
                require __DIR__ . '/vendor/autoload.php';
                use ChatwootIdentity\IdentityHash;
                echo IdentityHash::identifierHash('your-secret-token-for-hmac', 'unique-identifier-of-the-user'), "\n";
                echo ChatwootIdentity\Library::loadedBy(), "\n";
                echo (new ReflectionClass(IdentityHash::class))->getFileName(), "\n";
                PHP);
            [$code, $out, $err] = Support::run([PHP_BINARY, "$app/index.php"], [Library::ENV => '']);
            self::assertSame(0, $code, $err);
            self::assertSame(Support::HASH . "\nFFI::cdef $installed/lib/libchatwoot_identity.so\n$installed/src/IdentityHash.php\n", $out);
        } finally {
            Support::removeDir($app);
        }
    }
}
