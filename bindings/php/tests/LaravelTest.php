<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Laravel\Chatwoot;
use ChatwootIdentity\Widget\User;
use PHPUnit\Framework\TestCase;

/**
 * The Laravel integration against Debian's Laravel (in a separate process, so Illuminate stays out
 * of the other tests): configuration, several inboxes, the user mapping and its two overrides, the
 * nonce resolver, the reset after the Logout event, the Blade directive. The whole app runs in
 * tests/frameworks and tests/e2e.
 *
 * @runTestsInSeparateProcesses
 * @preserveGlobalState disabled
 */
final class LaravelTest extends TestCase
{
    private const SECRET = 'cw-laravel-secret-77';

    protected function setUp(): void
    {
        $autoload = '/usr/share/php/Illuminate/autoload.php';
        if (!is_file($autoload)) {
            throw new \RuntimeException("the Laravel tests need Laravel (Debian: apt-get install php-laravel-framework): $autoload is missing");
        }
        require_once $autoload;
    }

    /** An app with the package's provider, config/chatwoot.php as given and a signed-in $user. */
    private static function app(array $chatwoot, mixed $user): \Illuminate\Container\Container
    {
        $app = new \Illuminate\Foundation\Application(sys_get_temp_dir());
        $app->instance('config', new \Illuminate\Config\Repository(['chatwoot' => $chatwoot, 'view' => ['paths' => [], 'compiled' => sys_get_temp_dir()]]));
        $app->alias('config', \Illuminate\Contracts\Config\Repository::class);
        $app->instance('events', new \Illuminate\Events\Dispatcher($app));
        $guard = new class ($user) {
            public function __construct(public mixed $user)
            {
            }

            public function user(): mixed
            {
                return $this->user;
            }
        };
        $app->instance(\Illuminate\Contracts\Auth\Factory::class, new class ($guard) implements \Illuminate\Contracts\Auth\Factory {
            public function __construct(private object $guard)
            {
            }

            public function guard($name = null)
            {
                return $this->guard;
            }

            public function shouldUse($name)
            {
            }
        });
        \Illuminate\Support\Facades\Facade::setFacadeApplication($app);
        (new \Illuminate\View\ViewServiceProvider($app))->register();
        $app->instance('files', new \Illuminate\Filesystem\Filesystem());
        $provider = new \ChatwootIdentity\Laravel\ChatwootServiceProvider($app);
        $provider->register();
        $provider->boot();

        return $app;
    }

    private static function config(): array
    {
        return [
            'default' => 'default',
            'inboxes' => [
                'default' => ['base_url' => 'https://chat.test', 'website_token' => 'site-1', 'hmac_token' => self::SECRET, 'settings' => ['locale' => 'de']],
                'support' => ['base_url' => 'https://chat.test', 'website_token' => 'site-2', 'hmac_token' => null],
            ],
            'user_mapper' => null,
            'payload_route' => null,
        ];
    }

    public function testTheDefaultUserMappingAndSeveralInboxes(): void
    {
        $app = self::app(self::config(), new \Illuminate\Auth\GenericUser(['id' => 12, 'name' => 'Ann', 'email' => 'ann@x.test', 'remember_token' => null]));
        $chatwoot = $app->make(Chatwoot::class);
        $html = $chatwoot->widget();
        self::assertStringContainsString('window.chatwootSettings = {"locale":"de"};', $html);
        self::assertStringContainsString('var identifier = "12"', $html);
        self::assertStringContainsString(hash_hmac('sha256', '12', self::SECRET), $html);
        $support = $chatwoot->widget('support');
        self::assertStringContainsString('"websiteToken":"site-2"', $support);
        self::assertStringNotContainsString('setUser(', $support);
        self::assertSame('{"identifier":"12","identifier_hash":"' . hash_hmac('sha256', '12', self::SECRET) . '","name":"Ann","email":"ann@x.test"}', $chatwoot->payload());
        foreach (['nope', 'default.settings', '../x'] as $bad) {
            try {
                $chatwoot->widget($bad);
                self::fail("inbox $bad accepted");
            } catch (\InvalidArgumentException $e) {
                self::assertStringContainsString('inbox', $e->getMessage());
            }
        }
    }

    public function testTheMappingOverridesAndTheNonce(): void
    {
        $app = self::app(self::config(), new \Illuminate\Auth\GenericUser(['id' => 3, 'uuid' => 'u-3', 'display' => 'Zed', 'remember_token' => null]));
        Chatwoot::mapUserUsing(static fn ($user) => new User($user->uuid, ['name' => $user->display, 'custom_attributes' => ['plan' => 'pro']]));
        Chatwoot::nonceUsing(static fn () => 'NONCE1');
        $html = $app->make(Chatwoot::class)->widget();
        self::assertStringContainsString('var identifier = "u-3"', $html);
        self::assertStringContainsString('"custom_attributes":{"plan":"pro"}', $html);
        self::assertSame(3, substr_count($html, '<script nonce="NONCE1"'));
        Chatwoot::mapUserUsing(null);
        Chatwoot::nonceUsing(null);

        $config = self::config();
        $config['user_mapper'] = LaravelTestMapper::class;
        $app = self::app($config, new \Illuminate\Auth\GenericUser(['id' => 4, 'remember_token' => null]));
        self::assertStringContainsString('var identifier = "mapped-4"', $app->make(Chatwoot::class)->widget());
    }

    public function testTheLogoutEventResetsTheNextWidgetOnce(): void
    {
        $app = self::app(self::config(), null);
        $chatwoot = $app->make(Chatwoot::class);
        self::assertStringNotContainsString('reset()', $chatwoot->widget());
        $app->make('events')->dispatch(new \Illuminate\Auth\Events\Logout('web', new \Illuminate\Auth\GenericUser(['id' => 1])));
        self::assertStringContainsString('w.$chatwoot.reset()', $chatwoot->widget());
        self::assertStringNotContainsString('reset()', $chatwoot->widget(), 'once');
    }

    public function testTheBladeDirective(): void
    {
        $app = self::app(self::config(), null);
        $blade = $app->make('blade.compiler');
        self::assertSame('<?php echo app(\\' . Chatwoot::class . '::class)->widget(null); ?>', $blade->compileString('@chatwootWidget'));
        self::assertSame('<?php echo app(\\' . Chatwoot::class . "::class)->widget('support'); ?>", $blade->compileString("@chatwootWidget('support')"));
    }

    public function testAutoDiscoveryIsDeclared(): void
    {
        $composer = json_decode((string) file_get_contents(Support::packageDir() . '/composer.json'), true, 512, JSON_THROW_ON_ERROR);
        self::assertSame([\ChatwootIdentity\Laravel\ChatwootServiceProvider::class], $composer['extra']['laravel']['providers']);
        self::assertArrayNotHasKey('illuminate/support', $composer['require'], 'Laravel stays optional');
    }
}

/** A user_mapper class from config/chatwoot.php. */
final class LaravelTestMapper
{
    public function __invoke(mixed $user): User
    {
        return new User('mapped-' . $user->getAuthIdentifier(), ['name' => 'M']);
    }
}
