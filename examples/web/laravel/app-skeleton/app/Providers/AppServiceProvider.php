<?php

declare(strict_types=1);

namespace App\Providers;

use App\Auth\QueryUserProvider;
use ChatwootIdentity\Laravel\Chatwoot;
use Illuminate\Support\Facades\Auth;
use Illuminate\Support\Facades\Route;
use Illuminate\Support\ServiceProvider;

final class AppServiceProvider extends ServiceProvider
{
    public function boot(): void
    {
        // Laravel 8 has no CSP nonce of its own: the app's middleware sets one, the widget uses it.
        Chatwoot::nonceUsing(fn () => $this->app->make('request')->attributes->get('csp_nonce'));

        Auth::provider('query', fn ($app) => new QueryUserProvider($app->make('session.store')));

        Route::middleware('web')->group(base_path('routes/web.php'));
    }
}
