<?php

declare(strict_types=1);

namespace ChatwootIdentity\Exception;

/** The CSP nonce has a character outside base64 / base64url (render calls). */
final class InvalidNonceException extends IdentityException
{
}
