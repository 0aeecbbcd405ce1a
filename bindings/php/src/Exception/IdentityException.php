<?php

declare(strict_types=1);

namespace ChatwootIdentity\Exception;

/**
 * A status other than CW_STATUS_OK returned by the library, with the library's own message.
 * The message never contains the secret or the identifier (the library's messages are
 * static sentences).
 */
class IdentityException extends \InvalidArgumentException implements ExceptionInterface
{
    public function __construct(string $message, private readonly int $status, ?\Throwable $previous = null)
    {
        parent::__construct($message, $status, $previous);
    }

    /** The library's cw_status code (negative), also available as getCode(). */
    public function getStatus(): int
    {
        return $this->status;
    }
}
