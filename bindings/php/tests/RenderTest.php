<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Exception;
use ChatwootIdentity\IdentityHash;
use ChatwootIdentity\IdentityKey;
use ChatwootIdentity\Library;
use PHPUnit\Framework\TestCase;

/** setUserScript(), setUserPayload() and resetScript(): hostile users, every bad input class, closed keys. */
final class RenderTest extends TestCase
{
    private const BREAKOUT = '</script><script>window.__pwned=1</script>';

    /** The users of the browser test: identifier, name, email. */
    public static function hostileUsers(): iterable
    {
        yield 'script breakout' => [self::BREAKOUT, self::BREAKOUT, 'pwned@example.com'];
        yield 'quotes, & and <b>' => ["O'Brien \"&\" <b>co</b>", "O'Brien & \"Sons\" <b>", "o'brien+x&y@example.com"];
        yield 'U+2028 and U+2029' => ["line\u{2028}sep\u{2029}para", "Jane\u{2028}Doe\u{2029}", 'jane@example.com'];
        yield 'non-BMP' => ["user-\u{1F600}-\u{10FFFF}-\u{1D11E}", "\u{1F469}\u{200D}\u{1F4BB} \u{1F600}", 'emoji@example.com'];
        yield 'integer above 2^53' => [9007199254740993, 'Big Number', 'big@example.com'];
        yield 'plain' => ['user-42', 'Jane Doe', 'jane@example.com'];
    }

    /** @dataProvider hostileUsers */
    public function testThePayloadRoundTripsThroughPhpsJsonParser(string|int $identifier, string $name, string $email): void
    {
        $key = new IdentityKey(Support::SECRET);
        $fields = ['name' => $name, 'email' => $email, 'custom_attributes' => ['plan' => 'pro', 'seats' => 3, 'ratio' => 1.5, 'trial' => false]];
        $payload = $key->setUserPayload($identifier, $fields);
        $decoded = json_decode($payload, true, 512, JSON_THROW_ON_ERROR);
        self::assertSame((string) $identifier, $decoded['identifier'], 'the identifier comes back as the exact string');
        self::assertSame(hash_hmac('sha256', (string) $identifier, Support::SECRET), $decoded['identifier_hash']);
        self::assertSame($name, $decoded['name']);
        self::assertSame($email, $decoded['email']);
        $expected = $fields['custom_attributes'];
        ksort($expected);
        ksort($decoded['custom_attributes']);
        self::assertSame($expected, $decoded['custom_attributes'], 'the same values and types (the library may reorder the keys)');
        self::assertSame(['identifier', 'identifier_hash', 'name', 'email', 'custom_attributes'], array_keys($decoded));
        self::assertSafeInHtml($payload);
    }

    /** @dataProvider hostileUsers */
    public function testTheScriptCarriesTheSameValuesAndCannotBeBrokenOutOf(string|int $identifier, string $name, string $email): void
    {
        $key = new IdentityKey(Support::SECRET);
        $script = $key->setUserScript($identifier, ['name' => $name, 'email' => $email]);
        self::assertStringStartsWith('<script>', $script);
        self::assertStringEndsWith('</script>', $script);
        $body = substr($script, \strlen('<script>'), -\strlen('</script>'));
        // The code itself uses `&&`; only a `<` could end the script or open a comment.
        self::assertStringNotContainsString('<', $body);
        self::assertStringNotContainsString("\u{2028}", $body);
        self::assertStringNotContainsString("\u{2029}", $body);
        self::assertStringContainsString('window', $script);
        self::assertStringContainsString('setUser(identifier, user)', $script);
        self::assertSame(1, preg_match('/var identifier = ("(?:[^"\\\\]|\\\\.)*"), user = (\{.*?\});/', $body, $m), $body);
        self::assertSafeInHtml($m[1] . $m[2]);
        self::assertSame((string) $identifier, json_decode($m[1], false, 512, JSON_THROW_ON_ERROR), 'a JSON string, never a number');
        $user = json_decode($m[2], true, 512, JSON_THROW_ON_ERROR);
        self::assertSame(['identifier_hash' => IdentityHash::identifierHash(Support::SECRET, $identifier), 'name' => $name, 'email' => $email], $user);
    }

    public function testANonceGoesOnTheScriptTag(): void
    {
        $key = new IdentityKey(Support::SECRET);
        foreach (['abc123==', 'r4nd0m-_Nonce', 'a+b/c='] as $nonce) {
            self::assertStringStartsWith("<script nonce=\"$nonce\">", $key->setUserScript('user-42', ['email' => 'a@example.com'], $nonce));
            self::assertStringStartsWith("<script nonce=\"$nonce\">", IdentityKey::resetScript($nonce));
            self::assertStringStartsWith("<script nonce=\"$nonce\">", $key->resetScript(nonce: $nonce));
        }
        self::assertStringStartsWith('<script>', IdentityKey::resetScript());
        self::assertStringStartsWith('<script>', IdentityKey::resetScript(''), 'an empty nonce is no nonce, as in the C API');
        self::assertStringContainsString('$chatwoot.reset()', IdentityKey::resetScript());
    }

    public function testABigUserTakesTheSecondCallWithTheSizeTheLibraryAsked(): void
    {
        $key = new IdentityKey(Support::SECRET);
        $description = str_repeat("<&'\u{2028}", 5000);
        $payload = json_decode($key->setUserPayload('big', ['name' => 'n', 'description' => $description]), true, 512, JSON_THROW_ON_ERROR);
        self::assertSame($description, $payload['description']);
        self::assertGreaterThan(20000, \strlen($key->setUserScript('big', ['name' => 'n', 'description' => $description])));
    }

    public function testNullFieldsAreNotSetAndTheFieldsMayBeAnyStringableFreeMap(): void
    {
        $key = new IdentityKey(Support::SECRET);
        $payload = json_decode($key->setUserPayload(7, ['name' => 'Jane', 'email' => null, 'custom_attributes' => []]), true, 512, JSON_THROW_ON_ERROR);
        self::assertSame('7', $payload['identifier']);
        self::assertSame('Jane', $payload['name']);
        self::assertArrayNotHasKey('email', $payload);
    }

    public function testCustomAttributesWithIntegerLikeKeysStayAMap(): void
    {
        $key = new IdentityKey(Support::SECRET);
        foreach ([['0' => 'x'], [0 => 'a', 1 => 'b'], ['7' => true, 'plan' => 'pro']] as $attributes) {
            $payload = $key->setUserPayload('user-1', ['name' => 'Jane', 'custom_attributes' => $attributes]);
            $decoded = json_decode($payload, false, 512, JSON_THROW_ON_ERROR);
            self::assertInstanceOf(\stdClass::class, $decoded->custom_attributes, $payload);
            self::assertEquals((object) $attributes, $decoded->custom_attributes);
            $script = $key->setUserScript('user-1', ['name' => 'Jane', 'custom_attributes' => $attributes]);
            self::assertStringContainsString('"custom_attributes":{', $script);
        }
    }

    public function testEveryBadInputClassHasItsError(): void
    {
        $key = new IdentityKey(Support::SECRET);
        $user = ['name' => 'Jane'];
        $cases = [
            [\TypeError::class, static fn () => $key->setUserScript(1.5, $user)],
            [\TypeError::class, static fn () => $key->setUserScript(true, $user)],
            [\TypeError::class, static fn () => $key->setUserPayload(null, $user)],
            [\TypeError::class, static fn () => $key->setUserPayload(['id'], $user)],
            [Exception\EmptyIdentifierException::class, static fn () => $key->setUserScript('', $user)],
            [Exception\InvalidIdentifierException::class, static fn () => $key->setUserScript("caf\xe9", $user)],
            [Exception\InvalidIdentifierException::class, static fn () => $key->setUserPayload("\xed\xa0\x80", $user)], // a lone surrogate in CESU form
            [Exception\InvalidFieldValueException::class, static fn () => $key->setUserScript('id', ['name' => "caf\xe9"])],
            [Exception\InvalidFieldValueException::class, static fn () => $key->setUserScript('id', ['name' => 'n', 'custom_attributes' => ['x' => INF]])],
            [Exception\InvalidFieldValueException::class, static fn () => $key->setUserScript('id', ['name' => 42])],
            [Exception\InvalidFieldValueException::class, static fn () => $key->setUserScript('id', ['name' => 'n', 'custom_attributes' => ['x' => ['nested']]])],
            [Exception\InvalidFieldValueException::class, static fn () => $key->setUserScript('id', ['name' => 'n', 'custom_attributes' => 'plan'])],
            [Exception\UnknownFieldException::class, static fn () => $key->setUserScript('id', ['name' => 'n', 'identifier_hash' => 'forged'])],
            [Exception\UnknownFieldException::class, static fn () => $key->setUserScript('id', ['Name' => 'n'])],
            [Exception\UnknownFieldException::class, static fn () => $key->setUserPayload('id', ['Jane'])],
            [Exception\MissingContactFieldException::class, static fn () => $key->setUserScript('id')],
            [Exception\MissingContactFieldException::class, static fn () => $key->setUserScript('id', ['name' => '', 'city' => 'Oslo'])],
            [Exception\InvalidNonceException::class, static fn () => $key->setUserScript('id', $user, '"><script>')],
            [Exception\InvalidNonceException::class, static fn () => IdentityKey::resetScript('a b')],
        ];
        foreach ($cases as $i => [$class, $call]) {
            try {
                $call();
                self::fail("case $i: expected $class");
            } catch (\Throwable $e) {
                self::assertInstanceOf($class, $e, "case $i: " . $e->getMessage());
                if ($e instanceof Exception\IdentityException) {
                    self::assertStringStartsWith(Library::ffi()->cw_status_message($e->getStatus()), $e->getMessage(), 'the library\'s message');
                    self::assertStringNotContainsString(Support::SECRET, $e->getMessage());
                }
            }
        }
    }

    public function testAClosedKeyIsKeyClosed(): void
    {
        $key = new IdentityKey(Support::SECRET);
        $key->close();
        foreach ([static fn () => $key->setUserScript('id', ['name' => 'n']), static fn () => $key->setUserPayload('id', ['name' => 'n'])] as $call) {
            try {
                $call();
                self::fail('expected KeyClosedException');
            } catch (Exception\KeyClosedException $e) {
                self::assertSame('this IdentityKey is closed', $e->getMessage());
            }
        }
        self::assertStringContainsString('reset()', $key->resetScript(), 'reset needs no key');
    }

    public function testUserCodeThatClosesTheKeyRunsBeforeTheKeyIsTaken(): void
    {
        foreach (['identifier', 'field'] as $where) {
            $key = new IdentityKey(Support::SECRET);
            $closer = new OnRead('user-42', static fn () => $key->close());
            $closingField = new class ($key) implements \JsonSerializable {
                public function __construct(private readonly IdentityKey $key)
                {
                }

                public function jsonSerialize(): mixed
                {
                    $this->key->close();

                    return 'Jane';
                }
            };
            try {
                $where === 'identifier' ? $key->setUserPayload($closer, ['name' => 'Jane']) : $key->setUserPayload('user-42', ['name' => $closingField]);
                self::fail("$where: expected KeyClosedException");
            } catch (Exception\KeyClosedException) {
                self::assertTrue($key->isClosed());
            }
        }
    }

    public function testAStringableIdentifierIsReadOnce(): void
    {
        $key = new IdentityKey(Support::SECRET);
        $flipping = new FlippingStringable(['first', 'second']);
        $payload = json_decode($key->setUserPayload($flipping, ['name' => 'n']), true, 512, JSON_THROW_ON_ERROR);
        self::assertSame('first', $payload['identifier']);
        self::assertSame(hash_hmac('sha256', 'first', Support::SECRET), $payload['identifier_hash']);
        self::assertSame(1, $flipping->reads);
    }

    private static function assertSafeInHtml(string $text): void
    {
        self::assertStringNotContainsStringIgnoringCase('</script', $text);
        self::assertStringNotContainsString('<', $text);
        self::assertStringNotContainsString('>', $text);
        self::assertStringNotContainsString('&', $text);
        self::assertStringNotContainsString("'", $text);
        self::assertStringNotContainsString("\u{2028}", $text);
        self::assertStringNotContainsString("\u{2029}", $text);
    }
}
