<?php

declare(strict_types=1);

namespace ChatwootIdentity\Laravel;

use ChatwootIdentity\Widget\Inbox;
use ChatwootIdentity\Widget\User;
use ChatwootIdentity\Widget\Widget;
use Illuminate\Contracts\Auth\Factory as Auth;
use Illuminate\Contracts\Config\Repository as Config;
use Illuminate\Contracts\Container\Container;
use Illuminate\Http\Request;

/**
 * The Laravel side of the widget (a singleton): the configured inboxes, the user mapping, the
 * CSP nonce and the reset after logout. @chatwootWidget renders through widget().
 */
final class Chatwoot
{
    /** The cookie that carries "reset the widget" across the logout's redirect and session invalidation. */
    public const RESET_COOKIE = 'chatwoot_reset';

    /** @var \Closure(mixed): mixed|null */
    private static ?\Closure $userMapper = null;
    /** @var \Closure(): ?string|null */
    private static ?\Closure $nonceResolver = null;

    /** @var array<string, Inbox> */
    private array $inboxes = [];
    private bool $resetPending = false;

    public function __construct(private readonly Container $app)
    {
    }

    /**
     * Maps the signed-in user to what Chatwoot gets: return a ChatwootIdentity\Widget\User, an
     * array or object for the default mapping, or null for no user.
     *
     * @param callable(mixed): mixed $mapper receives Auth::user()
     */
    public static function mapUserUsing(?callable $mapper): void
    {
        self::$userMapper = $mapper === null ? null : $mapper(...);
    }

    /**
     * The page's CSP nonce (Laravel 8 has none of its own; later versions' Vite::cspNonce() is
     * used when this is not set).
     *
     * @param callable(): ?string $resolver
     */
    public static function nonceUsing(?callable $resolver): void
    {
        self::$nonceResolver = $resolver === null ? null : $resolver(...);
    }

    /** The configured inbox (the default one for null). */
    public function inbox(?string $name = null): Inbox
    {
        $config = $this->app->make(Config::class);
        $name ??= (string) $config->get('chatwoot.default', 'default');
        if (preg_match('/^[\w-]+$/', $name) !== 1) {
            throw new \InvalidArgumentException('a Chatwoot inbox name is letters, digits, _ and -');
        }
        if (!isset($this->inboxes[$name])) {
            $inbox = $config->get("chatwoot.inboxes.$name");
            if (!\is_array($inbox)) {
                throw new \InvalidArgumentException("no Chatwoot inbox '$name' in config/chatwoot.php");
            }
            $this->inboxes[$name] = new Inbox(
                (string) ($inbox['base_url'] ?? ''),
                (string) ($inbox['website_token'] ?? ''),
                isset($inbox['hmac_token']) ? (string) $inbox['hmac_token'] : null,
                (array) ($inbox['settings'] ?? []),
            );
        }

        return $this->inboxes[$name];
    }

    /** The widget's HTML for this request's user (what @chatwootWidget prints). */
    public function widget(?string $inbox = null): string
    {
        $reset = $this->takeReset();

        return Widget::html($this->inbox($inbox), $this->user(), $this->nonce(), $reset);
    }

    /** The setUser payload (JSON) of the signed-in user, for single-page apps. */
    public function payload(?string $inbox = null): string
    {
        return Widget::payload($this->inbox($inbox), $this->user());
    }

    /** The signed-in user, mapped. */
    public function user(): ?User
    {
        $user = $this->app->make(Auth::class)->guard()->user();
        if ($user === null) {
            return null;
        }
        $mapper = self::$userMapper;
        $class = $this->app->make(Config::class)->get('chatwoot.user_mapper');
        if ($mapper === null && \is_string($class) && $class !== '') {
            $mapper = $this->app->make($class)(...);
        }

        return User::from($mapper === null ? $user : $mapper($user));
    }

    /** Called on Illuminate\Auth\Events\Logout: the next widget resets Chatwoot's contact. */
    public function logout(): void
    {
        $this->resetPending = true;
        if ($this->app->bound('cookie')) {
            $this->app->make('cookie')->queue(self::RESET_COOKIE, '1', 10);
        }
    }

    private function takeReset(): bool
    {
        $request = $this->app->bound('request') ? $this->app->make('request') : null;
        $cookie = $request instanceof Request && $request->cookies->has(self::RESET_COOKIE);
        if ($this->app->bound('cookie')) {
            $jar = $this->app->make('cookie');
            if ($cookie) {
                $jar->queue($jar->forget(self::RESET_COOKIE));
            } elseif ($this->resetPending) {
                $jar->unqueue(self::RESET_COOKIE); // the logout's own page resets: no later page needs to
            }
        }
        $reset = $this->resetPending || $cookie;
        $this->resetPending = false;

        return $reset;
    }

    private function nonce(): ?string
    {
        if (self::$nonceResolver !== null) {
            return (self::$nonceResolver)();
        }
        if (class_exists(\Illuminate\Support\Facades\Vite::class) && method_exists(\Illuminate\Support\Facades\Vite::getFacadeRoot() ?? new \stdClass(), 'cspNonce')) {
            return \Illuminate\Support\Facades\Vite::cspNonce();
        }

        return null;
    }
}
