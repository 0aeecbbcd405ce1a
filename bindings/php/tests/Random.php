<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

/**
 * The property suite's seeded generator of secrets, identifiers and batches: every PHP type a
 * caller might pass, with the bytes the binding must hash (null: a \TypeError is expected).
 */
final class Random
{
    /** PHP >= 8.2's seeded Randomizer; on PHP 8.1, mt_rand seeded the same way. */
    private ?object $randomizer = null;

    public function __construct(int $seed)
    {
        if (class_exists(\Random\Randomizer::class)) {
            $this->randomizer = new \Random\Randomizer(new \Random\Engine\Mt19937($seed));
        } else {
            mt_srand($seed);
        }
    }

    public function int(int $min, int $max): int
    {
        return $this->randomizer?->getInt($min, $max) ?? mt_rand($min, $max);
    }

    public function bytes(int $length): string
    {
        if ($length === 0) {
            return '';
        }
        if ($this->randomizer !== null) {
            return $this->randomizer->getBytes($length);
        }
        $bytes = '';
        for ($i = 0; $i < $length; ++$i) {
            $bytes .= \chr(mt_rand(0, 255));
        }

        return $bytes;
    }

    /** Mostly valid secrets; some empty, some with whitespace or an invisible character around them. */
    public function secret(): string
    {
        $roll = $this->int(0, 99);
        if ($roll < 4) {
            return '';
        }
        $secret = $this->bytes($this->int(1, $roll < 8 ? 200 : 64));
        if ($roll < 14) {
            return $this->pick([' ', "\t", "\n", "\r\n"]) . $secret . ($roll % 2 ? "\n" : '');
        }
        if ($roll < 20) {
            $mark = $this->pick(Hostile::INVISIBLES);

            return $roll % 2 ? $mark . 'k' . $secret : $secret . 'k' . $mark;
        }

        return Hostile::hasSurroundingSpace($secret) ? 'k' . $secret . 'k' : $secret;
    }

    /**
     * A value to pass as an identifier.
     *
     * @return array{0: mixed, 1: ?string} the value and the bytes to hash (null: \TypeError)
     */
    public function identifier(): array
    {
        $roll = $this->int(0, 99);

        return match (true) {
            $roll < 35 => [$b = $this->identifierBytes(), $b],
            $roll < 50 => [$i = $this->anInt(), (string) $i],
            $roll < 58 => [new StringableValue($b = $this->identifierBytes()), $b],
            $roll < 63 => [new FlippingStringable([$b = $this->identifierBytes(), 'second', '']), $b],
            $roll < 70 => [$this->pick([1.5, 1.0, -0.0, 0.1, NAN, INF, -INF, (float) PHP_INT_MAX, $this->int(-99, 99) / 7.0]), null],
            $roll < 75 => [$this->int(0, 1) === 1, null],
            $roll < 79 => [null, null],
            $roll < 84 => [$this->pick([[], ['user-1'], ['a' => 1], [[]]]), null],
            $roll < 88 => [new \stdClass(), null],
            $roll < 91 => [(static function () { yield 'user-1'; })(), null],
            $roll < 93 => [static fn () => 'user-1', null],
            $roll < 95 => [new \ArrayObject(['user-1']), null],
            default => [$b = $this->invalidUtf8(), $b],
        };
    }

    /**
     * A batch: a list, an array with keys, or a generator, with occasional bad elements.
     *
     * @return array{0: iterable<mixed>, 1: ?array<array-key, string>, 2: ?array{0: class-string, 1: ?int}}
     *         the input, the expected result, or the expected error (class, index of an empty identifier)
     */
    public function batch(string $secret): array
    {
        $count = $this->int(0, 99) === 0 ? $this->int(4000, 9000) : $this->int(0, 20);
        $values = [];
        $hashes = [];
        $error = null;
        for ($i = 0; $i < $count; ++$i) {
            [$value, $bytes] = $this->int(0, 19) === 0 ? $this->identifier() : [$b = $this->identifierBytes(), $b];
            // Every element is read before any is checked for emptiness: a bad type wins.
            if ($bytes === null && ($error === null || $error[0] !== \TypeError::class)) {
                $error = [\TypeError::class, null];
            } elseif ($bytes === '') {
                $error ??= [\ChatwootIdentity\Exception\EmptyIdentifierException::class, $i];
            }
            $values[] = $value;
            $hashes[] = $bytes === null ? '' : hash_hmac('sha256', $bytes, $secret);
        }
        $shape = $this->int(0, 3);
        if ($shape === 0) { // an array with keys of its own
            $keys = [];
            while (\count($keys) < $count) {
                $keys[$this->int(0, 1) ? 'k' . $this->int(0, 999999) : $this->int(-999999, 999999)] = true;
            }
            $keys = array_keys($keys);

            return [array_combine($keys, $values), array_combine($keys, $hashes), $error];
        }
        if ($shape === 1) { // a generator (the result is a list)
            return [(static function () use ($values) { yield from $values; })(), $hashes, $error];
        }

        return [$values, $hashes, $error];
    }

    /** Text for a user field: hostile pieces, random code points, sometimes invalid UTF-8 or empty. */
    public function text(): string
    {
        $roll = $this->int(0, 99);
        if ($roll < 5) {
            return '';
        }
        if ($roll < 10) {
            return 'x' . $this->invalidUtf8();
        }
        $text = '';
        for ($i = $this->int(1, 12); $i > 0; --$i) {
            $text .= $this->int(0, 1) === 1
                ? $this->pick(['</script>', '<!--', '<b>', "'", '"', '&amp;', "\u{2028}", "\u{2029}", "\u{1F600}", '\\', "\x00", "\n", '${x}', ']]>'])
                : mb_chr($this->pick([$this->int(0x20, 0x7e), $this->int(0xa0, 0xd7ff), $this->int(0xe000, 0xfffd), $this->int(0x10000, 0x10ffff)]), 'UTF-8');
        }

        return $text;
    }

    /** An equivalent value that has not been read yet (a FlippingStringable reads differently twice). */
    public function again(mixed $value): mixed
    {
        return $value instanceof FlippingStringable ? $value->fresh() : $value;
    }

    /** A hash that must never verify: one character changed, uppercase, whitespace, truncated. */
    public function corrupt(string $hash): string
    {
        $i = $this->int(0, 63);

        return match ($this->int(0, 3)) {
            0 => substr_replace($hash, $hash[$i] === 'a' ? 'b' : 'a', $i, 1),
            1 => strtoupper($hash) === $hash ? $hash . '0' : strtoupper($hash),
            2 => $hash . "\n",
            3 => substr($hash, 0, $i),
        };
    }

    private function identifierBytes(): string
    {
        $roll = $this->int(0, 99);

        return match (true) {
            $roll < 3 => '',
            $roll < 5 => $this->bytes($this->int(1000, 70000)),
            $roll < 60 => $this->bytes($this->int(1, 40)),
            default => (string) $this->pick(['user-', 'id:', '', 'ü', "\x00"]) . bin2hex($this->bytes($this->int(1, 20))),
        };
    }

    private function anInt(): int
    {
        return $this->pick([0, -1, PHP_INT_MAX, PHP_INT_MIN, $this->int(PHP_INT_MIN, PHP_INT_MAX), $this->int(1, 1 << 40)]);
    }

    private function invalidUtf8(): string
    {
        return $this->pick(["\xed\xa0\x80", "\xed\xbf\xbf", "\xc0\xaf", "\xff", "\xe9"]) . bin2hex($this->bytes($this->int(0, 8)));
    }

    /**
     * @template T
     *
     * @param list<T> $choices
     *
     * @return T
     */
    private function pick(array $choices): mixed
    {
        return $choices[$this->int(0, \count($choices) - 1)];
    }
}
