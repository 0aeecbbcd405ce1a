<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/** The library's cw_status codes (from the generated Abi table) and the exception each one becomes. */
final class Status
{
    public const OK = Abi::STATUSES['ok'];
    public const NULL_POINTER = Abi::STATUSES['null_pointer'];
    public const EMPTY_SECRET = Abi::STATUSES['empty_secret'];
    public const SECRET_WHITESPACE = Abi::STATUSES['secret_whitespace'];
    public const EMPTY_IDENTIFIER = Abi::STATUSES['empty_identifier'];
    public const BUFFER_TOO_SMALL = Abi::STATUSES['buffer_too_small'];
    public const INVALID_OFFSETS = Abi::STATUSES['invalid_offsets'];
    public const INTERNAL_ERROR = Abi::STATUSES['internal_error'];
    public const INVALID_IDENTIFIER = Abi::STATUSES['invalid_identifier'];
    public const INVALID_JSON = Abi::STATUSES['invalid_json'];
    public const UNKNOWN_FIELD = Abi::STATUSES['unknown_field'];
    public const INVALID_FIELD_VALUE = Abi::STATUSES['invalid_field_value'];
    public const MISSING_CONTACT_FIELD = Abi::STATUSES['missing_contact_field'];
    public const INVALID_NONCE = Abi::STATUSES['invalid_nonce'];

    /** Keyed by the status's name in Abi::STATUSES. */
    private const EXCEPTIONS = [
        'null_pointer' => Exception\NullPointerException::class,
        'empty_secret' => Exception\EmptySecretException::class,
        'secret_whitespace' => Exception\SecretWhitespaceException::class,
        'empty_identifier' => Exception\EmptyIdentifierException::class,
        'buffer_too_small' => Exception\BufferTooSmallException::class,
        'invalid_offsets' => Exception\InvalidOffsetsException::class,
        'internal_error' => Exception\InternalErrorException::class,
        'invalid_identifier' => Exception\InvalidIdentifierException::class,
        'invalid_json' => Exception\InvalidJsonException::class,
        'unknown_field' => Exception\UnknownFieldException::class,
        'invalid_field_value' => Exception\InvalidFieldValueException::class,
        'missing_contact_field' => Exception\MissingContactFieldException::class,
        'invalid_nonce' => Exception\InvalidNonceException::class,
    ];

    private function __construct()
    {
    }

    /** The library's English sentence for a status (static text, never caller data). */
    public static function message(int $status): string
    {
        return Library::ffi()->cw_status_message($status);
    }

    /**
     * The typed exception for a failed status; an unknown status gets the base class.
     * $detail (never caller data) is appended to the library's message.
     */
    public static function exception(int $status, string $detail = '', ?\Throwable $previous = null): Exception\IdentityException
    {
        $name = array_search($status, Abi::STATUSES, true);
        $class = \is_string($name) ? (self::EXCEPTIONS[$name] ?? Exception\IdentityException::class) : Exception\IdentityException::class;
        $message = self::message($status) . ($detail === '' ? '' : " ($detail)");

        return $previous === null ? new $class($message, $status) : new $class($message, $status, $previous);
    }
}
