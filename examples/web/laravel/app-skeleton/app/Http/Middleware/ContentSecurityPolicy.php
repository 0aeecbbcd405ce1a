<?php

declare(strict_types=1);

namespace App\Http\Middleware;

use Closure;
use Illuminate\Http\Request;

/** A fresh nonce per request (request attribute csp_nonce) and the header that requires it on every script. */
final class ContentSecurityPolicy
{
    public function handle(Request $request, Closure $next)
    {
        $nonce = rtrim(strtr(base64_encode(random_bytes(18)), '+/', '-_'), '=');
        $request->attributes->set('csp_nonce', $nonce);
        $response = $next($request);
        $response->headers->set('Content-Security-Policy', "script-src 'nonce-$nonce'");

        return $response;
    }
}
