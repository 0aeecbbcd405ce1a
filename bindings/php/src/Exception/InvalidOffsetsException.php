<?php

declare(strict_types=1);

namespace ChatwootIdentity\Exception;

/** The batch offsets were invalid (CW_STATUS_INVALID_OFFSETS, -6): a bug of this binding, never expected. */
final class InvalidOffsetsException extends IdentityException
{
}
