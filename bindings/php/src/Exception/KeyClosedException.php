<?php

declare(strict_types=1);

namespace ChatwootIdentity\Exception;

/**
 * The IdentityKey was closed (close() or an explicit __destruct()) before this call took it:
 * a mistake in the calling code, so a \LogicException, and not a library status (a closed key
 * is never handed to the library).
 */
final class KeyClosedException extends \LogicException implements ExceptionInterface
{
    public function __construct()
    {
        parent::__construct('this IdentityKey is closed');
    }
}
