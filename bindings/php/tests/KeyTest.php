<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Exception\KeyClosedException;
use ChatwootIdentity\IdentityHash;
use ChatwootIdentity\IdentityKey;
use PHPUnit\Framework\TestCase;

/** The secret never leaks from a key or an exception, and a key's native memory is owned once. */
final class KeyTest extends TestCase
{
    private const SECRET = 'do-not-print-this-secret-1f4c';

    public function testDumpsNeverShowTheSecret(): void
    {
        $key = new IdentityKey(self::SECRET);
        ob_start();
        var_dump($key);
        print_r($key);
        var_export($key);
        $dumps = ob_get_clean() . json_encode($key) . print_r((array) $key, true) . serialize(get_object_vars($key));
        self::assertStringNotContainsString(self::SECRET, $dumps);
        self::assertStringNotContainsString(bin2hex(self::SECRET), $dumps);
        self::assertStringContainsString('[redacted]', $dumps);
    }

    public function testExceptionsAndTracesNeverShowTheSecret(): void
    {
        $previous = ini_set('zend.exception_ignore_args', '0'); // keep call arguments in traces
        try {
            // [call, whether the secret is an argument of a frame in the trace]
            foreach ([
                [static fn () => IdentityHash::identifierHash(self::SECRET, ''), true],
                [static fn () => IdentityHash::identifierHash(self::SECRET . "\n", 'id'), true],
                [static fn () => new IdentityKey(self::SECRET . ' '), true],
                [static fn () => (new IdentityKey(self::SECRET))->identifierHashes(['a', '']), false],
            ] as $i => [$call, $secretInTrace]) {
                try {
                    $call();
                    self::fail("case $i: expected an exception");
                } catch (\InvalidArgumentException $e) {
                    $text = $e->getMessage() . $e->getTraceAsString() . $e . var_export($e->getTrace(), true);
                    self::assertFalse(str_contains($text, self::SECRET), "case $i: the secret is in the exception or its trace");
                    if ($secretInTrace) {
                        self::assertTrue(str_contains($text, 'SensitiveParameterValue'), "case $i: the secret argument was not redacted");
                    }
                }
            }
        } finally {
            ini_set('zend.exception_ignore_args', (string) $previous);
        }
    }

    public function testAKeyCannotBeClonedOrSerialized(): void
    {
        $key = new IdentityKey(self::SECRET);
        try {
            $copy = clone $key; // would free the native key twice
            self::fail('a key was cloned');
        } catch (\Error $e) {
            self::assertStringContainsString('__clone', $e->getMessage());
        }
        $this->expectException(\LogicException::class);
        serialize($key);
    }

    public function testAFreedKeyFailsClosed(): void
    {
        $key = new IdentityKey(self::SECRET);
        $hash = $key->identifierHash('id');
        $key->__destruct();
        $key->__destruct(); // a second call does nothing
        self::assertFalse($key->verify('id', $hash));
        $this->expectException(KeyClosedException::class);
        $key->identifierHash('id');
    }
}
