<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/**
 * One-shot identity validation: identifier_hash = lowercase hex HMAC-SHA256(secret, identifier),
 * the same value as Chatwoot's documented `hash_hmac('sha256', $identifier, $key)`.
 * For many hashes under one inbox secret, IdentityKey is faster.
 */
final class IdentityHash
{
    private static ?\FFI $ffi = null;
    /** char[65] reused by every call: PHP runs one request at a time per process or thread. */
    private static ?\FFI\CData $out = null;

    private function __construct()
    {
    }

    /**
     * The identifier_hash to send with the widget's setUser().
     *
     * @param string     $secret     the inbox's secret (HMAC token), raw bytes
     * @param string|int $identifier the user's identifier; an int is hashed as its decimal string
     *
     * @throws Exception\EmptySecretException      the secret is ""
     * @throws Exception\SecretWhitespaceException the secret starts or ends with whitespace
     * @throws Exception\EmptyIdentifierException  the identifier is ""
     */
    public static function identifierHash(#[\SensitiveParameter] string $secret, string|int $identifier): string
    {
        $out = self::$out ?? self::init();
        $identifier = (string) $identifier;
        $status = self::$ffi->cw_identifier_hash($secret, \strlen($secret), $identifier, \strlen($identifier), $out, 65);
        if ($status !== 0) {
            throw Status::exception($status);
        }

        return \FFI::string($out, 64);
    }

    /**
     * Whether $identifierHash is exactly the identifier_hash of $identifier, compared in
     * constant time by the library. Fails closed: false for every bad input (never an exception).
     */
    public static function verify(#[\SensitiveParameter] string $secret, string|int $identifier, string $identifierHash): bool
    {
        $identifier = (string) $identifier;

        return (self::$ffi ?? Library::ffi())->cw_verify($secret, \strlen($secret), $identifier, \strlen($identifier), $identifierHash, \strlen($identifierHash));
    }

    /**
     * Why $identifierHash does or does not match: the most likely mistake (uppercase hex,
     * whitespace, swapped arguments, base64, 32 raw bytes, another algorithm, ...), with the
     * library's advice. A debugging aid for logs and support: NOT constant-time, so never use it
     * to decide a login; verify() is the production check. Never throws for bad input: an
     * empty or whitespace-only secret or an empty identifier is a verdict too.
     *
     * @param string     $secret         the inbox's secret (HMAC token), raw bytes
     * @param string|int $identifier     the user's identifier; an int is explained as its decimal string
     * @param string     $identifierHash the hash as received: hex text, or any bytes (e.g. a raw digest)
     */
    public static function explain(#[\SensitiveParameter] string $secret, string|int $identifier, string $identifierHash): Explanation
    {
        $identifier = (string) $identifier;
        $code = (self::$ffi ?? Library::ffi())->cw_explain($secret, \strlen($secret), $identifier, \strlen($identifier), $identifierHash, \strlen($identifierHash));

        return Explanation::fromCode($code);
    }

    private static function init(): \FFI\CData
    {
        self::$ffi = Library::ffi();

        return self::$out = self::$ffi->new('char[65]');
    }
}
