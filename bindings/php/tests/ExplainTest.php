<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Explanation;
use ChatwootIdentity\IdentityHash;
use ChatwootIdentity\Library;
use ChatwootIdentity\Verdict;
use PHPUnit\Framework\TestCase;

/** IdentityHash::explain() on every explain case of tests/vectors.json, and the Verdict enum. */
final class ExplainTest extends TestCase
{
    public static function explainCases(): iterable
    {
        foreach (Support::vectors()['explain'] as $case) {
            yield $case['name'] => [hex2bin($case['secret_hex']), hex2bin($case['identifier_hex']), hex2bin($case['hash_hex']), $case['verdict'], $case['code']];
        }
    }

    /** @dataProvider explainCases */
    public function testExplain(string $secret, string $identifier, string $hash, string $name, int $code): void
    {
        $explanation = IdentityHash::explain($secret, $identifier, $hash);
        self::assertSame(Verdict::from($name), $explanation->verdict);
        self::assertSame($code, $explanation->code);
        self::assertSame($code, $explanation->verdict->code());
        self::assertSame(Library::ffi()->cw_verdict_message($code), $explanation->message);
        self::assertSame($explanation->verdict->message(), $explanation->message);
        self::assertSame($name === 'match', $explanation->isMatch());
        self::assertSame($name === 'match', $explanation->verdict->isMatch());
        // explain is a debugging aid; it must never contradict the production check.
        self::assertSame($explanation->isMatch(), IdentityHash::verify($secret, $identifier, $hash));
    }

    public function testTheVerdictsTableIsPinned(): void
    {
        $verdicts = Support::vectors()['verdicts'];
        self::assertCount(18, $verdicts);
        foreach ($verdicts as $name => $code) {
            $verdict = Verdict::from($name);
            self::assertSame($code, $verdict->code(), $name);
            self::assertSame($verdict, Verdict::fromCode($code), $name);
            self::assertSame($name, Library::ffi()->cw_verdict_name($code), 'the library names it the same');
        }
        // Every case but Unknown is in the table: nothing invented, nothing missing.
        $cases = array_map(static fn (Verdict $v) => $v->value, Verdict::cases());
        self::assertSame(array_merge(array_keys($verdicts), ['unknown']), $cases);
        self::assertNull(Verdict::Unknown->code());
    }

    public function testAnUnknownCodeFromANewerLibraryIsUnknownNotACrash(): void
    {
        foreach ([14, 99, -5, 2147483647] as $code) {
            self::assertSame(Verdict::Unknown, Verdict::fromCode($code));
            $explanation = Explanation::fromCode($code);
            self::assertSame(Verdict::Unknown, $explanation->verdict);
            self::assertSame($code, $explanation->code, 'the raw code is kept');
            self::assertSame('unknown cw_verdict value', $explanation->message);
            self::assertFalse($explanation->isMatch());
        }
        self::assertSame('unknown', Library::ffi()->cw_verdict_name(14));
        self::assertSame('unknown cw_verdict value', Verdict::Unknown->message());
    }

    public function testTheDocumentedExample(): void
    {
        $explanation = IdentityHash::explain(Support::SECRET, Support::IDENTIFIER, strtoupper(Support::HASH));
        self::assertSame(Verdict::UppercaseHex, $explanation->verdict);
        self::assertSame('uppercase_hex', $explanation->verdict->value);
        self::assertStringContainsString('lowercase', $explanation->message);
        self::assertSame('uppercase_hex: ' . $explanation->message, (string) $explanation);
        self::assertTrue(IdentityHash::explain(Support::SECRET, Support::IDENTIFIER, Support::HASH)->isMatch());
    }

    public function testIntIdentifiersAndRawDigests(): void
    {
        // An int identifier is explained as its decimal string, like identifierHash().
        $hash = hash_hmac('sha256', '42', Support::SECRET);
        self::assertSame(Verdict::Match, IdentityHash::explain(Support::SECRET, 42, $hash)->verdict);
        // The hash may be bytes: PHP's raw digest (hash_hmac(..., true)) is recognised.
        $raw = hash_hmac('sha256', Support::IDENTIFIER, Support::SECRET, true);
        self::assertSame(Verdict::RawDigest, IdentityHash::explain(Support::SECRET, Support::IDENTIFIER, $raw)->verdict);
    }

    public function testBadInputIsAVerdictNeverAnException(): void
    {
        self::assertSame(Verdict::InvalidSecret, IdentityHash::explain('', Support::IDENTIFIER, Support::HASH)->verdict);
        self::assertSame(Verdict::InvalidSecret, IdentityHash::explain(" \n", Support::IDENTIFIER, Support::HASH)->verdict);
        self::assertSame(Verdict::SecretWhitespace, IdentityHash::explain(Support::SECRET . "\n", Support::IDENTIFIER, Support::HASH)->verdict);
        self::assertSame(Verdict::EmptyIdentifier, IdentityHash::explain(Support::SECRET, '', Support::HASH)->verdict);
        self::assertSame(Verdict::NotHex, IdentityHash::explain(Support::SECRET, Support::IDENTIFIER, '')->verdict);
    }

    public function testAnExplanationNeverShowsTheSecret(): void
    {
        $secret = 'do-not-print-this-secret-7a21';
        $explanation = IdentityHash::explain($secret, 'someone', strtoupper(hash_hmac('sha256', 'someone', $secret)));
        self::assertSame(Verdict::UppercaseHex, $explanation->verdict);
        $dumps = print_r($explanation, true) . var_export($explanation, true) . json_encode($explanation) . $explanation;
        self::assertStringNotContainsString($secret, $dumps);
    }
}
