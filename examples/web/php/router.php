<?php

declare(strict_types=1);

// The routes of the example app: /login, /csp-login, /page, /logout and /payload.
// /login keeps the user's query in a cookie for /page (a real app keeps a signed session).
// In your app: require 'vendor/autoload.php' after `composer require chatwoot-identity/chatwoot-identity`.
require __DIR__ . '/../../../bindings/php/autoload.php';
require __DIR__ . '/page.php';

use ChatwootIdentity\Exception\ExceptionInterface;
use ChatwootIdentity\IdentityKey;

header('Cache-Control: no-store');
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$baseUrl = (string) getenv('CHATWOOT_BASE_URL');
$websiteToken = (string) getenv('CHATWOOT_WEBSITE_TOKEN');

try {
    switch ($path) {
        case '/login':
        case '/csp-login':
            [$identifier, $fields] = user_from_query($_GET);
            $nonce = null;
            if ($path === '/csp-login') {
                $nonce = base64_encode(random_bytes(18));
                header("Content-Security-Policy: script-src 'nonce-$nonce'");
            }
            if ($path === '/login') {
                setcookie('session', (string) ($_SERVER['QUERY_STRING'] ?? ''), ['path' => '/', 'httponly' => true, 'samesite' => 'Lax']);
            }
            // The snippet is HTML, escaped by the library: print it as is.
            $snippet = inbox_key()->setUserScript($identifier, $fields, $nonce);
            send_html(page('Signed in', $snippet, $baseUrl, $websiteToken, $nonce));
            break;
        case '/page':
            $session = $_COOKIE['session'] ?? '';
            if (!\is_string($session) || $session === '') {
                http_response_code(401);
                echo "not signed in\n";
                break;
            }
            parse_str($session, $query);
            [$identifier, $fields] = user_from_query($query);
            send_html(page('Signed in', inbox_key()->setUserScript($identifier, $fields), $baseUrl, $websiteToken));
            break;
        case '/logout':
            setcookie('session', '', ['path' => '/', 'expires' => 1]);
            send_html(page('Signed out', IdentityKey::resetScript(), $baseUrl, $websiteToken));
            break;
        case '/payload':
            [$identifier, $fields] = user_from_query($_GET);
            header('Content-Type: application/json');
            echo inbox_key()->setUserPayload($identifier, $fields);
            break;
        default:
            http_response_code(404);
            header('Content-Type: text/plain; charset=utf-8');
            echo "not found\n";
    }
} catch (ExceptionInterface | \TypeError | \ValueError $e) {
    // The binding's messages never contain the secret or the user's values.
    http_response_code(400);
    header('Content-Type: text/plain; charset=utf-8');
    echo $e->getMessage(), "\n";
}

/** The inbox's key, from the environment (never logged). */
function inbox_key(): IdentityKey
{
    return new IdentityKey((string) getenv('CHATWOOT_HMAC_TOKEN'));
}

/**
 * The signed-in user as the app knows it: the identifier (a PHP int for identifier_type=integer)
 * and the fields, empty ones left out.
 *
 * @return array{0: string|int, 1: array<string, string>}
 */
function user_from_query(array $query): array
{
    $identifier = $query['identifier'] ?? '';
    if (!\is_string($identifier)) {
        throw new \ValueError('identifier must be one value');
    }
    if (($query['identifier_type'] ?? 'string') === 'integer') {
        $identifier = filter_var($identifier, FILTER_VALIDATE_INT)
            ?: throw new \ValueError('identifier_type=integer needs a 64-bit integer');
    }
    $fields = [];
    foreach (['name', 'email'] as $field) {
        if (isset($query[$field]) && \is_string($query[$field]) && $query[$field] !== '') {
            $fields[$field] = $query[$field];
        }
    }

    return [$identifier, $fields];
}
