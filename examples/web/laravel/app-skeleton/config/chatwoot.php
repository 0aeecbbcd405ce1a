<?php

// Published from chatwoot-identity (php artisan vendor:publish --tag=chatwoot-config), with the
// SPA payload route switched on. The values come from the environment: never put the HMAC token here.

return [
    'default' => env('CHATWOOT_INBOX', 'default'),
    'inboxes' => [
        'default' => [
            'base_url' => env('CHATWOOT_BASE_URL'),
            'website_token' => env('CHATWOOT_WEBSITE_TOKEN'),
            'hmac_token' => env('CHATWOOT_HMAC_TOKEN'),
            'settings' => [],
        ],
    ],
    'user_mapper' => null,
    'payload_route' => '/chatwoot/payload',
];
