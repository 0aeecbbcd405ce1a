<?php

declare(strict_types=1);

namespace App\Exceptions;

use ChatwootIdentity\Exception\ExceptionInterface;
use Illuminate\Foundation\Exceptions\Handler as ExceptionHandler;
use Illuminate\View\ViewException;

final class Handler extends ExceptionHandler
{
    public function register(): void
    {
        // The binding's messages never contain the secret or the user's values.
        $this->renderable(static fn (ExceptionInterface $e) => response($e->getMessage() . "\n", 400, ['Content-Type' => 'text/plain; charset=utf-8']));
        $this->renderable(static fn (\ValueError $e) => response($e->getMessage() . "\n", 400, ['Content-Type' => 'text/plain; charset=utf-8']));
        // An error inside a view (the @chatwootWidget directive) arrives wrapped by Blade.
        $this->renderable(static function (ViewException $e) {
            $previous = $e->getPrevious();

            return $previous instanceof ExceptionInterface ? response($previous->getMessage() . "\n", 400, ['Content-Type' => 'text/plain; charset=utf-8']) : null;
        });
    }
}
