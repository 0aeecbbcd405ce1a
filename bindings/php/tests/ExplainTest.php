<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Abi;
use ChatwootIdentity\CandidateKind;
use ChatwootIdentity\Exception;
use ChatwootIdentity\Explanation;
use ChatwootIdentity\IdentityHash;
use ChatwootIdentity\IdentityKey;
use ChatwootIdentity\Library;
use ChatwootIdentity\Verdict;
use PHPUnit\Framework\TestCase;

/** IdentityHash::explain() on every explain case of tests/vectors.json, and the Verdict enum. */
final class ExplainTest extends TestCase
{
    private const REJECTED = [
        'EMPTY_SECRET' => Exception\EmptySecretException::class,
        'EMPTY_IDENTIFIER' => Exception\EmptyIdentifierException::class,
    ];

    public static function explainCases(): iterable
    {
        foreach (Support::vectors()['explain'] as $case) {
            yield $case['name'] => [
                hex2bin($case['secret_hex']),
                hex2bin($case['identifier_hex']),
                hex2bin($case['hash_hex']),
                array_map('hex2bin', $case['other_secrets_hex'] ?? []),
                array_map('hex2bin', $case['other_identifiers_hex'] ?? []),
                $case['verdict'],
                $case['code'],
                $case['candidate'],
            ];
        }
    }

    /** @dataProvider explainCases */
    public function testExplain(string $secret, string $identifier, string $hash, array $otherSecrets, array $otherIdentifiers, string $name, int $code, ?array $candidate): void
    {
        $explanation = IdentityHash::explain($secret, $identifier, $hash, otherSecrets: $otherSecrets, otherIdentifiers: $otherIdentifiers);
        self::assertSame(Verdict::from($name), $explanation->verdict);
        self::assertSame($code, $explanation->code);
        self::assertSame($code, $explanation->verdict->code());
        self::assertSame(Library::ffi()->cw_verdict_message($code), $explanation->message);
        self::assertSame($explanation->verdict->message(), $explanation->message);
        self::assertSame($name === 'match', $explanation->isMatch());
        self::assertSame($name === 'match', $explanation->verdict->isMatch());
        if ($candidate === null) {
            self::assertSame(CandidateKind::None, $explanation->candidateKind);
            self::assertNull($explanation->candidateIndex);
        } else {
            self::assertSame(CandidateKind::from($candidate['kind']), $explanation->candidateKind);
            self::assertSame($candidate['index'], $explanation->candidateIndex);
            // The same lists as generators and Stringables give the same answer.
            $again = IdentityHash::explain($secret, $identifier, $hash, (static fn () => yield from $otherSecrets)(), array_map(static fn (string $s) => new StringableValue($s), $otherIdentifiers));
            self::assertEquals($explanation, $again);
        }
        // explain is a debugging aid; it must never contradict the production check.
        self::assertSame($explanation->isMatch(), IdentityHash::verify($secret, $identifier, $hash));
    }

    public static function rejectedCases(): iterable
    {
        foreach (Support::vectors()['explain_rejected'] as $case) {
            yield $case['name'] => [hex2bin($case['secret_hex']), hex2bin($case['identifier_hex']), hex2bin($case['hash_hex']), $case['status'], $case['code']];
        }
    }

    /** @dataProvider rejectedCases */
    public function testExplainRejected(string $secret, string $identifier, string $hash, string $status, int $code): void
    {
        try {
            IdentityHash::explain($secret, $identifier, $hash);
            self::fail("expected $status");
        } catch (Exception\IdentityException $e) {
            self::assertInstanceOf(self::REJECTED[$status], $e);
            self::assertSame($code, $e->getStatus());
            self::assertSame(Library::ffi()->cw_status_message($code), $e->getMessage());
        }
    }

    public function testEveryVerdictHasAVector(): void
    {
        $covered = array_unique(array_column(Support::vectors()['explain'], 'verdict'));
        sort($covered);
        $all = array_keys(Abi::VERDICTS);
        sort($all);
        self::assertSame($all, $covered);
    }

    public function testTheVerdictsTableIsPinned(): void
    {
        $verdicts = Support::vectors()['verdicts'];
        self::assertSame(Abi::VERDICTS, $verdicts, 'the generated table and the vectors agree');
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
        self::assertSame(Support::vectors()['candidate_kinds'], Abi::CANDIDATE_KINDS);
        self::assertSame(array_keys(Abi::CANDIDATE_KINDS), array_map(static fn (CandidateKind $k) => $k->value, CandidateKind::cases()));
    }

    public function testAnUnknownCodeFromANewerLibraryIsUnknownNotACrash(): void
    {
        foreach ([20, 99, -1, -5, 2147483647] as $code) {
            self::assertSame(Verdict::Unknown, Verdict::fromCode($code));
            $explanation = Explanation::fromCode($code);
            self::assertSame(Verdict::Unknown, $explanation->verdict);
            self::assertSame($code, $explanation->code, 'the raw code is kept');
            self::assertSame('unknown cw_verdict value', $explanation->message);
            self::assertFalse($explanation->isMatch());
        }
        self::assertSame('unknown', Library::ffi()->cw_verdict_name(99));
        self::assertSame('unknown cw_verdict value', Verdict::Unknown->message());
        self::assertSame(CandidateKind::None, CandidateKind::fromCode(7));
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

    public function testARotatedTokenIsNamedByItsPositionOnly(): void
    {
        $old = 'the-token-before-rotation';
        $explanation = IdentityHash::explain(Support::SECRET, Support::IDENTIFIER, hash_hmac('sha256', Support::IDENTIFIER, $old), otherSecrets: ['another-inbox-token', $old]);
        self::assertSame(Verdict::OtherCandidate, $explanation->verdict);
        self::assertSame(CandidateKind::Secret, $explanation->candidateKind);
        self::assertSame(1, $explanation->candidateIndex);
        self::assertSame('other_candidate (secret #1): ' . $explanation->message, (string) $explanation);
        $dumps = print_r($explanation, true) . var_export($explanation, true) . json_encode($explanation) . $explanation;
        self::assertStringNotContainsString($old, $dumps);
        // An int identifier candidate is its decimal string; an empty list is no candidate.
        $byId = IdentityHash::explain(Support::SECRET, 'jane@example.com', hash_hmac('sha256', '42', Support::SECRET), otherIdentifiers: [42]);
        self::assertSame([CandidateKind::Identifier, 0], [$byId->candidateKind, $byId->candidateIndex]);
        self::assertSame(Verdict::Mismatch, IdentityHash::explain(Support::SECRET, 'jane@example.com', hash_hmac('sha256', '42', Support::SECRET), [], [])->verdict);
    }

    public function testCandidatesOfTheWrongTypeAreTypeErrors(): void
    {
        foreach ([[1.5], [true], [null], [[]], [42]] as $secrets) {
            try {
                IdentityHash::explain(Support::SECRET, Support::IDENTIFIER, Support::HASH, otherSecrets: $secrets);
                self::fail('expected a TypeError for ' . get_debug_type($secrets[0]));
            } catch (\TypeError $e) {
                self::assertStringContainsString('otherSecrets[0]', $e->getMessage());
            }
        }
        foreach ([[1.5], [false], [null]] as $identifiers) {
            try {
                IdentityHash::explain(Support::SECRET, Support::IDENTIFIER, Support::HASH, otherIdentifiers: $identifiers);
                self::fail('expected a TypeError');
            } catch (\TypeError $e) {
                self::assertStringContainsString('otherIdentifiers[0]', $e->getMessage());
            }
        }
    }

    public function testIntIdentifiersAndRawDigests(): void
    {
        // An int identifier is explained as its decimal string, like identifierHash().
        $hash = hash_hmac('sha256', '42', Support::SECRET);
        self::assertSame(Verdict::Match, IdentityHash::explain(Support::SECRET, 42, $hash)->verdict);
        // The hash may be bytes: PHP's raw digest (hash_hmac(..., true)) is recognised.
        $raw = hash_hmac('sha256', Support::IDENTIFIER, Support::SECRET, true);
        self::assertSame(Verdict::RawDigest, IdentityHash::explain(Support::SECRET, Support::IDENTIFIER, $raw)->verdict);
        // ... but never verifies: only the 64 lowercase hex characters do.
        self::assertFalse(IdentityHash::verify(Support::SECRET, Support::IDENTIFIER, $raw));
        self::assertFalse((new IdentityKey(Support::SECRET))->verify(Support::IDENTIFIER, $raw));
    }

    public function testUnusableInputIsAnExceptionAndAPaddedSecretAVerdict(): void
    {
        foreach (['', " \n", "\t"] as $secret) {
            try {
                IdentityHash::explain($secret, Support::IDENTIFIER, Support::HASH);
                self::fail('expected EmptySecretException');
            } catch (Exception\EmptySecretException $e) {
                self::assertSame(Abi::STATUSES['empty_secret'], $e->getStatus());
            }
        }
        $this->expectExceptionObject(new Exception\EmptyIdentifierException(Library::ffi()->cw_status_message(-4), -4));
        try {
            self::assertSame(Verdict::SecretWhitespace, IdentityHash::explain(Support::SECRET . "\n", Support::IDENTIFIER, Support::HASH)->verdict);
            self::assertSame(Verdict::BlankHash, IdentityHash::explain(Support::SECRET, Support::IDENTIFIER, '')->verdict);
            self::assertSame(Verdict::BlankHash, IdentityHash::explain(Support::SECRET, Support::IDENTIFIER, " \n")->verdict);
        } catch (\Throwable $e) {
            self::fail((string) $e);
        }
        IdentityHash::explain(Support::SECRET, '', Support::HASH);
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
