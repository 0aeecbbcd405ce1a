<?php

declare(strict_types=1);

namespace ChatwootIdentity\Exception;

/**
 * The identifier is empty (CW_STATUS_EMPTY_IDENTIFIER, -4): hashing "" would merge every
 * anonymous visitor into one verified contact. For a batch, names which identifier.
 */
final class EmptyIdentifierException extends IdentityException
{
    public function __construct(
        string $message,
        int $status,
        private readonly ?int $index = null,
        private readonly int|string|null $key = null,
    ) {
        parent::__construct($message, $status);
    }

    /** Position (0-based, in iteration order) of the empty identifier in a batch; null for a single hash. */
    public function getIndex(): ?int
    {
        return $this->index;
    }

    /** Array key of the empty identifier in a batch; null for a single hash. */
    public function getKey(): int|string|null
    {
        return $this->key;
    }
}
