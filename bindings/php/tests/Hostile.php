<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

/** Values that run user code while the binding reads them. */
final class Hostile
{
    /** The library's rule: a secret must not start or end with a space, tab, CR or LF. */
    public static function hasSurroundingSpace(string $secret): bool
    {
        return $secret !== '' && (strspn($secret[0], " \t\r\n") === 1 || strspn($secret[-1], " \t\r\n") === 1);
    }
}

/** A Stringable with a fixed answer. */
final class StringableValue implements \Stringable
{
    public function __construct(private readonly string $value)
    {
    }

    public function __toString(): string
    {
        return $this->value;
    }
}

/** A Stringable that answers differently each time it is read, and counts the reads. */
final class FlippingStringable implements \Stringable
{
    public int $reads = 0;

    /** @param list<string> $answers */
    public function __construct(private readonly array $answers)
    {
    }

    public function __toString(): string
    {
        return $this->answers[min($this->reads++, \count($this->answers) - 1)];
    }

    /** The same answers, unread. */
    public function fresh(): self
    {
        return new self($this->answers);
    }
}

/** A Stringable that runs a callback when it is read. */
final class OnRead implements \Stringable
{
    public function __construct(private readonly string $value, private readonly \Closure $onRead)
    {
    }

    public function __toString(): string
    {
        ($this->onRead)();

        return $this->value;
    }
}

/** An Iterator that runs a callback once it has given its last element. */
final class ClosingIterator implements \Iterator
{
    private int $position = 0;

    /** @param list<string> $values */
    public function __construct(private readonly array $values, private readonly \Closure $onEnd)
    {
    }

    public function current(): mixed
    {
        return $this->values[$this->position];
    }

    public function key(): mixed
    {
        return $this->position;
    }

    public function next(): void
    {
        ++$this->position;
    }

    public function rewind(): void
    {
        $this->position = 0;
    }

    public function valid(): bool
    {
        if ($this->position < \count($this->values)) {
            return true;
        }
        ($this->onEnd)();

        return false;
    }
}
