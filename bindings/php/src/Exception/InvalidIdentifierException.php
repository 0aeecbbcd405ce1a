<?php

declare(strict_types=1);

namespace ChatwootIdentity\Exception;

/** The identifier is not valid UTF-8 (render calls). */
final class InvalidIdentifierException extends IdentityException
{
}
