<?php

// chatwoot-identity's Laravel configuration. Publish it with
//   php artisan vendor:publish --tag=chatwoot-config
// and keep the HMAC token in .env (never in this file, never logged).

return [
    // The inbox @chatwootWidget renders when it is given no name.
    'default' => env('CHATWOOT_INBOX', 'default'),

    // One entry per website inbox (several sites or widgets): @chatwootWidget('support').
    'inboxes' => [
        'default' => [
            'base_url' => env('CHATWOOT_BASE_URL'),
            'website_token' => env('CHATWOOT_WEBSITE_TOKEN'),
            'hmac_token' => env('CHATWOOT_HMAC_TOKEN'),
            // window.chatwootSettings, e.g. ['locale' => 'en', 'position' => 'right', 'type' => 'standard',
            // 'launcherTitle' => 'Chat with us', 'darkMode' => 'auto']
            'settings' => [],
        ],
    ],

    // An invokable class mapping Auth::user() to a ChatwootIdentity\Widget\User (or null);
    // null uses the default mapping (getAuthIdentifier(), name, email, avatar_url, phone_number,
    // company_name). Chatwoot::mapUserUsing(fn ($user) => ...) in a service provider does the same.
    'user_mapper' => null,

    // Serve the SPA payload (JSON) at this path for signed-in users (web + auth middleware); null: off.
    'payload_route' => null,
];
