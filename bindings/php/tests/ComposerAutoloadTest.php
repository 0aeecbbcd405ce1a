<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Library;
use ChatwootIdentity\Target;
use PHPUnit\Framework\TestCase;

/**
 * The package as a Composer user gets it: composer.json validates, an application installs it
 * from a path repository (offline: Packagist disabled) and uses it through vendor/autoload.php,
 * with the library copied into the installed package's own lib/<target>/ directory (the
 * Composer archive of `make dist` carries them; test-dist installs that).
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
            file_put_contents("$app/index.php", <<<'PHP'
                <?php
                require __DIR__ . '/vendor/autoload.php';
                use ChatwootIdentity\IdentityHash;
                echo IdentityHash::identifierHash('your-secret-token-for-hmac', 'unique-identifier-of-the-user'), "\n";
                echo ChatwootIdentity\Library::loadedBy(), "\n";
                echo (new ReflectionClass(IdentityHash::class))->getFileName(), "\n";
                PHP);
            // Installed from a path, without lib/: the checkout's target/release is never searched.
            [$code, $out, $err] = Support::run([PHP_BINARY, "$app/index.php"], [Library::ENV => '']);
            self::assertNotSame(0, $code);
            $target = Target::current();
            self::assertStringContainsString("cannot load libchatwoot_identity; tried: $installed/lib/$target/libchatwoot_identity.so (no such file); libchatwoot_identity.so.0 (", $out . $err);
            self::assertStringContainsString("The target detected is $target", $out . $err);
            self::assertStringNotContainsString('target/release', $out . $err);

            $lib = "$installed/lib/$target/libchatwoot_identity.so";
            mkdir(\dirname($lib), 0777, true);
            copy(Support::libraryPath(), $lib);
            [$code, $out, $err] = Support::run([PHP_BINARY, "$app/index.php"], [Library::ENV => '']);
            self::assertSame(0, $code, $err);
            self::assertSame(Support::HASH . "\nFFI::cdef $lib\n$installed/src/IdentityHash.php\n", $out);
        } finally {
            Support::removeDir($app);
        }
    }
}
