<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Exception\KeyClosedException;
use ChatwootIdentity\Exception\ExceptionInterface;
use ChatwootIdentity\Exception\IdentityException;
use ChatwootIdentity\IdentityHash;
use ChatwootIdentity\IdentityKey;
use PHPUnit\Framework\TestCase;

/** User code that runs inside a call: signal handlers, __toString, generators closing the key. */
final class HostileCallerTest extends TestCase
{
    /** Calls of each kind under the timer (about 0.3 s; the old shared buffer gave ~1% wrong hashes). */
    private const CALLS = 10000;

    public function testASignalHandlerThatHashesNeverChangesTheInterruptedResult(): void
    {
        $key = new IdentityKey(Support::SECRET);
        $handlerCalls = 0;
        $handler = static function () use ($key, &$handlerCalls): void {
            match (++$handlerCalls % 3) {
                0 => IdentityHash::identifierHash('handler-secret', 'handler-identifier'),
                1 => $key->identifierHash('handler-identifier'),
                2 => $key->identifierHashes(['handler-1', 'handler-2']),
            };
        };
        $expected = hash_hmac('sha256', Support::IDENTIFIER, Support::SECRET);
        $wrong = Interrupts::during(50, $handler, static function () use ($key, $expected): int {
            $wrong = 0;
            for ($i = 0; $i < self::CALLS; ++$i) {
                $wrong += (int) (IdentityHash::identifierHash(Support::SECRET, Support::IDENTIFIER) !== $expected);
                $wrong += (int) ($key->identifierHash(Support::IDENTIFIER) !== $expected);
                $wrong += (int) ($key->identifierHashes([Support::IDENTIFIER]) !== [$expected]);
                $wrong += (int) !$key->verify(Support::IDENTIFIER, $expected);
            }

            return $wrong;
        });
        self::assertGreaterThan(100, $handlerCalls, 'the timer must actually interrupt the calls');
        self::assertSame(1, Interrupts::$maxDepth, 'the handler must never nest');
        self::assertSame(0, $wrong, sprintf('%d wrong results over %d calls, %d interruptions', $wrong, 4 * self::CALLS, $handlerCalls));
    }

    public function testASignalHandlerThatClosesTheKeyGivesTheRightHashOrKeyClosed(): void
    {
        $expected = hash_hmac('sha256', Support::IDENTIFIER, Support::SECRET);
        $outcomes = ['hash' => 0, 'closed' => 0];
        $current = null;
        $handler = static function () use (&$current): void {
            $current?->close();
            new IdentityKey('attacker-secret'); // would reuse the freed memory
        };
        Interrupts::during(50, $handler, static function () use (&$current, &$outcomes, $expected): void {
            for ($i = 0; $i < 2000; ++$i) {
                $current = new IdentityKey(Support::SECRET);
                for ($j = 0; $j < 10; ++$j) {
                    try {
                        self::assertSame($expected, $current->identifierHash(Support::IDENTIFIER));
                        self::assertSame([$expected], $current->identifierHashes([Support::IDENTIFIER]));
                        ++$outcomes['hash'];
                        // verify never throws: true, or false once the key is closed
                        self::assertTrue($current->verify(Support::IDENTIFIER, $expected) || $current->isClosed());
                    } catch (KeyClosedException) {
                        ++$outcomes['closed'];
                    }
                }
            }
        });
        self::assertGreaterThan(0, $outcomes['closed'], 'the handler must actually close keys');
        self::assertSame(1, Interrupts::$maxDepth, 'the handler must never nest');
        self::assertGreaterThan(0, $outcomes['hash']);
    }

    public function testClosingTheKeyFromAStringableOrGeneratorIsKeyClosed(): void
    {
        $attacker = hash_hmac('sha256', 'user-42', 'attacker-secret');
        $cases = [
            'identifierHash, __toString closes' => static function (IdentityKey $k, \Closure $close) {
                return $k->identifierHash(new OnRead('user-42', $close));
            },
            'identifierHashes, __toString closes' => static function (IdentityKey $k, \Closure $close) {
                return $k->identifierHashes(['user-42', new OnRead('user-43', $close)]);
            },
            'identifierHashes, generator closes' => static function (IdentityKey $k, \Closure $close) {
                return $k->identifierHashes((static function () use ($close) {
                    yield 'user-42';
                    $close();
                })());
            },
            'identifierHashes, iterator closes' => static function (IdentityKey $k, \Closure $close) {
                return $k->identifierHashes(new ClosingIterator(['user-42', 'user-43'], $close));
            },
        ];
        $closers = [
            'close()' => static fn (IdentityKey $k) => $k->close(),
            '__destruct()' => static fn (IdentityKey $k) => $k->__destruct(),
        ];
        foreach ($cases as $case => $call) {
            foreach ($closers as $how => $closer) {
                $key = new IdentityKey(Support::SECRET);
                $close = static function () use ($key, $closer): void {
                    $closer($key);
                    new IdentityKey('attacker-secret'); // would take the freed memory
                };
                try {
                    $result = $call($key, $close);
                    self::fail("$case with $how returned " . json_encode($result) . ($result === $attacker || \in_array($attacker, (array) $result, true) ? ' (the attacker\'s hash)' : ''));
                } catch (KeyClosedException $e) {
                    self::assertInstanceOf(\LogicException::class, $e);
                    self::assertInstanceOf(ExceptionInterface::class, $e);
                    self::assertNotInstanceOf(IdentityException::class, $e, 'not a library status');
                    self::assertSame('this IdentityKey is closed', $e->getMessage());
                }
                self::assertTrue($key->isClosed());
            }
        }
        // verify fails closed.
        $key = new IdentityKey(Support::SECRET);
        self::assertFalse($key->verify(new OnRead('user-42', static fn () => $key->close()), hash_hmac('sha256', 'user-42', Support::SECRET)));
    }

    public function testCloseIsIdempotentAndAKeyStaysUsableUntilThen(): void
    {
        $key = new IdentityKey(Support::SECRET);
        self::assertFalse($key->isClosed());
        self::assertSame(Support::HASH, $key->identifierHash(Support::IDENTIFIER));
        $key->close();
        $key->close();
        $key->__destruct();
        self::assertTrue($key->isClosed());
        self::assertFalse($key->verify(Support::IDENTIFIER, Support::HASH));
        self::assertSame(['secret' => '[redacted]', 'closed' => true], $key->__debugInfo());
        $this->expectException(KeyClosedException::class);
        $key->identifierHashes([]);
    }

    public function testStringsAreBytesAndInvalidUtf8IsHashedExactlyLikeHashHmac(): void
    {
        // PHP strings are byte strings with no encoding: nothing is decoded, replaced or
        // rejected. Two different invalid sequences (UTF-8-encoded surrogates, which a decoder
        // would both turn into U+FFFD) stay two different identifiers.
        $key = new IdentityKey(Support::SECRET);
        $identifiers = ["a\xed\xa0\x80", "a\xed\xbf\xbf", "a\xef\xbf\xbd", "\xc0\xaf", "\xff", "caf\xe9", "nul\x00byte"];
        $hashes = [];
        foreach ($identifiers as $identifier) {
            $expected = hash_hmac('sha256', $identifier, Support::SECRET);
            self::assertSame($expected, IdentityHash::identifierHash(Support::SECRET, $identifier));
            self::assertSame($expected, $key->identifierHash($identifier));
            self::assertSame($expected, $key->identifierHash(new OnRead($identifier, static fn () => null)));
            self::assertTrue($key->verify($identifier, $expected));
            $hashes[] = $expected;
        }
        self::assertSame($hashes, $key->identifierHashes($identifiers));
        self::assertCount(\count($identifiers), array_unique($hashes));
        self::assertFalse($key->verify("a\xed\xbf\xbf", hash_hmac('sha256', "a\xed\xa0\x80", Support::SECRET)));
        // A secret with invalid UTF-8 is bytes too.
        self::assertSame(hash_hmac('sha256', 'id', "s\xff\xfe"), IdentityHash::identifierHash("s\xff\xfe", 'id'));
    }
}
