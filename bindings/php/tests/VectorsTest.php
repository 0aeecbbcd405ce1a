<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Abi;
use ChatwootIdentity\Exception;
use ChatwootIdentity\Library;
use ChatwootIdentity\IdentityHash;
use ChatwootIdentity\IdentityKey;
use ChatwootIdentity\Status;
use PHPUnit\Framework\TestCase;

/** Every case of the shared tests/vectors.json, through the one-shot and the keyed API. */
final class VectorsTest extends TestCase
{
    private const EXCEPTIONS = [
        'NULL_POINTER' => Exception\NullPointerException::class,
        'EMPTY_SECRET' => Exception\EmptySecretException::class,
        'SECRET_WHITESPACE' => Exception\SecretWhitespaceException::class,
        'EMPTY_IDENTIFIER' => Exception\EmptyIdentifierException::class,
        'BUFFER_TOO_SMALL' => Exception\BufferTooSmallException::class,
        'INVALID_OFFSETS' => Exception\InvalidOffsetsException::class,
        'INTERNAL_ERROR' => Exception\InternalErrorException::class,
        'INVALID_IDENTIFIER' => Exception\InvalidIdentifierException::class,
        'INVALID_JSON' => Exception\InvalidJsonException::class,
        'UNKNOWN_FIELD' => Exception\UnknownFieldException::class,
        'INVALID_FIELD_VALUE' => Exception\InvalidFieldValueException::class,
        'MISSING_CONTACT_FIELD' => Exception\MissingContactFieldException::class,
        'INVALID_NONCE' => Exception\InvalidNonceException::class,
        'SECRET_INVISIBLE' => Exception\SecretInvisibleException::class,
    ];

    public static function hashCases(): iterable
    {
        foreach (Support::vectors()['hash'] as $case) {
            yield $case['name'] => [hex2bin($case['secret_hex']), hex2bin($case['identifier_hex']), $case['identifier_hash']];
        }
    }

    /** @dataProvider hashCases */
    public function testHash(string $secret, string $identifier, string $expected): void
    {
        // PHP's own HMAC agrees with the vector, so the library cannot share a bug with the generator.
        self::assertSame($expected, hash_hmac('sha256', $identifier, $secret));
        self::assertSame($expected, IdentityHash::identifierHash($secret, $identifier));
        self::assertTrue(IdentityHash::verify($secret, $identifier, $expected));
        $key = new IdentityKey($secret);
        self::assertSame($expected, $key->identifierHash($identifier));
        self::assertTrue($key->verify($identifier, $expected));
        self::assertSame([$expected], $key->identifierHashes([$identifier]));
    }

    public static function rejectedCases(): iterable
    {
        foreach (Support::vectors()['rejected'] as $case) {
            yield $case['name'] => [hex2bin($case['secret_hex']), hex2bin($case['identifier_hex']), $case['status'], $case['code']];
        }
    }

    /** @dataProvider rejectedCases */
    public function testRejected(string $secret, string $identifier, string $status, int $code): void
    {
        $class = self::EXCEPTIONS[$status];
        $this->assertThrows($class, $code, static fn () => IdentityHash::identifierHash($secret, $identifier));
        self::assertFalse(IdentityHash::verify($secret, $identifier, hash_hmac('sha256', $identifier, $secret)));
        if ($status === 'EMPTY_IDENTIFIER') {
            $key = new IdentityKey($secret);
            $this->assertThrows($class, $code, static fn () => $key->identifierHash($identifier));
            $this->assertThrows($class, $code, static fn () => $key->identifierHashes([$identifier]));
            self::assertFalse($key->verify($identifier, hash_hmac('sha256', $identifier, $secret)));
        } else {
            $this->assertThrows($class, $code, static fn () => new IdentityKey($secret));
        }
    }

    public static function verifyCases(): iterable
    {
        foreach (Support::vectors()['verify'] as $case) {
            yield $case['name'] => [hex2bin($case['secret_hex']), hex2bin($case['identifier_hex']), $case['identifier_hash'], $case['valid']];
        }
    }

    /** @dataProvider verifyCases */
    public function testVerify(string $secret, string $identifier, string $hash, bool $valid): void
    {
        self::assertSame($valid, IdentityHash::verify($secret, $identifier, $hash));
        try {
            $key = new IdentityKey($secret);
        } catch (Exception\IdentityException) {
            self::assertFalse($valid, 'a secret the library rejects can never verify');

            return;
        }
        self::assertSame($valid, $key->verify($identifier, $hash));
    }

    public function testStatusCodesMatchTheVectors(): void
    {
        foreach (Support::vectors()['statuses'] as $name => $code) {
            self::assertSame($code, \constant(Status::class . '::' . $name), $name);
        }
        self::assertCount(9, Support::vectors()['statuses']); // OK to INTERNAL_ERROR, and SECRET_INVISIBLE
        // Every status of the generated table has a constant and its own exception class.
        $classes = [];
        foreach (Abi::STATUSES as $name => $code) {
            self::assertSame($code, \constant(Status::class . '::' . strtoupper($name)), $name);
            if ($code === Status::OK) {
                continue;
            }
            $e = Status::exception($code);
            self::assertInstanceOf(self::EXCEPTIONS[strtoupper($name)], $e, $name);
            self::assertSame($code, $e->getStatus());
            self::assertSame(Library::ffi()->cw_status_message($code), $e->getMessage());
            $classes[] = $e::class;
        }
        self::assertCount(\count(Abi::STATUSES) - 1, array_unique($classes));
        self::assertSame(Exception\IdentityException::class, Status::exception(-99)::class, 'an unknown status gets the base class');
    }

    /** @param class-string<Exception\IdentityException> $class */
    private function assertThrows(string $class, int $code, callable $call): void
    {
        try {
            $call();
        } catch (Exception\IdentityException $e) {
            self::assertInstanceOf($class, $e);
            self::assertInstanceOf(\InvalidArgumentException::class, $e);
            self::assertInstanceOf(Exception\ExceptionInterface::class, $e);
            self::assertSame($code, $e->getStatus());
            self::assertSame($code, $e->getCode());
            self::assertStringStartsWith(Status::message($code), $e->getMessage(), 'the library\'s own message');

            return;
        }
        self::fail("expected $class");
    }
}
