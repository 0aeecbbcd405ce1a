<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/**
 * What IdentityHash::explain() found: the most likely reason an identifier_hash does or does
 * not match. Backed by the library's stable snake_case name (cw_verdict_name), so it can be
 * logged and read back with Verdict::from('uppercase_hex'). Codes are the library's
 * cw_verdict values, fixed forever; negative ones are inputs explain() cannot use.
 */
enum Verdict: string
{
    case Match = 'match';
    case UppercaseHex = 'uppercase_hex';
    case HashWhitespace = 'hash_whitespace';
    case SecretWhitespace = 'secret_whitespace';
    case SwappedArguments = 'swapped_arguments';
    case HashIsIdentifier = 'hash_is_identifier';
    case IdentifierIsHash = 'identifier_is_hash';
    case Base64 = 'base64';
    case RawDigest = 'raw_digest';
    case IdentifierFormat = 'identifier_format';
    case OtherAlgorithm = 'other_algorithm';
    case NotHex = 'not_hex';
    case WrongLength = 'wrong_length';
    case Mismatch = 'mismatch';
    case NullPointer = 'null_pointer';
    case InvalidSecret = 'invalid_secret';
    case EmptyIdentifier = 'empty_identifier';
    case InternalError = 'internal_error';
    /** A code this binding does not know (a newer library): Explanation::$code keeps it. */
    case Unknown = 'unknown';

    /** INT32_MIN: never a cw_verdict, so the library answers with its "unknown" sentence. */
    private const UNKNOWN_CODE = -2147483648;

    /** The cw_verdict value of each known case. */
    private const CODES = [
        'match' => 0,
        'uppercase_hex' => 1,
        'hash_whitespace' => 2,
        'secret_whitespace' => 3,
        'swapped_arguments' => 4,
        'hash_is_identifier' => 5,
        'identifier_is_hash' => 6,
        'base64' => 7,
        'raw_digest' => 8,
        'identifier_format' => 9,
        'other_algorithm' => 10,
        'not_hex' => 11,
        'wrong_length' => 12,
        'mismatch' => 13,
        'null_pointer' => -1,
        'invalid_secret' => -2,
        'empty_identifier' => -3,
        'internal_error' => -4,
    ];

    /** The case of a cw_verdict value; Unknown for a value this binding does not know. */
    public static function fromCode(int $code): self
    {
        $name = array_search($code, self::CODES, true);

        return $name === false ? self::Unknown : self::from($name);
    }

    /** The library's cw_verdict value; null for Unknown (see Explanation::$code). */
    public function code(): ?int
    {
        return self::CODES[$this->value] ?? null;
    }

    /** The library's English sentence: what happened and what to do (static text). */
    public function message(): string
    {
        return Library::ffi()->cw_verdict_message($this->code() ?? self::UNKNOWN_CODE);
    }

    public function isMatch(): bool
    {
        return $this === self::Match;
    }
}
