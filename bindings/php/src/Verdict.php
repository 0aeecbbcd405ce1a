<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/**
 * What IdentityHash::explain() found: the most likely reason an identifier_hash does or does
 * not match. Backed by the library's stable snake_case name (cw_verdict_name), so it can be
 * logged and read back with Verdict::from('uppercase_hex'). The codes are the library's
 * cw_verdict values, from the generated Abi table.
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
    case BlankHash = 'blank_hash';
    case PaddedSecret = 'padded_secret';
    case NotHmac = 'not_hmac';
    case TokenAsHash = 'token_as_hash';
    case JsRoundedNumber = 'js_rounded_number';
    case OtherCandidate = 'other_candidate';
    /** A code this binding does not know (a newer library): Explanation::$code keeps it. */
    case Unknown = 'unknown';

    /** INT32_MIN: never a cw_verdict, so the library answers with its "unknown" sentence. */
    private const UNKNOWN_CODE = -2147483648;

    /** The case of a cw_verdict value; Unknown for a value this binding does not know. */
    public static function fromCode(int $code): self
    {
        $name = array_search($code, Abi::VERDICTS, true);

        return \is_string($name) ? (self::tryFrom($name) ?? self::Unknown) : self::Unknown;
    }

    /** The library's cw_verdict value; null for Unknown (see Explanation::$code). */
    public function code(): ?int
    {
        return Abi::VERDICTS[$this->value] ?? null;
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
