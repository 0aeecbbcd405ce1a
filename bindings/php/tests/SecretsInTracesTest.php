<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\IdentityHash;
use ChatwootIdentity\IdentityKey;
use PHPUnit\Framework\TestCase;

/** A secret whose __toString throws: the object holds the secret, the exception must not show it. */
final class ThrowingSecret implements \Stringable
{
    public function __construct(private readonly string $secret)
    {
    }

    public function __toString(): string
    {
        throw new \RuntimeException('the secret store is unreachable');
    }

    public function secret(): string
    {
        return $this->secret;
    }
}

/**
 * Every error raised with a secret in hand, with zend.exception_ignore_args=0 (PHP's default
 * without a php.ini, and common in development): neither the message, the string form, the
 * trace string nor any argument of any frame of the exception or its previous ones holds it.
 */
final class SecretsInTracesTest extends TestCase
{
    private const CANARY = 'cw-canary-secret-5f1d0c';

    private string|false $ignoreArgs = false;

    protected function setUp(): void
    {
        $this->ignoreArgs = ini_set('zend.exception_ignore_args', '0');
    }

    protected function tearDown(): void
    {
        if ($this->ignoreArgs !== false) {
            ini_set('zend.exception_ignore_args', $this->ignoreArgs);
        }
    }

    /** @return iterable<string, array{0: \Closure(): mixed}> each raises an error with the canary in hand */
    public static function errors(): iterable
    {
        $c = self::CANARY;
        $hash = Support::HASH;
        yield 'identifierHash: secret with whitespace' => [static fn () => IdentityHash::identifierHash(" $c", 'user-1')];
        yield 'identifierHash: empty identifier' => [static fn () => IdentityHash::identifierHash($c, '')];
        yield 'identifierHash: float identifier' => [static fn () => IdentityHash::identifierHash($c, 1.5)];
        yield 'identifierHash: throwing Stringable secret' => [static fn () => IdentityHash::identifierHash(new ThrowingSecret($c), 'user-1')];
        yield 'identifierHash: throwing Stringable identifier' => [static fn () => IdentityHash::identifierHash($c, new ThrowingSecret('x'))];
        yield 'verify: throwing Stringable secret' => [static fn () => IdentityHash::verify(new ThrowingSecret($c), 'user-1', $hash)];
        yield 'verify: throwing Stringable hash' => [static fn () => IdentityHash::verify($c, 'user-1', new ThrowingSecret('x'))];
        yield 'new IdentityKey: whitespace' => [static fn () => new IdentityKey("$c\n")];
        yield 'new IdentityKey: throwing Stringable' => [static fn () => new IdentityKey(new ThrowingSecret($c))];
        yield 'new IdentityKey: array' => [static fn () => new IdentityKey([$c])];
        yield 'explain: empty identifier' => [static fn () => IdentityHash::explain($c, '', $hash)];
        yield 'explain: throwing Stringable secret' => [static fn () => IdentityHash::explain(new ThrowingSecret($c), 'user-1', $hash)];
        yield 'explain: other secret of a wrong type' => [static fn () => IdentityHash::explain('s', 'user-1', $hash, [$c, 1.5])];
        yield 'explain: throwing Stringable other secret' => [static fn () => IdentityHash::explain('s', 'user-1', $hash, [$c, new ThrowingSecret($c)])];
        yield 'explain: other secrets generator that throws' => [static fn () => IdentityHash::explain('s', 'user-1', $hash, (static function () use ($c) {
            yield $c;
            throw new \RuntimeException('the generator failed');
        })())];
        yield 'explain: bad other identifier after other secrets' => [static fn () => IdentityHash::explain('s', 'user-1', $hash, [$c], ['u', null])];
        yield 'explain: empty secret with other secrets' => [static fn () => IdentityHash::explain('', 'user-1', $hash, [$c])];
        yield 'widget Inbox: HMAC token with whitespace' => [static fn () => new \ChatwootIdentity\Widget\Inbox('https://chat.test', 'tok', "$c ")];
        yield 'widget Inbox: no website token' => [static fn () => new \ChatwootIdentity\Widget\Inbox('https://chat.test', '', $c)];
        yield 'setUserScript: bad nonce on a key of the secret' => [static fn () => (new IdentityKey($c))->setUserScript('user-1', ['name' => 'A'], true)];
        yield 'setUserScript: unknown field' => [static fn () => (new IdentityKey($c))->setUserScript('user-1', ['nam' => 'A'])];
    }

    /** @dataProvider errors */
    public function testNoErrorShowsTheSecret(\Closure $raise): void
    {
        try {
            $raise();
            self::fail('no error was raised');
        } catch (\Throwable $e) {
            for ($t = $e; $t !== null; $t = $t->getPrevious()) {
                foreach (['message' => $t->getMessage(), 'string' => (string) $t, 'trace string' => $t->getTraceAsString()] as $what => $text) {
                    self::assertStringNotContainsString(self::CANARY, $text, $what . ' of ' . $t::class);
                }
                self::assertFalse(self::holds($t->getTrace(), []), 'a trace argument of ' . $t::class . ' holds the secret');
            }
            // the search does find the canary where it is (the arguments are really recorded)
            self::assertTrue(self::holds([new ThrowingSecret(self::CANARY)], []));
        }
    }

    public function testTheSearchSeesArgumentsWhenTheyAreNotHidden(): void
    {
        $leak = static function (string $secret): never {
            throw new \RuntimeException('x');
        };
        try {
            $leak(self::CANARY);
        } catch (\RuntimeException $e) {
            self::assertTrue(self::holds($e->getTrace(), []), 'zend.exception_ignore_args=0 records arguments');
        }
    }

    /**
     * Whether a value holds the canary anywhere: strings, arrays, object properties (private
     * ones too), but not inside a \SensitiveParameterValue, which is how PHP hides an argument.
     *
     * @param array<int, true> $seen objects already walked
     */
    private static function holds(mixed $value, array $seen): bool
    {
        if (\is_string($value)) {
            return str_contains($value, self::CANARY);
        }
        if (\is_array($value)) {
            foreach ($value as $k => $v) {
                if (self::holds((string) $k, $seen) || self::holds($v, $seen)) {
                    return true;
                }
            }

            return false;
        }
        if (\is_object($value) && !$value instanceof \SensitiveParameterValue && !$value instanceof \Closure && !isset($seen[spl_object_id($value)])) {
            $seen[spl_object_id($value)] = true;
            if ($value instanceof \Generator) {
                return false; // its yielded values are gone with it
            }

            return self::holds((array) $value, $seen);
        }

        return false;
    }
}
