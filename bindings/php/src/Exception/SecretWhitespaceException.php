<?php

declare(strict_types=1);

namespace ChatwootIdentity\Exception;

/** The secret starts or ends with a space, tab, CR or LF (CW_STATUS_SECRET_WHITESPACE, -3): trim the value read from a file or the environment. */
final class SecretWhitespaceException extends IdentityException
{
}
