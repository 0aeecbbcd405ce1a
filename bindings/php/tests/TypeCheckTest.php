<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\IdentityHash;
use ChatwootIdentity\IdentityKey;
use PHPUnit\Framework\TestCase;

/**
 * Only strings, ints (identifiers) and Stringable objects are hashed, whatever the caller's
 * strict_types mode: a float, bool, null, array or plain object is a \TypeError everywhere
 * (verify: false), never the hash of PHP's coercion of it ("1.5", "1", "").
 */
final class TypeCheckTest extends TestCase
{
    /** @return iterable<string, array{0: mixed}> */
    public static function badValues(): iterable
    {
        yield 'float' => [1.5];
        yield 'integral float' => [1.0];
        yield 'true' => [true];
        yield 'false' => [false];
        yield 'null' => [null];
        yield 'array' => [['user-1']];
        yield 'plain object' => [new \stdClass()];
        yield 'closure' => [static fn () => 'user-1'];
        yield 'resource' => [STDIN];
    }

    /** @dataProvider badValues */
    public function testEveryEntryPointRejectsInCoerciveMode(mixed $bad): void
    {
        $key = new IdentityKey(Support::SECRET);
        $this->assertRejectedEverywhere((require __DIR__ . '/fixtures/coercive-calls.php')($key), $bad);
    }

    /** @dataProvider badValues */
    public function testEveryEntryPointRejectsInStrictMode(mixed $bad): void
    {
        $key = new IdentityKey(Support::SECRET);
        $this->assertRejectedEverywhere([
            'identifierHash secret' => static fn ($bad) => IdentityHash::identifierHash($bad, Support::IDENTIFIER),
            'identifierHash identifier' => static fn ($bad) => IdentityHash::identifierHash(Support::SECRET, $bad),
            'explain secret' => static fn ($bad) => IdentityHash::explain($bad, Support::IDENTIFIER, Support::HASH),
            'explain identifier' => static fn ($bad) => IdentityHash::explain(Support::SECRET, $bad, Support::HASH),
            'explain hash' => static fn ($bad) => IdentityHash::explain(Support::SECRET, Support::IDENTIFIER, $bad),
            'new IdentityKey' => static fn ($bad) => new IdentityKey($bad),
            'key identifierHash' => static fn ($bad) => $key->identifierHash($bad),
            'key identifierHashes element' => static fn ($bad) => $key->identifierHashes(['ok', 'k' => $bad]),
            'verify secret' => static fn ($bad) => IdentityHash::verify($bad, Support::IDENTIFIER, Support::HASH),
            'verify identifier' => static fn ($bad) => IdentityHash::verify(Support::SECRET, $bad, Support::HASH),
            'verify hash' => static fn ($bad) => IdentityHash::verify(Support::SECRET, Support::IDENTIFIER, $bad),
            'key verify identifier' => static fn ($bad) => $key->verify($bad, Support::HASH),
            'key verify hash' => static fn ($bad) => $key->verify(Support::IDENTIFIER, $bad),
        ], $bad);
    }

    public function testTheReportedCoercionsNoLongerVerify(): void
    {
        foreach (require __DIR__ . '/fixtures/coercive-reported.php' as $what => $verified) {
            self::assertFalse($verified, $what);
        }
        $calls = (require __DIR__ . '/fixtures/coercive-calls.php')(new IdentityKey(Support::SECRET));
        $this->expectException(\TypeError::class);
        $this->expectExceptionMessage('IdentityHash::identifierHash(): Argument #2 ($identifier) must be of type string|int|Stringable, float given');
        $calls['identifierHash identifier'](1.5);
    }

    /** @return iterable<string, array{0: mixed}> */
    public static function badNonces(): iterable
    {
        yield 'true' => [true];
        yield 'integral float' => [1.0];
        yield 'int' => [7];
        yield 'float' => [1.5];
        yield 'false' => [false];
        yield 'array' => [['abc']];
        yield 'Stringable' => [new class () implements \Stringable {
            public function __toString(): string
            {
                return 'abc';
            }
        }];
    }

    /** @dataProvider badNonces */
    public function testANonceIsNeverCoercedEvenWithoutStrictTypes(mixed $bad): void
    {
        $key = new IdentityKey(Support::SECRET);
        foreach ((require __DIR__ . '/fixtures/coercive-nonce.php')($key) as $what => $call) {
            try {
                $script = $call($bad);
                self::fail(sprintf('%s accepted the nonce %s: %s', $what, get_debug_type($bad), $script));
            } catch (\TypeError $e) {
                self::assertMatchesRegularExpression('/Argument #\d \(\$nonce\) must be of type \?string, \S+ given/', $e->getMessage(), $what);
            }
        }
        // null and strings still work in that mode
        $calls = (require __DIR__ . '/fixtures/coercive-nonce.php')($key);
        self::assertStringNotContainsString('nonce=', $calls['static resetScript'](null));
        self::assertStringContainsString('nonce="abc"', $calls['setUserScript']('abc'));
    }

    public function testABatchMustBeIterable(): void
    {
        $key = new IdentityKey(Support::SECRET);
        foreach (['a string' => 'user-1', 'an int' => 1, 'null' => null, 'an object' => new \stdClass()] as $what => $bad) {
            try {
                $key->identifierHashes($bad);
                self::fail("$what was accepted as a batch");
            } catch (\TypeError $e) {
                self::assertStringContainsString('must be of type iterable', $e->getMessage(), $what);
            }
        }
    }

    public function testIntsAndStringablesAreAccepted(): void
    {
        $key = new IdentityKey(new StringableValue(Support::SECRET));
        $expected = hash_hmac('sha256', '-42', Support::SECRET);
        self::assertSame($expected, IdentityHash::identifierHash(Support::SECRET, -42));
        self::assertSame($expected, $key->identifierHash(-42));
        self::assertSame($expected, $key->identifierHash(new StringableValue('-42')));
        self::assertSame(['a' => $expected, 'b' => $expected], $key->identifierHashes(['a' => -42, 'b' => new StringableValue('-42')]));
        self::assertTrue($key->verify(-42, new StringableValue($expected)));
        self::assertTrue(IdentityHash::verify(new StringableValue(Support::SECRET), new StringableValue('-42'), $expected));
        self::assertTrue(IdentityHash::explain(Support::SECRET, -42, $expected)->isMatch());
        // The hash of "1.5" needs the string "1.5".
        self::assertSame(hash_hmac('sha256', '1.5', Support::SECRET), $key->identifierHash('1.5'));
    }

    public function testAStringableIsReadExactlyOnce(): void
    {
        $key = new IdentityKey(Support::SECRET);
        $calls = [
            'one-shot' => static fn ($id) => IdentityHash::identifierHash(Support::SECRET, $id),
            'key' => static fn ($id) => $key->identifierHash($id),
            'batch' => static fn ($id) => $key->identifierHashes([$id])[0],
        ];
        foreach ($calls as $what => $call) {
            $id = new FlippingStringable(['first', 'second', 'third']);
            self::assertSame(hash_hmac('sha256', 'first', Support::SECRET), $call($id), $what);
            self::assertSame(1, $id->reads, $what);
        }
        $id = new FlippingStringable(['first', 'second']);
        self::assertTrue($key->verify($id, hash_hmac('sha256', 'first', Support::SECRET)));
        self::assertSame(1, $id->reads);
    }

    /** @param array<string, \Closure(mixed): mixed> $calls */
    private function assertRejectedEverywhere(array $calls, mixed $bad): void
    {
        $type = get_debug_type($bad);
        foreach ($calls as $what => $call) {
            if (str_contains($what, 'verify')) {
                self::assertFalse($call($bad), "$what: a $type must make verify return false");
                continue;
            }
            try {
                $result = $call($bad);
                self::fail("$what: a $type was accepted and gave " . var_export($result, true));
            } catch (\TypeError $e) {
                self::assertStringContainsString("$type given", $e->getMessage(), $what);
            }
        }
    }
}
