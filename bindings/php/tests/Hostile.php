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

    /**
     * Characters a copy-paste adds that no Chatwoot token contains: non-ASCII Unicode White_Space
     * (Zs, Zl, Zp, U+0085), format characters (Cf), and the other Default_Ignorable_Code_Point
     * ranges of Unicode's DerivedCoreProperties.txt. PCRE's tables, not the library's.
     */
    private const INVISIBLE = '/^(?![\x{0}-\x{7f}])[\p{Zs}\p{Zl}\p{Zp}\x{85}\p{Cf}\x{34f}\x{115f}\x{1160}\x{17b4}\x{17b5}'
        . '\x{180b}-\x{180f}\x{2065}\x{3164}\x{fe00}-\x{fe0f}\x{ffa0}\x{fff0}-\x{fff8}\x{e0000}-\x{e0fff}'
        // Egyptian hieroglyph format controls, Cf since Unicode 15 (newer than PCRE2 10.42's tables)
        . '\x{13439}-\x{1343f}]$/u';

    /** Characters refused at either end of a secret (and hashed inside one). */
    public const INVISIBLES = ["\u{feff}", "\u{a0}", "\u{200b}", "\u{200c}", "\u{200d}", "\u{2060}", "\u{3000}", "\u{2028}",
        "\u{2029}", "\u{1680}", "\u{2000}", "\u{2005}", "\u{200a}", "\u{202f}", "\u{205f}", "\u{85}", "\u{ad}", "\u{200e}",
        "\u{202e}", "\u{180e}", "\u{fe0f}", "\u{e0020}", "\u{e0001}"];

    /**
     * The library's rule: a secret must not start or end with an invisible character written as
     * UTF-8 (bytes at an edge that are not UTF-8 are raw key bytes).
     */
    public static function hasInvisibleEdge(string $secret): bool
    {
        foreach ([false, true] as $last) {
            for ($n = 1; $n <= min(4, \strlen($secret)); ++$n) {
                $edge = $last ? substr($secret, -$n) : substr($secret, 0, $n);
                if (preg_match($last ? '/(.)$/su' : '/^(.)/su', $edge, $m) === 1) {
                    if (preg_match(self::INVISIBLE, $m[1]) === 1) {
                        return true;
                    }
                    break;
                }
            }
        }

        return false;
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
