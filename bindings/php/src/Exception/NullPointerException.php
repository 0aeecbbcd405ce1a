<?php

declare(strict_types=1);

namespace ChatwootIdentity\Exception;

/** A pointer argument was NULL while its length was not zero (CW_STATUS_NULL_POINTER, -1). */
class NullPointerException extends IdentityException
{
}
