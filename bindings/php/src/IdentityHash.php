<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/**
 * One-shot identity validation: identifier_hash = lowercase hex HMAC-SHA256(secret, identifier),
 * the same value as Chatwoot's documented `hash_hmac('sha256', $identifier, $key)`.
 * For many hashes under one inbox secret, IdentityKey is faster.
 *
 * Parameters are checked by the binding, not by PHP's coercion, so the rules are the same with
 * or without strict_types: strings (raw bytes, any encoding), ints for identifiers (their decimal
 * string) and Stringable objects (read once); anything else is a \TypeError (verify: false).
 */
final class IdentityHash
{
    private static ?\FFI $ffi = null;
    /** char[65], parsed once: each call allocates its own output buffer of this type. */
    private static ?\FFI\CType $outType = null;

    private function __construct()
    {
    }

    /**
     * The identifier_hash to send with the widget's setUser().
     *
     * @param string|\Stringable     $secret     the inbox's secret (HMAC token), raw bytes
     * @param string|int|\Stringable $identifier the user's identifier; an int is hashed as its decimal string
     *
     * @throws Exception\EmptySecretException      the secret is ""
     * @throws Exception\SecretWhitespaceException the secret starts or ends with whitespace
     * @throws Exception\EmptyIdentifierException  the identifier is ""
     * @throws \TypeError                          a float, bool, null, array or other object
     */
    public static function identifierHash(#[\SensitiveParameter] mixed $secret, mixed $identifier): string
    {
        if (!\is_string($secret)) { // the common case skips a call
            $secret = Input::bytes($secret, __METHOD__, 1, 'secret');
        }
        if (!\is_string($identifier)) {
            $identifier = Input::identifier($identifier, __METHOD__, 2);
        }
        $ffi = self::$ffi ?? self::init();
        // A buffer per call: a signal handler that hashes between the call and the read
        // must not overwrite this call's result.
        $out = $ffi->new(self::$outType);
        $status = $ffi->cw_identifier_hash($secret, \strlen($secret), $identifier, \strlen($identifier), $out, 65);
        if ($status !== Status::OK) {
            throw Status::exception($status);
        }

        return \FFI::string($out, 64);
    }

    /**
     * Whether $identifierHash is exactly the identifier_hash of $identifier, compared in
     * constant time by the library. Fails closed: false for every bad input, including a value
     * of the wrong type (never an exception from the binding).
     */
    public static function verify(#[\SensitiveParameter] mixed $secret, mixed $identifier, #[\SensitiveParameter] mixed $identifierHash): bool
    {
        try {
            $secret = Input::bytes($secret, __METHOD__, 1, 'secret');
            $identifier = Input::identifier($identifier, __METHOD__, 2);
            $identifierHash = Input::bytes($identifierHash, __METHOD__, 3, 'identifierHash');
        } catch (\TypeError) {
            return false;
        }

        return Library::ffi()->cw_verify($secret, \strlen($secret), $identifier, \strlen($identifier), $identifierHash, \strlen($identifierHash));
    }

    /**
     * Why $identifierHash does or does not match: the most likely mistake (uppercase hex,
     * whitespace, a padded secret, swapped arguments, base64, raw bytes, plain SHA-256, a token,
     * a number rounded by JavaScript, ...), with the library's advice. When the hash was made
     * with one of $otherSecrets (the token before a rotation, another inbox's token) or for one
     * of $otherIdentifiers (the user's email instead of the id), the explanation names which one
     * by its list and position, never by its value.
     *
     * A debugging aid for logs and support: NOT constant-time, so never use it to decide a
     * login; verify() is the production check. A secret with whitespace around it is a verdict
     * (SecretWhitespace), not an exception.
     *
     * @param string|\Stringable                   $secret           the inbox's secret (HMAC token), raw bytes
     * @param string|int|\Stringable               $identifier       the user's identifier; an int is explained as its decimal string
     * @param string|\Stringable                   $identifierHash   the hash as received: hex text, or any bytes (e.g. a raw digest)
     * @param iterable<string|\Stringable>         $otherSecrets     other secrets to try, each read once
     * @param iterable<string|int|\Stringable>     $otherIdentifiers other identifiers to try under $secret, each read once
     *
     * @throws Exception\EmptySecretException     the secret is empty or only whitespace
     * @throws Exception\EmptyIdentifierException the identifier is ""
     * @throws \TypeError                         a value of another type (a float, bool, null, array, ...)
     */
    public static function explain(
        #[\SensitiveParameter] mixed $secret,
        mixed $identifier,
        mixed $identifierHash,
        #[\SensitiveParameter] iterable $otherSecrets = [],
        iterable $otherIdentifiers = [],
    ): Explanation {
        $secret = Input::bytes($secret, __METHOD__, 1, 'secret');
        $identifier = Input::identifier($identifier, __METHOD__, 2);
        $identifierHash = Input::bytes($identifierHash, __METHOD__, 3, 'identifierHash');
        $secrets = Input::byteList($otherSecrets, __METHOD__, 'otherSecrets');
        $identifiers = Input::identifiers($otherIdentifiers, __METHOD__, 'otherIdentifiers')[0];
        $ffi = Library::ffi();
        $candidates = new Candidates($ffi, $secrets, $identifiers);
        $out = $ffi->new('cw_explanation');
        try {
            $status = $ffi->cw_explain($secret, \strlen($secret), $identifier, \strlen($identifier), $identifierHash, \strlen($identifierHash), $candidates->pointer(), \FFI::addr($out));
        } finally {
            $candidates->wipe();
        }
        if ($status !== Status::OK) {
            throw Status::exception($status);
        }

        return Explanation::fromCode($out->verdict, CandidateKind::fromCode($out->candidate_kind), $out->candidate_index);
    }

    private static function init(): \FFI
    {
        $ffi = Library::ffi();
        self::$outType = $ffi->type('char[65]');

        return self::$ffi = $ffi;
    }
}
