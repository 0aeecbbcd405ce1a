<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Exception\EmptyIdentifierException;
use ChatwootIdentity\Exception\EmptySecretException;
use ChatwootIdentity\Exception\SecretInvisibleException;
use ChatwootIdentity\Exception\SecretWhitespaceException;
use ChatwootIdentity\IdentityHash;
use ChatwootIdentity\IdentityKey;
use ChatwootIdentity\Verdict;
use PHPUnit\Framework\TestCase;

/**
 * What a PHP caller gets for each row of docs/bad-input-matrix.md (each test is marked with
 * its row id). batch-bad-offsets is in BatchTest, key-double-free in KeyTest.
 */
final class BadInputTest extends TestCase
{
    // matrix: null-with-length
    public function testNullIsATypeErrorInStrictAndCoerciveModeAndVerifyIsFalse(): void
    {
        $key = new IdentityKey(Support::SECRET);
        foreach ([
            'secret' => static fn () => IdentityHash::identifierHash(null, Support::IDENTIFIER),
            'identifier' => static fn () => IdentityHash::identifierHash(Support::SECRET, null),
            'explain hash' => static fn () => IdentityHash::explain(Support::SECRET, Support::IDENTIFIER, null),
            'key secret' => static fn () => new IdentityKey(null),
            'key identifier' => static fn () => $key->identifierHash(null),
        ] as $what => $call) {
            try {
                $call();
                self::fail("null $what was accepted");
            } catch (\TypeError $e) {
                self::assertStringContainsString('null given', $e->getMessage(), $what);
            }
        }
        // verify fails closed instead.
        self::assertFalse(IdentityHash::verify(null, Support::IDENTIFIER, Support::HASH));
        self::assertFalse(IdentityHash::verify(Support::SECRET, Support::IDENTIFIER, null));
        self::assertFalse($key->verify(Support::IDENTIFIER, null));
        // A caller without strict_types gets the same (TypeCheckTest covers every entry point).
        [$code, $out, $err] = Support::php(
            'foreach ([fn () => \ChatwootIdentity\IdentityHash::identifierHash(null, "id"), fn () => var_export(\ChatwootIdentity\IdentityHash::verify("s", "id", null))] as $f) {'
            . ' try { $f(); echo "\n"; } catch (\TypeError $e) { echo "TypeError\n"; } }'
        );
        self::assertSame(0, $code, $err);
        self::assertSame("TypeError\nfalse\n", $out);
    }

    // matrix: null-zero-length
    public function testEmptyStrings(): void
    {
        $this->expectThrows(EmptySecretException::class, static fn () => IdentityHash::identifierHash('', Support::IDENTIFIER));
        $this->expectThrows(EmptySecretException::class, static fn () => new IdentityKey(''));
        $this->expectThrows(EmptyIdentifierException::class, static fn () => IdentityHash::identifierHash(Support::SECRET, ''));
        $this->expectThrows(EmptyIdentifierException::class, static fn () => (new IdentityKey(Support::SECRET))->identifierHash(''));
        self::assertFalse(IdentityHash::verify(Support::SECRET, Support::IDENTIFIER, ''));
        self::assertFalse(IdentityHash::verify('', Support::IDENTIFIER, Support::HASH));
        self::assertFalse(IdentityHash::verify(Support::SECRET, '', hash_hmac('sha256', '', Support::SECRET)));
        self::assertFalse((new IdentityKey(Support::SECRET))->verify(Support::IDENTIFIER, ''));
    }

    // matrix: empty-secret
    public function testEmptySecret(): void
    {
        $this->expectThrows(EmptySecretException::class, static fn () => IdentityHash::identifierHash('', Support::IDENTIFIER));
        $this->expectThrows(EmptySecretException::class, static fn () => new IdentityKey(''));
        self::assertFalse(IdentityHash::verify('', Support::IDENTIFIER, hash_hmac('sha256', Support::IDENTIFIER, '')));
        $this->expectThrows(EmptySecretException::class, static fn () => IdentityHash::explain('', Support::IDENTIFIER, Support::HASH));
        $this->expectThrows(EmptySecretException::class, static fn () => IdentityHash::explain(" \t\n", Support::IDENTIFIER, Support::HASH));
    }

    // matrix: secret-whitespace
    public function testWhitespaceAroundTheSecret(): void
    {
        foreach ([Support::SECRET . "\n", Support::SECRET . "\r\n", ' ' . Support::SECRET, Support::SECRET . "\t"] as $secret) {
            $this->expectThrows(SecretWhitespaceException::class, static fn () => IdentityHash::identifierHash($secret, Support::IDENTIFIER));
            $this->expectThrows(SecretWhitespaceException::class, static fn () => new IdentityKey($secret));
            self::assertFalse(IdentityHash::verify($secret, Support::IDENTIFIER, hash_hmac('sha256', Support::IDENTIFIER, $secret)));
            self::assertSame(Verdict::SecretWhitespace, IdentityHash::explain($secret, Support::IDENTIFIER, Support::HASH)->verdict);
        }
    }

    // matrix: secret-invisible
    public function testInvisibleCharacterAroundTheSecret(): void
    {
        foreach (Hostile::INVISIBLES as $mark) {
            foreach ([$mark . Support::SECRET, Support::SECRET . $mark, $mark . Support::SECRET . $mark] as $secret) {
                $this->expectThrows(SecretInvisibleException::class, static fn () => IdentityHash::identifierHash($secret, Support::IDENTIFIER));
                $this->expectThrows(SecretInvisibleException::class, static fn () => new IdentityKey($secret));
                try {
                    IdentityHash::identifierHash($secret, Support::IDENTIFIER);
                } catch (SecretInvisibleException $e) {
                    self::assertSame(-14, $e->getStatus());
                }
                self::assertFalse(IdentityHash::verify($secret, Support::IDENTIFIER, hash_hmac('sha256', Support::IDENTIFIER, $secret)));
                self::assertSame(Verdict::SecretWhitespace, IdentityHash::explain($secret, Support::IDENTIFIER, Support::HASH)->verdict);
            }
            // Inside a secret it is key material, hashed like any other byte.
            $inside = substr(Support::SECRET, 0, 4) . $mark . substr(Support::SECRET, 4);
            self::assertSame(hash_hmac('sha256', Support::IDENTIFIER, $inside), IdentityHash::identifierHash($inside, Support::IDENTIFIER));
        }
        // Bytes at an edge that are not UTF-8 (half a byte-order mark) are raw key bytes.
        $raw = "\xbb\xbf" . Support::SECRET . "\xef\xbb";
        self::assertSame(hash_hmac('sha256', Support::IDENTIFIER, $raw), IdentityHash::identifierHash($raw, Support::IDENTIFIER));
        // A hash made with a secret read with a byte-order mark is explained as such.
        $bomHash = hash_hmac('sha256', Support::IDENTIFIER, "\u{feff}" . Support::SECRET);
        self::assertSame(Verdict::PaddedSecret, IdentityHash::explain(Support::SECRET, Support::IDENTIFIER, $bomHash)->verdict);
    }

    // matrix: empty-identifier
    public function testEmptyIdentifier(): void
    {
        $key = new IdentityKey(Support::SECRET);
        $this->expectThrows(EmptyIdentifierException::class, static fn () => IdentityHash::identifierHash(Support::SECRET, ''));
        $this->expectThrows(EmptyIdentifierException::class, static fn () => $key->identifierHash(''));
        $this->expectThrows(EmptyIdentifierException::class, static fn () => $key->identifierHashes(['']));
        self::assertFalse($key->verify('', hash_hmac('sha256', '', Support::SECRET)));
        $this->expectThrows(EmptyIdentifierException::class, static fn () => IdentityHash::explain(Support::SECRET, '', Support::HASH));
    }

    // matrix: identifier-1mib
    public function testA1MiBIdentifierMatchesHashHmac(): void
    {
        $identifier = random_bytes(1024 * 1024);
        $expected = hash_hmac('sha256', $identifier, Support::SECRET);
        $key = new IdentityKey(Support::SECRET);
        self::assertSame($expected, IdentityHash::identifierHash(Support::SECRET, $identifier));
        self::assertSame($expected, $key->identifierHash($identifier));
        self::assertSame(['big' => $expected, 'small' => Support::HASH], $key->identifierHashes(['big' => $identifier, 'small' => Support::IDENTIFIER]));
        self::assertTrue(IdentityHash::verify(Support::SECRET, $identifier, $expected));
    }

    // matrix: non-utf8
    public function testNonUtf8IdentifiersAreHashedAsBytes(): void
    {
        $key = new IdentityKey(Support::SECRET);
        foreach (["\xff\xfe\xfd", "caf\xe9", "\xc3\x28", "\xed\xa0\x80"] as $identifier) {
            self::assertFalse(mb_check_encoding($identifier, 'UTF-8'));
            $expected = hash_hmac('sha256', $identifier, Support::SECRET);
            self::assertSame($expected, IdentityHash::identifierHash(Support::SECRET, $identifier));
            self::assertSame($expected, $key->identifierHash($identifier));
            self::assertSame([$expected], $key->identifierHashes([$identifier]));
            self::assertTrue(IdentityHash::verify(Support::SECRET, $identifier, $expected));
        }
    }

    // matrix: hash-wrong-length
    public function testAHashOfTheWrongLengthIsFalse(): void
    {
        foreach ([substr(Support::HASH, 0, 63), Support::HASH . '0', substr(Support::HASH, 0, 40), Support::HASH . Support::HASH] as $hash) {
            $this->assertVerifyFalse($hash);
        }
        self::assertSame(Verdict::WrongLength, IdentityHash::explain(Support::SECRET, Support::IDENTIFIER, substr(Support::HASH, 0, 63))->verdict);
    }

    // matrix: uppercase-hash
    public function testAnUppercaseHashIsFalse(): void
    {
        $this->assertVerifyFalse(strtoupper(Support::HASH));
        $this->assertVerifyFalse(ucfirst(Support::HASH));
        self::assertSame(Verdict::UppercaseHex, IdentityHash::explain(Support::SECRET, Support::IDENTIFIER, strtoupper(Support::HASH))->verdict);
    }

    // matrix: non-hex-hash
    public function testANonHexHashIsFalse(): void
    {
        $this->assertVerifyFalse(str_repeat('z', 64));
        $this->assertVerifyFalse('g' . substr(Support::HASH, 1));
        $this->assertVerifyFalse(hash_hmac('sha256', Support::IDENTIFIER, Support::SECRET, true)); // 32 raw bytes
        self::assertSame(Verdict::NotHex, IdentityHash::explain(Support::SECRET, Support::IDENTIFIER, str_repeat('z', 64))->verdict);
    }

    // matrix: hash-whitespace
    public function testAHashWithWhitespaceIsFalse(): void
    {
        foreach ([Support::HASH . "\n", ' ' . Support::HASH, Support::HASH . "\r\n", "\t" . Support::HASH . ' '] as $hash) {
            $this->assertVerifyFalse($hash);
            self::assertSame(Verdict::HashWhitespace, IdentityHash::explain(Support::SECRET, Support::IDENTIFIER, $hash)->verdict);
        }
    }

    // matrix: buffer-too-small
    public function testTheBindingSizesTheBufferItself(): void
    {
        // No output buffer is exposed in PHP: every hash is exactly 64 lowercase hex characters.
        $key = new IdentityKey(Support::SECRET);
        foreach (['a', Support::IDENTIFIER, str_repeat('x', 100_000), 0, PHP_INT_MIN] as $identifier) {
            self::assertMatchesRegularExpression('/\A[0-9a-f]{64}\z/', IdentityHash::identifierHash(Support::SECRET, $identifier));
            self::assertMatchesRegularExpression('/\A[0-9a-f]{64}\z/', $key->identifierHash($identifier));
        }
        foreach ($key->identifierHashes(array_fill(0, 5000, 'someone')) as $hash) {
            self::assertMatchesRegularExpression('/\A[0-9a-f]{64}\z/', $hash);
        }
    }

    private function assertVerifyFalse(string $hash): void
    {
        self::assertFalse(IdentityHash::verify(Support::SECRET, Support::IDENTIFIER, $hash), bin2hex($hash));
        self::assertFalse((new IdentityKey(Support::SECRET))->verify(Support::IDENTIFIER, $hash), bin2hex($hash));
    }

    /** @param class-string<\Throwable> $class */
    private function expectThrows(string $class, callable $call): void
    {
        try {
            $call();
        } catch (\Throwable $e) {
            self::assertInstanceOf($class, $e);

            return;
        }
        self::fail("expected $class");
    }
}
