<?php

declare(strict_types=1);

namespace ChatwootIdentity\Widget;

use ChatwootIdentity\IdentityKey;

/**
 * The whole widget for a page, framework-neutral: Chatwoot's loader (<base URL>/packs/js/sdk.js),
 * window.chatwootSettings and the window.chatwootSDK.run({websiteToken, baseUrl}) call, then the
 * library's reset script (after a logout) and, for a signed-in user, its verified setUser
 * script. Every value is escaped for its place (attribute or script), and every <script>
 * carries the CSP nonce when there is one.
 */
final class Widget
{
    private const JSON = JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT;

    private function __construct()
    {
    }

    /**
     * @param mixed       $user  a User, an application user for User::from(), or null
     * @param string|null $nonce the page's CSP nonce (base64 / base64url)
     * @param bool        $reset the user logged out: reset the widget's contact first
     */
    public static function html(Inbox $inbox, mixed $user = null, ?string $nonce = null, bool $reset = false): string
    {
        $nonceAttribute = $nonce === null || $nonce === '' ? '' : ' nonce="' . htmlspecialchars($nonce, ENT_QUOTES | ENT_HTML5) . '"';
        $loader = rtrim($inbox->baseUrl, '/') . '/packs/js/sdk.js';
        $run = json_encode(['websiteToken' => $inbox->websiteToken, 'baseUrl' => $inbox->baseUrl], self::JSON);
        $settings = $inbox->settings === [] ? '' : 'window.chatwootSettings = ' . json_encode((object) $inbox->settings, self::JSON) . ';';
        $html = '<script' . $nonceAttribute . ' src="' . htmlspecialchars($loader, ENT_QUOTES | ENT_HTML5) . '"></script>' . "\n"
            . '<script' . $nonceAttribute . '>' . $settings . 'window.chatwootSDK.run(' . $run . ');</script>' . "\n";
        if ($reset) {
            $html .= IdentityKey::resetScript($nonce) . "\n";
        }
        $user = User::from($user);
        if ($user !== null && $inbox->key() !== null) {
            $html .= $inbox->key()->setUserScript($user->identifier, $user->fields, $nonce) . "\n";
        }

        return $html;
    }

    /**
     * The setUser payload for a single-page app (JSON: identifier, identifier_hash and the fields);
     * the app calls window.$chatwoot.setUser(payload.identifier, payload) with it.
     *
     * @throws \LogicException no user, or an inbox without an HMAC token
     */
    public static function payload(Inbox $inbox, mixed $user): string
    {
        $user = User::from($user) ?? throw new \LogicException('no signed-in user for the Chatwoot payload');
        $key = $inbox->key() ?? throw new \LogicException('this Chatwoot inbox has no HMAC token: set it to send verified users');

        return $key->setUserPayload($user->identifier, $user->fields);
    }
}
