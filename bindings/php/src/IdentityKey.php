<?php

declare(strict_types=1);

namespace ChatwootIdentity;

use ChatwootIdentity\Exception\EmptyIdentifierException;
use FFI\CData;

/**
 * An inbox secret prepared once (its HMAC midstates live in native memory), for hashing or
 * verifying many identifiers. The native key is wiped and freed when the object is destroyed.
 * The secret itself is never kept in PHP memory, and var_dump()/print_r() show nothing of it.
 */
final class IdentityKey
{
    /** Identifiers per native batch call (256 KiB of output). */
    private const CHUNK = 4096;

    /** cw_key* owned by this object; null once freed. */
    private ?CData $key = null;
    private \FFI $ffi;
    /** char[65] for single hashes; a property, not a static, is the cheapest to reach. */
    private CData $out;

    /**
     * @throws Exception\EmptySecretException      the secret is ""
     * @throws Exception\SecretWhitespaceException the secret starts or ends with whitespace
     */
    public function __construct(#[\SensitiveParameter] string $secret)
    {
        $ffi = Library::ffi();
        $key = $ffi->new('cw_key*');
        $status = $ffi->cw_key_new($secret, \strlen($secret), \FFI::addr($key));
        if ($status !== Status::OK) {
            throw Status::exception($status);
        }
        $this->ffi = $ffi;
        $this->out = $ffi->new('char[65]');
        $this->key = $key;
    }

    public function __destruct()
    {
        if ($this->key !== null) {
            $this->ffi->cw_key_free($this->key);
            $this->key = null;
        }
    }

    /**
     * The identifier_hash of one identifier (an int is hashed as its decimal string).
     *
     * @throws EmptyIdentifierException the identifier is ""
     */
    public function identifierHash(string|int $identifier): string
    {
        $identifier = (string) $identifier;
        $status = $this->ffi->cw_key_identifier_hash($this->key, $identifier, \strlen($identifier), $this->out, 65);
        if ($status !== 0) {
            throw Status::exception($status);
        }

        return \FFI::string($this->out, 64);
    }

    /** Constant-time check by the library; false for every bad input (never an exception). */
    public function verify(string|int $identifier, string $identifierHash): bool
    {
        $identifier = (string) $identifier;

        return $this->ffi->cw_key_verify($this->key, $identifier, \strlen($identifier), $identifierHash, \strlen($identifierHash));
    }

    /**
     * The identifier_hash of every identifier, keyed like the input, through the library's
     * batch call (one foreign call per 4,096 identifiers instead of one per identifier).
     *
     * @param array<array-key, string|int> $identifiers an int is hashed as its decimal string
     *
     * @return array<array-key, string>
     *
     * @throws EmptyIdentifierException naming the position and key of the first empty identifier
     * @throws \TypeError               an element is neither a string nor an int
     */
    public function identifierHashes(array $identifiers): array
    {
        $total = \count($identifiers);
        if ($total === 0) {
            return [];
        }
        $list = array_values($identifiers); // free for a list
        $ffi = $this->ffi;
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
            try {
                foreach ($chunk as $identifier) {
                    $offsets[] = $end += \strlen($identifier); // strict_types: an int throws here
                }
            } catch (\TypeError) {
                $chunk = self::decimalStrings($chunk, $start, $identifiers);
                $offsets = [0];
                $end = 0;
                foreach ($chunk as $identifier) {
                    $offsets[] = $end += \strlen($identifier);
                }
            }
            if (\in_array('', $chunk, true)) {
                throw self::emptyAt($start + (int) array_search('', $chunk, true), $identifiers);
            }
            $packed = pack(PHP_INT_SIZE === 8 ? 'Q*' : 'L*', ...$offsets); // size_t in machine order
            \FFI::memcpy($nativeOffsets, $packed, \strlen($packed));
            $joined = implode('', $chunk);
            $count = \count($chunk);
            $status = $ffi->cw_key_identifier_hash_batch($this->key, $joined, $end, $nativeOffsets, $count, $out, $count * 64);
            if ($status !== 0) {
                throw Status::exception($status);
            }
            array_push($hashes, ...str_split(\FFI::string($out, $count * 64), 64));
        }

        return array_is_list($identifiers) ? $hashes : array_combine(array_keys($identifiers), $hashes);
    }

    /**
     * A chunk with its ints as decimal strings (Chatwoot's server hashes an id's digits).
     *
     * @param list<mixed>       $chunk
     * @param array<mixed>      $identifiers the caller's array, to name a bad element by its key
     *
     * @return list<string>
     */
    private static function decimalStrings(array $chunk, int $start, array $identifiers): array
    {
        foreach ($chunk as $i => $identifier) {
            if (\is_int($identifier)) {
                $chunk[$i] = (string) $identifier;
            } elseif (!\is_string($identifier)) {
                throw new \TypeError(sprintf(
                    'identifiers[%s] must be of type string|int, %s given',
                    var_export(array_keys($identifiers)[$start + $i], true),
                    get_debug_type($identifier)
                ));
            }
        }

        return $chunk;
    }

    /** The library only says that some identifier is empty; this names which one. */
    private static function emptyAt(int $position, array $identifiers): EmptyIdentifierException
    {
        $key = array_keys($identifiers)[$position];

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
        return ['secret' => '[redacted]', 'freed' => $this->key === null];
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
