<?php

declare(strict_types=1);

namespace ChatwootIdentity\Exception;

/** The secret is empty (CW_STATUS_EMPTY_SECRET, -2). */
final class EmptySecretException extends IdentityException
{
}
