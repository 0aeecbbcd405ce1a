<?php

declare(strict_types=1);

namespace ChatwootIdentity\Exception;

/** The output buffer was too small (CW_STATUS_BUFFER_TOO_SMALL, -5): a bug of this binding, never expected. */
final class BufferTooSmallException extends IdentityException
{
}
