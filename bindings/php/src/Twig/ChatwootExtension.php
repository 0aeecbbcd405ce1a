<?php

declare(strict_types=1);

namespace ChatwootIdentity\Twig;

use ChatwootIdentity\Widget\Inbox;
use ChatwootIdentity\Widget\User;
use ChatwootIdentity\Widget\Widget;
use Twig\Extension\AbstractExtension;
use Twig\TwigFunction;

/**
 * Twig 3 functions (Symfony, Slim, Craft, plain Twig):
 *   {{ chatwoot_widget() }}            the loader, run() and the verified user (is_safe html: no |raw)
 *   {{ chatwoot_widget('support') }}   another inbox
 *   {{ chatwoot_payload() }}           the setUser payload (JSON) of the current user, for scripts of your own
 *
 * The application tells it the current user, the page's CSP nonce and whether the user just
 * logged out through three callables, the Twig way of reaching request state:
 *
 *   $twig->addExtension(new ChatwootExtension(
 *       ['default' => new Inbox($baseUrl, $websiteToken, $_ENV['CHATWOOT_HMAC_TOKEN'])],
 *       currentUser: fn () => $security->getUser(),          // mapped by User::from(), or return a User
 *       nonce: fn () => $request->attributes->get('csp_nonce'),
 *       loggedOut: fn () => $session->getFlashBag()->has('chatwoot_reset'),
 *   ));
 */
final class ChatwootExtension extends AbstractExtension
{
    /** @var array<string, Inbox> */
    private readonly array $inboxes;
    private readonly \Closure $currentUser;
    private readonly ?\Closure $nonce;
    private readonly ?\Closure $loggedOut;

    /**
     * @param Inbox|array<string, Inbox>  $inboxes     one inbox, or inboxes by name (the first is the default)
     * @param callable(): mixed           $currentUser the signed-in user (null for none)
     * @param (callable(): ?string)|null  $nonce       the page's CSP nonce
     * @param (callable(): bool)|null     $loggedOut   true once, on the page after a logout: the widget resets
     */
    public function __construct(Inbox|array $inboxes, callable $currentUser, ?callable $nonce = null, ?callable $loggedOut = null)
    {
        $this->inboxes = $inboxes instanceof Inbox ? ['default' => $inboxes] : $inboxes;
        if ($this->inboxes === []) {
            throw new \InvalidArgumentException('ChatwootExtension needs at least one inbox');
        }
        $this->currentUser = $currentUser(...);
        $this->nonce = $nonce === null ? null : $nonce(...);
        $this->loggedOut = $loggedOut === null ? null : $loggedOut(...);
    }

    public function getFunctions(): array
    {
        return [
            new TwigFunction('chatwoot_widget', $this->widget(...), ['is_safe' => ['html']]),
            new TwigFunction('chatwoot_payload', $this->payload(...)),
        ];
    }

    public function widget(?string $inbox = null): string
    {
        $nonce = $this->nonce === null ? null : ($this->nonce)();

        return Widget::html($this->inbox($inbox), $this->user(), \is_string($nonce) ? $nonce : null, $this->loggedOut !== null && ($this->loggedOut)() === true);
    }

    public function payload(?string $inbox = null): string
    {
        return Widget::payload($this->inbox($inbox), $this->user());
    }

    private function user(): ?User
    {
        return User::from(($this->currentUser)());
    }

    private function inbox(?string $name): Inbox
    {
        if ($name === null) {
            return $this->inboxes[array_key_first($this->inboxes)];
        }

        return $this->inboxes[$name] ?? throw new \InvalidArgumentException("no Chatwoot inbox '$name' was given to ChatwootExtension");
    }
}
