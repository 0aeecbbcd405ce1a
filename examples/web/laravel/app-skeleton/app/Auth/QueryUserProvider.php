<?php

declare(strict_types=1);

namespace App\Auth;

use Illuminate\Auth\GenericUser;
use Illuminate\Contracts\Auth\Authenticatable;
use Illuminate\Contracts\Auth\UserProvider;
use Illuminate\Contracts\Session\Session;

/**
 * The example's user store: the users are whoever /login says (no database), kept in the
 * session beside the guard's id. A real app uses Eloquent's users table instead.
 */
final class QueryUserProvider implements UserProvider
{
    public const SESSION_KEY = 'example_user';

    public function __construct(private readonly Session $session)
    {
    }

    public function retrieveById($identifier): ?Authenticatable
    {
        $attributes = $this->session->get(self::SESSION_KEY);

        return \is_array($attributes) && $attributes['id'] === $identifier ? new GenericUser($attributes) : null;
    }

    public function retrieveByToken($identifier, $token): ?Authenticatable
    {
        return null;
    }

    public function updateRememberToken(Authenticatable $user, $token): void
    {
    }

    public function retrieveByCredentials(array $credentials): ?Authenticatable
    {
        return null;
    }

    public function validateCredentials(Authenticatable $user, array $credentials): bool
    {
        return false;
    }
}
