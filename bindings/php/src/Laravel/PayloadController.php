<?php

declare(strict_types=1);

namespace ChatwootIdentity\Laravel;

use Illuminate\Http\Request;
use Illuminate\Http\Response;

/** GET <payload_route>: the signed-in user's setUser payload as JSON (behind the auth middleware). */
final class PayloadController
{
    public function __invoke(Request $request, Chatwoot $chatwoot): Response
    {
        $inbox = $request->query('inbox');

        return new Response($chatwoot->payload(\is_string($inbox) ? $inbox : null), 200, ['Content-Type' => 'application/json', 'Cache-Control' => 'no-store, private']);
    }
}
