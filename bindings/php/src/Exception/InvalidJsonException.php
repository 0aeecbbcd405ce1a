<?php

declare(strict_types=1);

namespace ChatwootIdentity\Exception;

/** The user's fields are not one JSON object (render calls). */
final class InvalidJsonException extends IdentityException
{
}
