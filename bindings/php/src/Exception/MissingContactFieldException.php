<?php

declare(strict_types=1);

namespace ChatwootIdentity\Exception;

/** None of name, email, avatar_url is a non-empty string (render calls). */
final class MissingContactFieldException extends IdentityException
{
}
