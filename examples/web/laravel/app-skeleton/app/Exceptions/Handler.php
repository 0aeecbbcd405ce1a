<?php

declare(strict_types=1);

namespace App\Exceptions;

use ChatwootIdentity\Exception\ExceptionInterface;
use Illuminate\Foundation\Exceptions\Handler as ExceptionHandler;
use Throwable;

final class Handler extends ExceptionHandler
{
    public function register(): void
    {
        // The binding's messages never contain the secret or the user's values.
        $this->renderable(static fn (ExceptionInterface $e) => response($e->getMessage() . "\n", 400, ['Content-Type' => 'text/plain; charset=utf-8']));
        $this->renderable(static fn (\ValueError $e) => response($e->getMessage() . "\n", 400, ['Content-Type' => 'text/plain; charset=utf-8']));
    }

    public function render($request, Throwable $e)
    {
        return parent::render($request, $e);
    }
}
