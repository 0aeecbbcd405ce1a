<?php

declare(strict_types=1);

namespace ChatwootIdentity\Exception;

/** A bug inside the library (CW_STATUS_INTERNAL_ERROR, -7): never expected. */
final class InternalErrorException extends IdentityException
{
}
