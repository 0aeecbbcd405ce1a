<?php

declare(strict_types=1);

namespace ChatwootIdentity;

use ChatwootIdentity\Exception\EmptyIdentifierException;
use ChatwootIdentity\Exception\KeyClosedException;
use FFI\CData;

/**
 * An inbox secret prepared once (its HMAC midstates live in native memory), for hashing or
 * verifying many identifiers. The native key is wiped and freed by close() or when the object is
 * destroyed.
 * The secret itself is never kept in PHP memory, and var_dump()/print_r() show nothing of it.
 */
final class IdentityKey
{
    /** Identifiers per native batch call (256 KiB of output). */
    private const CHUNK = 4096;

    /** cw_key* owned by this object; null once freed. */
    private ?CData $key = null;
    private \FFI $ffi;
    /** char[65], parsed once: each call allocates its own output buffer of this type. */
    private \FFI\CType $outType;
    /** Calls holding the native key right now (a signal handler can nest one inside another). */
    private int $inUse = 0;
    /** close() was called: no new call may take the key; the last call in progress frees it. */
    private bool $closed = false;

    /**
     * @param string|\Stringable $secret the inbox's secret (HMAC token), raw bytes
     *
     * @throws Exception\EmptySecretException      the secret is ""
     * @throws Exception\SecretWhitespaceException the secret starts or ends with whitespace
     * @throws \TypeError                          a float, bool, null, int, array or other object
     */
    public function __construct(#[\SensitiveParameter] mixed $secret)
    {
        $secret = Input::bytes($secret, __METHOD__, 1, 'secret');
        $ffi = Library::ffi();
        $key = $ffi->new('cw_key*');
        $status = $ffi->cw_key_new($secret, \strlen($secret), \FFI::addr($key));
        if ($status !== Status::OK) {
            throw Status::exception($status);
        }
        $this->ffi = $ffi;
        $this->outType = $ffi->type('char[65]');
        $this->key = $key;
    }

    /**
     * Wipes and frees the native key now instead of at destruction. Idempotent. A call already
     * in progress (e.g. one interrupted by a signal handler that closes the key) finishes with
     * the key and frees it; every later call throws KeyClosedException (verify returns false).
     */
    public function close(): void
    {
        $this->closed = true;
        $this->release();
    }

    /** Whether close() (or __destruct()) was called. */
    public function isClosed(): bool
    {
        return $this->closed;
    }

    public function __destruct()
    {
        $this->close();
    }

    /**
     * The identifier_hash of one identifier (an int is hashed as its decimal string).
     *
     * @param string|int|\Stringable $identifier
     *
     * @throws EmptyIdentifierException the identifier is ""
     * @throws KeyClosedException       the key was closed
     * @throws \TypeError               a float, bool, null, array or other object
     */
    public function identifierHash(mixed $identifier): string
    {
        if (!\is_string($identifier)) { // the common case skips a call
            $identifier = Input::identifier($identifier, __METHOD__, 1); // user code runs here, before the key is taken
        }
        // Counted before the key is read: a signal handler may close the key at any statement.
        ++$this->inUse;
        try {
            $key = $this->key;
            if ($this->closed || $key === null) {
                throw new KeyClosedException();
            }
            // A buffer per call: a signal handler hashing between the call and the read must
            // not overwrite this call's result.
            $out = $this->ffi->new($this->outType);
            $status = $this->ffi->cw_key_identifier_hash($key, $identifier, \strlen($identifier), $out, 65);
        } finally {
            $this->releaseUse();
        }
        if ($status !== Status::OK) {
            throw Status::exception($status);
        }

        return \FFI::string($out, 64);
    }

    /** Constant-time check by the library; false for every bad input and a closed key (never an exception). */
    public function verify(mixed $identifier, mixed $identifierHash): bool
    {
        try {
            $identifier = Input::identifier($identifier, __METHOD__, 1);
            $identifierHash = Input::bytes($identifierHash, __METHOD__, 2, 'identifierHash');
        } catch (\TypeError) {
            return false;
        }
        ++$this->inUse;
        try {
            $key = $this->key;
            if ($this->closed || $key === null) {
                return false;
            }

            return $this->ffi->cw_key_verify($key, $identifier, \strlen($identifier), $identifierHash, \strlen($identifierHash));
        } finally {
            $this->releaseUse();
        }
    }

    /**
     * The identifier_hash of every identifier, through the library's batch call (one foreign
     * call per 4,096 identifiers instead of one per identifier). An array keeps its keys; any
     * other iterable (a generator, an iterator) gives a list in iteration order. Every element
     * is read once, before the key is taken.
     *
     * @param iterable<mixed, string|int|\Stringable> $identifiers an int is hashed as its decimal string
     *
     * @return array<array-key, string>
     *
     * @throws EmptyIdentifierException naming the position and key of the first empty identifier
     * @throws KeyClosedException       the key was closed (also when the iterable closed it)
     * @throws \TypeError               the argument is not iterable, or an element is not a string, int or Stringable
     */
    public function identifierHashes(mixed $identifiers): array
    {
        [$list, $keys] = Input::identifiers($identifiers, __METHOD__);
        $key = $this->acquire();
        try {
            $hashes = $list === [] ? [] : $this->batch($key, $list);
        } catch (EmptyIdentifierException) {
            // The library refuses a chunk with an empty identifier before hashing it; the search
            // for the first one is only paid on this error, never by a valid batch.
            throw self::emptyAt((int) array_search('', $list, true), $keys);
        } finally {
            $this->releaseUse();
        }

        return $keys === null ? $hashes : array_combine($keys, $hashes);
    }

    /**
     * The `<script>` that signs the user in to Chatwoot's widget: it calls
     * `window.$chatwoot.setUser(identifier, {identifier_hash, ...fields})` as soon as the widget
     * is ready. Print it as is into the page's body (it is HTML, escaped by construction: no
     * value can close the script); do not escape it again.
     *
     * @param string|int|\Stringable $identifier the user's identifier, emitted as a JSON string (an int as its decimal digits)
     * @param array<string, mixed>   $fields     name, email, avatar_url, phone_number, description, company_name,
     *                                           country_code, city (strings; null = not set) and custom_attributes
     *                                           (string, number and bool values); one of name, email, avatar_url is required
     * @param string|null            $nonce      the page's CSP nonce (base64 / base64url), or null for none
     *
     * @throws EmptyIdentifierException                  the identifier is ""
     * @throws Exception\InvalidIdentifierException      the identifier is not valid UTF-8
     * @throws Exception\UnknownFieldException           a field Chatwoot does not accept
     * @throws Exception\InvalidFieldValueException      a field of the wrong type, or one json_encode() refuses
     * @throws Exception\MissingContactFieldException    none of name, email, avatar_url
     * @throws Exception\InvalidNonceException           the nonce has a character outside base64 / base64url
     * @throws KeyClosedException                        the key was closed
     * @throws \TypeError                                a float, bool, null, array or other object as identifier;
     *                                                   a nonce that is not a string or null (never coerced: true is not "1")
     */
    public function setUserScript(mixed $identifier, array $fields = [], mixed $nonce = null): string
    {
        $identifier = Render::identifier($identifier, __METHOD__);
        $json = Render::fields($fields);
        $nonce = Render::nonce($nonce, __METHOD__, 3);
        $key = $this->acquire();
        try {
            return Render::call($this->ffi, fn (CData $out, int $capacity, CData $outLen): int => $this->ffi->cw_key_set_user_script(
                $key, $identifier, \strlen($identifier), $json, \strlen($json), $nonce, \strlen($nonce), $out, $capacity, $outLen
            ));
        } finally {
            $this->releaseUse();
        }
    }

    /**
     * The JSON object `{"identifier": ..., "identifier_hash": ..., ...fields}` for a single-page
     * app's endpoint (send it as application/json; the app calls setUser with it). It is the
     * widget's data, not a body for Chatwoot's public client API. Arguments and exceptions as
     * setUserScript(), without the nonce.
     *
     * @param string|int|\Stringable $identifier
     * @param array<string, mixed>   $fields
     */
    public function setUserPayload(mixed $identifier, array $fields = []): string
    {
        $identifier = Render::identifier($identifier, __METHOD__);
        $json = Render::fields($fields);
        $key = $this->acquire();
        try {
            return Render::call($this->ffi, fn (CData $out, int $capacity, CData $outLen): int => $this->ffi->cw_key_set_user_payload(
                $key, $identifier, \strlen($identifier), $json, \strlen($json), $out, $capacity, $outLen
            ));
        } finally {
            $this->releaseUse();
        }
    }

    /**
     * The logout `<script>`: `window.$chatwoot.reset()` as soon as the widget is ready, so the
     * next visitor on this browser does not inherit the contact. Needs no secret, so it is
     * static (`IdentityKey::resetScript()`; `$key->resetScript()` works too, even on a closed key).
     *
     * @param string|null $nonce the page's CSP nonce (base64 / base64url), or null for none
     *
     * @throws Exception\InvalidNonceException the nonce has a character outside base64 / base64url
     * @throws \TypeError                     a nonce that is not a string or null (never coerced: true is not "1")
     */
    public static function resetScript(mixed $nonce = null): string
    {
        $nonce = Render::nonce($nonce, __METHOD__, 1);
        $ffi = Library::ffi();

        return Render::call($ffi, static fn (CData $out, int $capacity, CData $outLen): int => $ffi->cw_reset_script($nonce, \strlen($nonce), $out, $capacity, $outLen));
    }

    /**
     * @param list<string> $list non-empty identifiers
     *
     * @return list<string>
     */
    private function batch(CData $key, array $list): array
    {
        $ffi = $this->ffi;
        $total = \count($list);
        // Chunks keep the joined bytes and the output in the CPU cache, and bound the native memory.
        $chunkSize = min($total, self::CHUNK);
        $out = $ffi->new('char[' . ($chunkSize * 64) . ']');
        $nativeOffsets = $ffi->new('size_t[' . ($chunkSize + 1) . ']');
        $hashes = [];
        for ($start = 0; $start < $total; $start += $chunkSize) {
            $chunk = \array_slice($list, $start, $chunkSize);
            // Offsets of each identifier in the joined bytes: the library wants count + 1 of them.
            $offsets = [0];
            $end = 0;
            foreach ($chunk as $identifier) {
                $offsets[] = $end += \strlen($identifier);
            }
            $packed = pack(PHP_INT_SIZE === 8 ? 'Q*' : 'L*', ...$offsets); // size_t in machine order
            \FFI::memcpy($nativeOffsets, $packed, \strlen($packed));
            $joined = implode('', $chunk);
            $count = \count($chunk);
            $status = $ffi->cw_key_identifier_hash_batch($key, $joined, $end, $nativeOffsets, $count, $out, $count * 64);
            if ($status !== Status::OK) {
                throw Status::exception($status);
            }
            array_push($hashes, ...str_split(\FFI::string($out, $count * 64), 64));
        }

        return $hashes;
    }

    /** The native key for one call, counted so that close() cannot free it under the call. */
    private function acquire(): CData
    {
        // Count first, then read: a signal handler may run between any two statements here.
        ++$this->inUse;
        $key = $this->key;
        if ($this->closed || $key === null) {
            $this->releaseUse();
            throw new KeyClosedException();
        }

        return $key;
    }

    private function releaseUse(): void
    {
        if (--$this->inUse === 0 && $this->closed) {
            $this->release();
        }
    }

    /** Frees the native key once it is closed and no call holds it. */
    private function release(): void
    {
        if ($this->closed && $this->inUse === 0 && $this->key !== null) {
            $key = $this->key;
            $this->key = null;
            $this->ffi->cw_key_free($key);
        }
    }

    /**
     * The library only says that some identifier is empty; this names which one.
     *
     * @param list<array-key>|null $keys the caller's array keys (null: the position is the key)
     */
    private static function emptyAt(int $position, ?array $keys): EmptyIdentifierException
    {
        $key = $keys === null ? $position : $keys[$position];

        return new EmptyIdentifierException(
            sprintf('%s (identifiers[%s], position %d)', Status::message(Status::EMPTY_IDENTIFIER), var_export($key, true), $position),
            Status::EMPTY_IDENTIFIER,
            $position,
            $key
        );
    }

    /** Shows that the key is usable, never the secret nor its midstates. */
    public function __debugInfo(): array
    {
        return ['secret' => '[redacted]', 'closed' => $this->closed];
    }

    /** A copy would share the native key and free it twice. */
    private function __clone()
    {
    }

    /** Throws: a key holds native memory and is rebuilt from the secret instead. */
    public function __serialize(): array
    {
        throw new \LogicException('an IdentityKey cannot be serialized: build it from the secret in your configuration');
    }

    public function __unserialize(array $data): void
    {
        throw new \LogicException('an IdentityKey cannot be unserialized: build it from the secret in your configuration');
    }
}
