<?php

declare(strict_types=1);

namespace ChatwootIdentity\Exception;

/**
 * The IdentityKey was closed (close() or an explicit __destruct()) before this call took it.
 * A NullPointerException (status -1): a closed key is never handed to the library.
 */
final class KeyClosedException extends NullPointerException
{
    public function __construct()
    {
        parent::__construct('this IdentityKey is closed', \ChatwootIdentity\Status::NULL_POINTER);
    }
}
