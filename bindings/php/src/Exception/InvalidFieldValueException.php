<?php

declare(strict_types=1);

namespace ChatwootIdentity\Exception;

/** A field of the wrong type, or one PHP's JSON encoder refuses (render calls). */
final class InvalidFieldValueException extends IdentityException
{
}
