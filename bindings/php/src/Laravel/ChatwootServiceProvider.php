<?php

declare(strict_types=1);

namespace ChatwootIdentity\Laravel;

use Illuminate\Auth\Events\Logout;
use Illuminate\Support\Facades\Blade;
use Illuminate\Support\Facades\Event;
use Illuminate\Support\Facades\Route;
use Illuminate\Support\ServiceProvider;

/**
 * Registered by Laravel's package auto-discovery (composer.json extra.laravel.providers):
 * config/chatwoot.php (publishable), the @chatwootWidget Blade directive, the widget reset on
 * logout, and the optional SPA payload route. Loaded only by a Laravel app: the package itself
 * needs no Laravel.
 */
final class ChatwootServiceProvider extends ServiceProvider
{
    public function register(): void
    {
        $this->mergeConfigFrom(\dirname(__DIR__, 2) . '/config/chatwoot.php', 'chatwoot');
        $this->app->singleton(Chatwoot::class, fn ($app) => new Chatwoot($app));
    }

    public function boot(): void
    {
        $this->publishes([\dirname(__DIR__, 2) . '/config/chatwoot.php' => $this->app->configPath('chatwoot.php')], 'chatwoot-config');

        // @chatwootWidget, or @chatwootWidget('support') for another configured inbox.
        Blade::directive('chatwootWidget', static fn (string $inbox): string => '<?php echo app(\\' . Chatwoot::class . '::class)->widget(' . ($inbox === '' ? 'null' : $inbox) . '); ?>');

        Event::listen(Logout::class, fn () => $this->app->make(Chatwoot::class)->logout());

        $path = $this->app->make('config')->get('chatwoot.payload_route');
        if (\is_string($path) && $path !== '') {
            Route::middleware(['web', 'auth'])->get($path, PayloadController::class)->name('chatwoot.payload');
        }
    }
}
