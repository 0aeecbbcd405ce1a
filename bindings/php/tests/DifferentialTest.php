<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Exception\EmptyIdentifierException;
use ChatwootIdentity\Exception\SecretInvisibleException;
use ChatwootIdentity\Exception\SecretWhitespaceException;
use ChatwootIdentity\IdentityHash;
use ChatwootIdentity\IdentityKey;
use ChatwootIdentity\Verdict;
use PHPUnit\Framework\TestCase;

/** The library against PHP's own hash_hmac() on random secrets and identifiers. */
final class DifferentialTest extends TestCase
{
    private const PAIRS = 10_000;

    public function testRandomPairsAgreeWithHashHmac(): void
    {
        mt_srand(20240601); // reproducible lengths and kinds; the bytes come from random_bytes
        $hashed = $empty = $padded = $invisible = 0;
        for ($i = 0; $i < self::PAIRS; ++$i) {
            $secret = random_bytes(mt_rand(1, 80));
            $identifier = mt_rand(0, 1) === 1 ? self::bytes(mt_rand(0, 300)) : self::utf8(mt_rand(0, 300));
            $context = sprintf('pair %d: secret %s, identifier %s', $i, bin2hex($secret), bin2hex($identifier));
            if (preg_match('/^[ \t\r\n]|[ \t\r\n]$/', $secret) === 1) {
                ++$padded;
                try {
                    IdentityHash::identifierHash($secret, $identifier);
                    self::fail("$context: a whitespace-padded secret was accepted");
                } catch (SecretWhitespaceException) {
                }
                continue;
            }
            if (Hostile::hasInvisibleEdge($secret)) {
                // random bytes that happen to be UTF-8 for an invisible character at an end
                ++$invisible;
                try {
                    IdentityHash::identifierHash($secret, $identifier);
                    self::fail("$context: a secret with an invisible edge was accepted");
                } catch (SecretInvisibleException) {
                }
                self::assertFalse(IdentityHash::verify($secret, $identifier, hash_hmac('sha256', $identifier, $secret)), $context);
                continue;
            }
            if ($identifier === '') {
                ++$empty;
                try {
                    IdentityHash::identifierHash($secret, $identifier);
                    self::fail("$context: an empty identifier was accepted");
                } catch (EmptyIdentifierException) {
                }
                continue;
            }
            ++$hashed;
            $expected = hash_hmac('sha256', $identifier, $secret);
            self::assertSame($expected, IdentityHash::identifierHash($secret, $identifier), $context);
            self::assertSame($expected, (new IdentityKey($secret))->identifierHash($identifier), $context);
            self::assertTrue(IdentityHash::verify($secret, $identifier, $expected), $context);
            $tampered = $expected;
            $tampered[$i % 64] = $tampered[$i % 64] === '0' ? '1' : '0';
            self::assertFalse(IdentityHash::verify($secret, $identifier, $tampered), $context);
        }
        self::assertGreaterThan(9_000, $hashed);
        self::assertGreaterThan(0, $padded);
        self::assertLessThan(100, $invisible);
    }

    public function testInvisibleEdgesAreRefusedAndHashedInside(): void
    {
        mt_srand(20240602);
        for ($i = 0; $i < 300; ++$i) {
            $mark = Hostile::INVISIBLES[mt_rand(0, \count(Hostile::INVISIBLES) - 1)];
            $core = 'k' . self::bytes(mt_rand(0, 40)) . 'k';
            $secret = [$mark . $core, $core . $mark, $mark . $core . $mark][$i % 3];
            $context = sprintf('secret %s', bin2hex($secret));
            self::assertTrue(Hostile::hasInvisibleEdge($secret), $context);
            foreach ([static fn () => IdentityHash::identifierHash($secret, 'user'), static fn () => new IdentityKey($secret)] as $call) {
                try {
                    $call();
                    self::fail("$context: a secret with an invisible edge was accepted");
                } catch (SecretInvisibleException $e) {
                    self::assertSame(-14, $e->getStatus(), $context);
                }
            }
            self::assertFalse(IdentityHash::verify($secret, 'user', hash_hmac('sha256', 'user', $secret)), $context);
            self::assertSame(Verdict::SecretWhitespace, IdentityHash::explain($secret, 'user', Support::HASH)->verdict, $context);
            $inside = 'k' . $mark . 'k';
            self::assertSame(hash_hmac('sha256', 'user', $inside), IdentityHash::identifierHash($inside, 'user'), $context);
        }
    }

    public function testEveryCodePointAtAnEdgeIsJudgedLikePcresUnicodeTables(): void
    {
        $disagree = [];
        for ($cp = 0x80; $cp <= 0x10ffff; ++$cp) {
            if ($cp >= 0xd800 && $cp <= 0xdfff) {
                continue;
            }
            $secret = 'k' . self::utf8Char($cp);
            try {
                IdentityHash::identifierHash($secret, 'u');
                $refused = false;
            } catch (SecretInvisibleException) {
                $refused = true;
            }
            if ($refused !== Hostile::hasInvisibleEdge($secret)) {
                $disagree[] = sprintf('U+%04X', $cp);
            }
        }
        self::assertSame([], $disagree);
    }

        public function testIntIdentifiersAreHashedAsTheirDecimalString(): void
    {
        $key = new IdentityKey(Support::SECRET);
        foreach ([0, 7, 42, 1234567890, -15, PHP_INT_MAX, PHP_INT_MIN] as $id) {
            $expected = hash_hmac('sha256', (string) $id, Support::SECRET);
            self::assertSame($expected, IdentityHash::identifierHash(Support::SECRET, $id));
            self::assertSame($expected, $key->identifierHash($id));
            self::assertTrue(IdentityHash::verify(Support::SECRET, $id, $expected));
            self::assertTrue($key->verify($id, $expected));
        }
    }

    private static function utf8Char(int $cp): string
    {
        return match (true) {
            $cp < 0x800 => \chr(0xc0 | $cp >> 6) . \chr(0x80 | $cp & 0x3f),
            $cp < 0x10000 => \chr(0xe0 | $cp >> 12) . \chr(0x80 | $cp >> 6 & 0x3f) . \chr(0x80 | $cp & 0x3f),
            default => \chr(0xf0 | $cp >> 18) . \chr(0x80 | $cp >> 12 & 0x3f) . \chr(0x80 | $cp >> 6 & 0x3f) . \chr(0x80 | $cp & 0x3f),
        };
    }

    private static function bytes(int $n): string
    {
        return $n === 0 ? '' : random_bytes($n);
    }

    /** A valid UTF-8 string of $bytes bytes (1- to 4-byte characters). */
    private static function utf8(int $bytes): string
    {
        $s = '';
        while (\strlen($s) < $bytes) {
            $char = mb_chr(match (mt_rand(0, 3)) {
                0 => mt_rand(0x20, 0x7E),
                1 => mt_rand(0xA0, 0x7FF),
                2 => mt_rand(0x800, 0xD7FF),
                default => mt_rand(0x10000, 0x10FFFF),
            }, 'UTF-8');
            if (\strlen($s) + \strlen($char) > $bytes) {
                $char = str_repeat('a', $bytes - \strlen($s));
            }
            $s .= $char;
        }
        self::assertTrue(mb_check_encoding($s, 'UTF-8'));

        return $s;
    }
}
