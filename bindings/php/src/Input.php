<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/**
 * The one place where caller values become the bytes handed to the library.
 *
 * Public parameters are untyped (`mixed`) on purpose: a typed `string` parameter lets a caller
 * without strict_types pass 1.5 or true and get the hash of "1.5" or "1" silently. Here only
 * strings, ints (their decimal digits) and Stringable objects pass, in every caller mode. Each
 * value is read exactly once (a Stringable's __toString is called once) and the result is a
 * plain PHP string: the bytes that get hashed. PHP strings are byte strings, so invalid UTF-8
 * is hashed as given, exactly like hash_hmac().
 *
 * @internal
 */
final class Input
{
    private function __construct()
    {
    }

    /** A secret or a hash: a string or a Stringable (hidden from traces, as every secret-reading function here). */
    public static function bytes(#[\SensitiveParameter] mixed $value, string $function, int $position, string $name): string
    {
        if (\is_string($value)) {
            return $value;
        }
        if ($value instanceof \Stringable) {
            return $value->__toString();
        }
        throw new \TypeError(sprintf('%s(): Argument #%d ($%s) must be of type string|Stringable, %s given', $function, $position, $name, get_debug_type($value)));
    }

    /** An identifier: a string, an int (hashed as its decimal string) or a Stringable. */
    public static function identifier(mixed $value, string $function, int $position): string
    {
        return self::identifierOrNull($value) ?? throw new \TypeError(sprintf(
            '%s(): Argument #%d ($identifier) must be of type string|int|Stringable, %s given',
            $function,
            $position,
            get_debug_type($value)
        ));
    }

    /** The identifier's bytes, or null when the value is of a type that is never hashed. */
    public static function identifierOrNull(mixed $value): ?string
    {
        if (\is_string($value)) {
            return $value;
        }
        if (\is_int($value)) {
            return (string) $value;
        }
        if ($value instanceof \Stringable) {
            return $value->__toString();
        }

        return null;
    }

    /**
     * Every identifier of a batch as a string, read once, before any native call, so user code
     * (a generator, a __toString) can never run while the library holds a pointer.
     *
     * @return array{0: list<string>, 1: list<array-key>|null} the identifiers, and the caller's
     *         keys for an array that is not a list (null otherwise: the result is then a list)
     */
    public static function identifiers(mixed $identifiers, string $function, string $name = 'identifiers'): array
    {
        if (!is_iterable($identifiers)) {
            throw new \TypeError(sprintf('%s(): Argument #1 ($%s) must be of type iterable, %s given', $function, $name, get_debug_type($identifiers)));
        }
        $isArray = \is_array($identifiers);
        // The common case, a list of strings, is returned as it is (an array is a value: nothing
        // can change it under the call, and no user code runs while it is read).
        if ($isArray && array_is_list($identifiers)) {
            $strings = true;
            foreach ($identifiers as $identifier) {
                if (!\is_string($identifier)) {
                    $strings = false;
                    break;
                }
            }
            if ($strings) {
                return [$identifiers, null];
            }
        }
        $list = [];
        $keys = [];
        foreach ($identifiers as $key => $identifier) {
            $bytes = \is_string($identifier) ? $identifier : self::identifierOrNull($identifier);
            if ($bytes === null) {
                throw new \TypeError(sprintf(
                    '%s[%s] must be of type string|int|Stringable, %s given',
                    $name,
                    self::describeKey($key, \count($list), $isArray),
                    get_debug_type($identifier)
                ));
            }
            $list[] = $bytes;
            if ($isArray) {
                $keys[] = $key;
            }
        }

        return [$list, $isArray && !array_is_list($identifiers) ? $keys : null];
    }

    /**
     * Secrets (strings or Stringables) of a list, each read once, as plain strings.
     *
     * @param iterable<mixed> $values
     *
     * @return list<string>
     */
    public static function byteList(#[\SensitiveParameter] iterable $values, string $function, string $name): array
    {
        $isArray = \is_array($values);
        $list = [];
        foreach ($values as $key => $value) {
            if (!\is_string($value) && !$value instanceof \Stringable) {
                throw new \TypeError(sprintf('%s(): %s[%s] must be of type string|Stringable, %s given', $function, $name, self::describeKey($key, \count($list), $isArray), get_debug_type($value)));
            }
            $list[] = \is_string($value) ? $value : $value->__toString();
        }

        return $list;
    }

    /** An array's key as var_export writes it; for other iterables, the position. */
    private static function describeKey(mixed $key, int $position, bool $isArray): string
    {
        return $isArray ? var_export($key, true) : (string) $position;
    }
}
