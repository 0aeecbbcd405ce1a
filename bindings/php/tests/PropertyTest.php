<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Exception\EmptyIdentifierException;
use ChatwootIdentity\Exception\EmptySecretException;
use ChatwootIdentity\Exception\InvalidFieldValueException;
use ChatwootIdentity\Exception\InvalidIdentifierException;
use ChatwootIdentity\Exception\MissingContactFieldException;
use ChatwootIdentity\Exception\KeyClosedException;
use ChatwootIdentity\Exception\SecretInvisibleException;
use ChatwootIdentity\Exception\SecretWhitespaceException;
use ChatwootIdentity\IdentityHash;
use ChatwootIdentity\IdentityKey;
use PHPUnit\Framework\AssertionFailedError;
use PHPUnit\Framework\TestCase;

/**
 * Seeded random values through every entry point, compared with hash_hmac. The seed is fixed
 * (CHATWOOT_IDENTITY_SEED overrides it) and named in every failure; the length of the run is
 * FUZZ_EXAMPLES examples or, when set, FUZZ_SECONDS seconds (`make fuzz`).
 */
final class PropertyTest extends TestCase
{
    private const DEFAULT_SEED = 20261202;
    private const DEFAULT_EXAMPLES = 1000;

    public function testRandomValuesAgreeWithHashHmac(): void
    {
        $seed = (int) (getenv('CHATWOOT_IDENTITY_SEED') ?: self::DEFAULT_SEED);
        $examples = (int) (getenv('FUZZ_EXAMPLES') ?: self::DEFAULT_EXAMPLES);
        $seconds = (float) (getenv('FUZZ_SECONDS') ?: 0);
        $random = new Random($seed);
        $deadline = microtime(true) + $seconds;
        $done = 0;
        while ($seconds > 0 ? microtime(true) < $deadline : $done < $examples) {
            try {
                $this->example($random);
            } catch (AssertionFailedError | \Throwable $e) {
                throw new AssertionFailedError(sprintf(
                    "example %d of seed %d failed (reproduce: CHATWOOT_IDENTITY_SEED=%d FUZZ_EXAMPLES=%d make test-unit): %s: %s\n%s",
                    $done,
                    $seed,
                    $seed,
                    $done + 1,
                    $e::class,
                    $e->getMessage(),
                    $e->getTraceAsString()
                ));
            }
            ++$done;
        }
        if ($seconds > 0) {
            fwrite(STDERR, sprintf("PropertyTest: %d examples of seed %d in %.0f s\n", $done, $seed, $seconds));
        }
        self::assertGreaterThan(0, $done);
    }

    private function example(Random $random): void
    {
        $secret = $random->secret();
        $secretError = match (true) {
            $secret === '' => EmptySecretException::class,
            Hostile::hasSurroundingSpace($secret) => SecretWhitespaceException::class,
            Hostile::hasInvisibleEdge($secret) => SecretInvisibleException::class,
            default => null,
        };
        [$identifier, $expectedBytes] = $random->identifier();
        $this->oneShot($secret, $secretError, $identifier, $expectedBytes, $random);
        if ($secretError !== null) {
            $this->expectThrow($secretError, static fn () => new IdentityKey($secret));

            return;
        }
        $key = new IdentityKey($secret);
        [$identifier, $expectedBytes] = $random->identifier();
        $this->keyed($key, $secret, $identifier, $expectedBytes, $random);
        $this->batch($key, $secret, $random);
        $this->render($key, $secret, $random);
        $this->closeMidCall($secret, $random);
    }

    private function oneShot(string $secret, ?string $secretError, mixed $identifier, ?string $bytes, Random $random): void
    {
        $good = $secretError === null && $bytes !== null && $bytes !== '';
        $expected = $good ? hash_hmac('sha256', $bytes, $secret) : null;
        $call = static fn () => IdentityHash::identifierHash($secret, $identifier);
        if ($bytes === null) {
            $this->expectThrow(\TypeError::class, $call);
        } elseif ($secretError !== null) {
            $this->expectThrow($secretError, $call);
        } elseif ($bytes === '') {
            $this->expectThrow(EmptyIdentifierException::class, $call);
        } else {
            self::assertSame($expected, $call());
        }
        $identifier = $random->again($identifier);
        $hash = $expected ?? hash_hmac('sha256', (string) $bytes, $secret);
        self::assertSame($good, IdentityHash::verify($secret, $identifier, $hash));
        self::assertFalse(IdentityHash::verify($secret, $random->again($identifier), $random->corrupt($hash)));
    }

    private function keyed(IdentityKey $key, string $secret, mixed $identifier, ?string $bytes, Random $random): void
    {
        if ($bytes === null) {
            $this->expectThrow(\TypeError::class, static fn () => $key->identifierHash($identifier));
            self::assertFalse($key->verify($random->again($identifier), hash_hmac('sha256', '', $secret)));

            return;
        }
        $expected = hash_hmac('sha256', $bytes, $secret);
        if ($bytes === '') {
            $this->expectThrow(EmptyIdentifierException::class, static fn () => $key->identifierHash($identifier));
            self::assertFalse($key->verify($random->again($identifier), $expected));

            return;
        }
        self::assertSame($expected, $key->identifierHash($identifier));
        self::assertTrue($key->verify($random->again($identifier), $expected));
        self::assertFalse($key->verify($random->again($identifier), $random->corrupt($expected)));
        self::assertTrue(IdentityHash::explain($secret, $random->again($identifier), $expected)->isMatch());
    }

    /** The render calls: the payload parses back to the same identifier, hash and name; the script never holds a `<`. */
    private function render(IdentityKey $key, string $secret, Random $random): void
    {
        [$identifier, $bytes] = $random->identifier();
        $name = $random->text();
        $fields = ['name' => $name] + ($random->int(0, 3) === 0 ? ['email' => 'a@example.com'] : []);
        $error = match (true) {
            $bytes === null => \TypeError::class,
            $bytes === '' => EmptyIdentifierException::class,
            preg_match('//u', $bytes) !== 1 => InvalidIdentifierException::class,
            preg_match('//u', $name) !== 1 => InvalidFieldValueException::class,
            $name === '' && !isset($fields['email']) => MissingContactFieldException::class,
            default => null,
        };
        $script = $random->int(0, 1) === 1;
        $call = $script
            ? static fn () => $key->setUserScript($identifier, $fields, $random->int(0, 1) === 1 ? 'bm9uY2U-_' : null)
            : static fn () => $key->setUserPayload($identifier, $fields);
        if ($error !== null) {
            $this->expectThrow($error, $call);

            return;
        }
        $out = $call();
        if ($script) {
            self::assertStringNotContainsString('<', substr($out, strpos($out, '>') + 1, -\strlen('</script>')));
            self::assertStringNotContainsString("\u{2028}", $out);

            return;
        }
        $payload = json_decode($out, true, 512, JSON_THROW_ON_ERROR);
        self::assertSame($bytes, $payload['identifier']);
        self::assertSame(hash_hmac('sha256', $bytes, $secret), $payload['identifier_hash']);
        self::assertSame($name, $payload['name']);
    }

    private function batch(IdentityKey $key, string $secret, Random $random): void
    {
        [$input, $expected, $error] = $random->batch($secret);
        $call = static fn () => $key->identifierHashes($input);
        if ($error !== null) {
            $e = $this->expectThrow($error[0], $call);
            if ($e instanceof EmptyIdentifierException) {
                self::assertSame($error[1], $e->getIndex());
            }

            return;
        }
        self::assertSame($expected, $call());
    }

    /** A Stringable or generator that closes the key while the call reads it: KeyClosedException, never a hash. */
    private function closeMidCall(string $secret, Random $random): void
    {
        $key = new IdentityKey($secret);
        $close = static function () use ($key): void {
            $key->close();
            new IdentityKey('attacker-secret');
        };
        $call = match ($random->int(0, 2)) {
            0 => static fn () => $key->identifierHash(new OnRead('user-' . $random->int(1, 99), $close)),
            1 => static fn () => $key->identifierHashes((static function () use ($close) {
                yield 'user-1';
                $close();
                yield 'user-2';
            })()),
            2 => static fn () => $key->identifierHashes(['user-1', new OnRead('user-2', $close)]),
        };
        $this->expectThrow(KeyClosedException::class, $call);
    }

    /** @param class-string<\Throwable> $class */
    private function expectThrow(string $class, \Closure $call): \Throwable
    {
        try {
            $result = $call();
        } catch (\Throwable $e) {
            self::assertInstanceOf($class, $e, $e->getMessage());

            return $e;
        }
        self::fail("expected $class, got " . var_export($result, true));
    }
}
