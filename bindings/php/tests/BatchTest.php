<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Exception\EmptyIdentifierException;
use ChatwootIdentity\IdentityKey;
use ChatwootIdentity\Status;
use PHPUnit\Framework\TestCase;

/** IdentityKey::identifierHashes() through the library's batch call. */
final class BatchTest extends TestCase
{
    public function testBatchEqualsOneByOneFor100000Identifiers(): void
    {
        $key = new IdentityKey(Support::SECRET);
        $identifiers = [];
        for ($i = 0; $i < 100_000; ++$i) {
            // Lengths 1..300 and every byte value, across many 4,096-identifier chunks.
            $identifiers[] = $i % 5 === 0 ? $i : random_bytes(1 + $i % 300);
        }
        $hashes = $key->identifierHashes($identifiers);
        self::assertCount(100_000, $hashes);
        self::assertTrue(array_is_list($hashes));
        foreach ($identifiers as $i => $identifier) {
            self::assertSame($key->identifierHash($identifier), $hashes[$i], "identifier $i");
        }
        // And against PHP's HMAC on a sample, so batch and single cannot share a bug.
        foreach ([0, 1, 4095, 4096, 4097, 99_999] as $i) {
            self::assertSame(hash_hmac('sha256', (string) $identifiers[$i], Support::SECRET), $hashes[$i]);
        }
    }

    public function testKeysAndOrderArePreserved(): void
    {
        $key = new IdentityKey(Support::SECRET);
        $hashes = $key->identifierHashes(['b' => 'user-b', 10 => 12345, 'a' => Support::IDENTIFIER]);
        self::assertSame(['b', 10, 'a'], array_keys($hashes));
        self::assertSame(Support::HASH, $hashes['a']);
        self::assertSame(hash_hmac('sha256', '12345', Support::SECRET), $hashes[10]);
        self::assertSame(hash_hmac('sha256', 'user-b', Support::SECRET), $hashes['b']);
        self::assertSame([], $key->identifierHashes([]));
    }

    public function testEmptyIdentifierIsNamedByPositionAndKey(): void
    {
        $key = new IdentityKey(Support::SECRET);
        $identifiers = array_fill(0, 5000, 'someone');
        $identifiers[4321] = '';
        $identifiers[4500] = '';
        try {
            $key->identifierHashes($identifiers);
            self::fail('an empty identifier was accepted');
        } catch (EmptyIdentifierException $e) {
            self::assertSame(4321, $e->getIndex(), 'the first empty one');
            self::assertSame(4321, $e->getKey());
            self::assertSame(Status::EMPTY_IDENTIFIER, $e->getStatus());
            self::assertStringContainsString('identifiers[4321]', $e->getMessage());
            self::assertStringStartsWith(Status::message(Status::EMPTY_IDENTIFIER), $e->getMessage());
        }
        try {
            $key->identifierHashes(['x' => 'a', 'y' => 7, 'z' => '']);
            self::fail('an empty identifier was accepted');
        } catch (EmptyIdentifierException $e) {
            self::assertSame(2, $e->getIndex());
            self::assertSame('z', $e->getKey());
            self::assertStringContainsString("identifiers['z'], position 2", $e->getMessage());
        }
    }

    /** @return iterable<string, array{mixed, string}> */
    public static function badElements(): iterable
    {
        yield 'null' => [null, 'null'];
        yield 'bool' => [true, 'bool'];
        yield 'float' => [1.5, 'float'];
        yield 'array' => [['nested'], 'array'];
        yield 'object' => [new \stdClass(), 'stdClass'];
    }

    /** @dataProvider badElements */
    public function testNonStringElementsAreATypeError(mixed $bad, string $type): void
    {
        $key = new IdentityKey(Support::SECRET);
        $this->expectException(\TypeError::class);
        $this->expectExceptionMessage("identifiers['k'] must be of type string|int|Stringable, $type given");
        $key->identifierHashes([1, 'ok', 'k' => $bad]);
    }
}
