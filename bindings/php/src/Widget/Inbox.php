<?php

declare(strict_types=1);

namespace ChatwootIdentity\Widget;

use ChatwootIdentity\IdentityKey;

/**
 * One Chatwoot website inbox as a web page embeds it: the installation's base URL, the inbox's
 * website token, its HMAC token (the identity-validation secret, kept only as a native key,
 * never in a property, a dump or a trace) and optional window.chatwootSettings (locale,
 * position, type, launcherTitle, darkMode, ...).
 *
 * The framework integrations (Laravel, Twig) build these from their configuration.
 */
final class Inbox
{
    private ?IdentityKey $key = null;

    /**
     * @param string               $baseUrl      e.g. https://app.chatwoot.com
     * @param string               $websiteToken the inbox's website token (public: it is in every page)
     * @param string|null          $hmacToken    the inbox's HMAC token; null or "" renders the widget without a verified user
     * @param array<string, mixed> $settings     window.chatwootSettings
     *
     * @throws \InvalidArgumentException a missing base URL or website token
     * @throws \ChatwootIdentity\Exception\IdentityException an HMAC token the library refuses (whitespace around it, ...)
     */
    public function __construct(
        public readonly string $baseUrl,
        public readonly string $websiteToken,
        #[\SensitiveParameter] ?string $hmacToken = null,
        public readonly array $settings = [],
    ) {
        if ($baseUrl === '' || $websiteToken === '') {
            throw new \InvalidArgumentException('a Chatwoot inbox needs its base URL and website token (CHATWOOT_BASE_URL, CHATWOOT_WEBSITE_TOKEN)');
        }
        if ($hmacToken !== null && $hmacToken !== '') {
            $this->key = new IdentityKey($hmacToken);
        }
    }

    /** The key of the HMAC token; null when the inbox has none (users are then never sent). */
    public function key(): ?IdentityKey
    {
        return $this->key;
    }

    /** @return array<string, mixed> */
    public function __debugInfo(): array
    {
        return ['baseUrl' => $this->baseUrl, 'websiteToken' => $this->websiteToken, 'hmacToken' => $this->key === null ? null : '[redacted]', 'settings' => $this->settings];
    }

    public function __serialize(): array
    {
        throw new \LogicException('a Chatwoot inbox cannot be serialized: build it from your configuration');
    }
}
