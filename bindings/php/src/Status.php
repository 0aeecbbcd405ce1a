<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/** The library's cw_status codes (fixed forever) and the exception each one becomes. */
final class Status
{
    public const OK = 0;
    public const NULL_POINTER = -1;
    public const EMPTY_SECRET = -2;
    public const SECRET_WHITESPACE = -3;
    public const EMPTY_IDENTIFIER = -4;
    public const BUFFER_TOO_SMALL = -5;
    public const INVALID_OFFSETS = -6;
    public const INTERNAL_ERROR = -7;

    private const EXCEPTIONS = [
        self::NULL_POINTER => Exception\NullPointerException::class,
        self::EMPTY_SECRET => Exception\EmptySecretException::class,
        self::SECRET_WHITESPACE => Exception\SecretWhitespaceException::class,
        self::EMPTY_IDENTIFIER => Exception\EmptyIdentifierException::class,
        self::BUFFER_TOO_SMALL => Exception\BufferTooSmallException::class,
        self::INVALID_OFFSETS => Exception\InvalidOffsetsException::class,
        self::INTERNAL_ERROR => Exception\InternalErrorException::class,
    ];

    private function __construct()
    {
    }

    /** The library's English sentence for a status (static text, never caller data). */
    public static function message(int $status): string
    {
        return Library::ffi()->cw_status_message($status);
    }

    /** The typed exception for a failed status; an unknown status gets the base class. */
    public static function exception(int $status): Exception\IdentityException
    {
        $class = self::EXCEPTIONS[$status] ?? Exception\IdentityException::class;

        return new $class(self::message($status), $status);
    }
}
