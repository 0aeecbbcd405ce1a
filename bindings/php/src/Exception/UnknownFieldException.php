<?php

declare(strict_types=1);

namespace ChatwootIdentity\Exception;

/** A field Chatwoot's setUser does not accept (render calls). */
final class UnknownFieldException extends IdentityException
{
}
