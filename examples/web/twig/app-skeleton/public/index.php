<?php

declare(strict_types=1);

// A Twig 3 app (Twig from Debian's php-twig, /usr/share/php) with PHP's own session for its
// sign-in, and chatwoot-identity from Composer's vendor/. tests/e2e/README.md's routes.
require_once '/usr/share/php/Twig/autoload.php';
require __DIR__ . '/../vendor/autoload.php';

use ChatwootIdentity\Exception\ExceptionInterface;
use ChatwootIdentity\Twig\ChatwootExtension;
use ChatwootIdentity\Widget\Inbox;
use ChatwootIdentity\Widget\Widget;

$path = (string) parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if ($path !== '/' && is_file(__DIR__ . $path)) {
    return false;
}
session_start();
header('Cache-Control: no-store');

$nonce = null;
$loggedOut = false;
$twig = new Twig\Environment(new Twig\Loader\FilesystemLoader(dirname(__DIR__) . '/templates'), ['autoescape' => 'html', 'strict_variables' => true]);
$inbox = new Inbox((string) getenv('CHATWOOT_BASE_URL'), (string) getenv('CHATWOOT_WEBSITE_TOKEN'), (string) getenv('CHATWOOT_HMAC_TOKEN'));
$twig->addExtension(new ChatwootExtension(
    $inbox,
    currentUser: static fn () => $_SESSION['user'] ?? null, // ['id' => ..., 'name' => ..., 'email' => ...]
    nonce: static function () use (&$nonce): ?string {
        return $nonce;
    },
    loggedOut: static function () use (&$loggedOut): bool {
        return $loggedOut;
    },
));

try {
    switch ($path) {
        case '/login':
        case '/csp-login':
            sign_in($_GET);
            if ($path === '/csp-login') {
                $nonce = rtrim(strtr(base64_encode(random_bytes(18)), '+/', '-_'), '=');
                header("Content-Security-Policy: script-src 'nonce-$nonce'");
            }
            echo $twig->render('page.html.twig', ['title' => 'Signed in']);
            break;
        case '/page':
            echo $twig->render('page.html.twig', ['title' => isset($_SESSION['user']) ? 'Signed in' : 'Welcome']);
            break;
        case '/logout':
            $_SESSION = [];
            session_regenerate_id(true);
            $loggedOut = true; // this page resets Chatwoot's contact
            echo $twig->render('page.html.twig', ['title' => 'Signed out']);
            break;
        case '/payload':
            sign_in($_GET);
            header('Content-Type: application/json');
            echo Widget::payload($inbox, $_SESSION['user']);
            break;
        default:
            http_response_code(404);
            header('Content-Type: text/plain; charset=utf-8');
            echo "not found\n";
    }
} catch (Twig\Error\RuntimeError $e) {
    $previous = $e->getPrevious();
    if (!$previous instanceof ExceptionInterface) {
        throw $e;
    }
    bad_request($previous);
} catch (ExceptionInterface | \ValueError $e) {
    bad_request($e);
}

function bad_request(\Throwable $e): void
{
    // The binding's messages never contain the secret or the user's values.
    http_response_code(400);
    header('Content-Type: text/plain; charset=utf-8');
    echo $e->getMessage(), "\n";
}

/** The user of the query (identifier_type=integer: a PHP int), kept in the session. */
function sign_in(array $query): void
{
    $identifier = $query['identifier'] ?? '';
    if (!\is_string($identifier)) {
        throw new \ValueError('identifier must be one value');
    }
    if (($query['identifier_type'] ?? 'string') === 'integer') {
        $identifier = filter_var($identifier, FILTER_VALIDATE_INT);
        if ($identifier === false) {
            throw new \ValueError('identifier_type=integer needs a 64-bit integer');
        }
    }
    $user = ['id' => $identifier];
    foreach (['name', 'email'] as $field) {
        if (isset($query[$field]) && \is_string($query[$field]) && $query[$field] !== '') {
            $user[$field] = $query[$field];
        }
    }
    session_regenerate_id(true);
    $_SESSION['user'] = $user;
}
