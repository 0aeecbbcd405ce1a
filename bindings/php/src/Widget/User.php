<?php

declare(strict_types=1);

namespace ChatwootIdentity\Widget;

/**
 * A signed-in user as the widget's setUser takes it: the identifier (an int is sent as its
 * decimal string) and the contact fields (name, email, avatar_url, phone_number, company_name,
 * description, country_code, city, social_profiles, custom_attributes).
 */
final class User
{
    /** The contact fields the default mapping reads, and the model attributes it tries for each. */
    private const FIELDS = [
        'name' => ['name', 'full_name', 'display_name'],
        'email' => ['email'],
        'avatar_url' => ['avatar_url', 'avatar'],
        'phone_number' => ['phone_number', 'phone'],
        'company_name' => ['company_name', 'company'],
    ];

    /**
     * @param string|int|\Stringable $identifier
     * @param array<string, mixed>   $fields
     */
    public function __construct(public readonly string|int|\Stringable $identifier, public readonly array $fields = [])
    {
    }

    /**
     * The default mapping from an application's user object or array: the identifier is
     * getAuthIdentifier() (Laravel), getUserIdentifier() (Symfony), else `id`; the fields are
     * the first non-empty string of each of FIELDS' attribute names. Null for no user.
     */
    public static function from(mixed $user): ?self
    {
        if ($user === null || $user === false) {
            return null;
        }
        if ($user instanceof self) {
            return $user;
        }
        $identifier = match (true) {
            \is_object($user) && method_exists($user, 'getAuthIdentifier') => $user->getAuthIdentifier(),
            \is_object($user) && method_exists($user, 'getUserIdentifier') => $user->getUserIdentifier(),
            default => self::attribute($user, 'id'),
        };
        if (!\is_string($identifier) && !\is_int($identifier) && !$identifier instanceof \Stringable) {
            throw new \UnexpectedValueException(sprintf('the Chatwoot user mapping found no string or integer identifier on %s: map the user yourself (see the docs)', get_debug_type($user)));
        }
        $fields = [];
        foreach (self::FIELDS as $field => $names) {
            foreach ($names as $name) {
                $value = self::attribute($user, $name);
                if (\is_string($value) && $value !== '') {
                    $fields[$field] = $value;
                    break;
                }
            }
        }

        return new self($identifier, $fields);
    }

    private static function attribute(mixed $user, string $name): mixed
    {
        if (\is_array($user) || $user instanceof \ArrayAccess) {
            return $user[$name] ?? null;
        }
        if (\is_object($user)) {
            return isset($user->{$name}) ? $user->{$name} : null;
        }

        return null;
    }
}
