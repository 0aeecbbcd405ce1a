<?php

declare(strict_types=1);

// Laravel 8 as Debian ships it (php-laravel-framework): its classes come from /usr/share/php,
// the app's packages (chatwoot-identity) from Composer's vendor/.
require_once '/usr/share/php/Illuminate/autoload.php';

$app = new Illuminate\Foundation\Application(dirname(__DIR__));
$app->singleton(Illuminate\Contracts\Http\Kernel::class, App\Http\Kernel::class);
$app->singleton(Illuminate\Contracts\Debug\ExceptionHandler::class, App\Exceptions\Handler::class);

return $app;
