<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\Abi;
use ChatwootIdentity\Explanation;
use ChatwootIdentity\IdentityHash;
use ChatwootIdentity\IdentityKey;
use ChatwootIdentity\Status;
use ChatwootIdentity\Verdict;
use PHPUnit\Framework\TestCase;

/**
 * The PHP column of the bad-input matrix, run from its one source, tests/bad_input_matrix.json
 * (format: docs/bad-input-matrix.md). Every case that applies to PHP is a data set named
 * "<row id> #<case index>"; a behaviour row is one named "<row id>" that checks BEHAVIOUR names
 * tests of this suite for it. A row, call, argument or expectation this test cannot run fails.
 * Runs in strict mode; TypeCheckTest runs every entry point in coercive mode too.
 */
final class BadInputMatrixTest extends TestCase
{
    private const LANGUAGE = 'PHP';

    /**
     * The tests that exercise each behaviour row (a table cannot hold them); they run in the suite
     * on their own, this test only checks that each one exists.
     */
    private const BEHAVIOUR = [
        'damaged-library-file' => [[LibraryFileTest::class, 'testABadLibraryPathIsTheTypedLoadError']],
        'non-regular-library-path' => [[LibraryFileTest::class, 'testABadLibraryPathIsTheTypedLoadError']],
        'key-double-free' => [
            [KeyTest::class, 'testAFreedKeyFailsClosed'],
            [HostileCallerTest::class, 'testCloseIsIdempotentAndAKeyStaysUsableUntilThen'],
        ],
        'reentrancy' => [
            [HostileCallerTest::class, 'testASignalHandlerThatHashesNeverChangesTheInterruptedResult'],
            [HostileCallerTest::class, 'testASignalHandlerThatClosesTheKeyGivesTheRightHashOrKeyClosed'],
        ],
        'close-mid-call' => [
            [HostileCallerTest::class, 'testASignalHandlerThatClosesTheKeyGivesTheRightHashOrKeyClosed'],
            [HostileCallerTest::class, 'testClosingTheKeyFromAStringableOrGeneratorIsKeyClosed'],
            [RenderTest::class, 'testUserCodeThatClosesTheKeyRunsBeforeTheKeyIsTaken'],
        ],
        'non-unicode-string' => [
            [HostileCallerTest::class, 'testStringsAreBytesAndInvalidUtf8IsHashedExactlyLikeHashHmac'],
            [RenderTest::class, 'testEveryBadInputClassHasItsError'],
        ],
    ];

    /** The arguments each call reads; a missing one takes its value from the data's defaults. */
    private const ARGUMENTS = [
        'identifier_hash' => ['secret', 'identifier'],
        'key_new' => ['secret'],
        'key_identifier_hash' => ['secret', 'identifier'],
        'key_identifier_hashes' => ['secret', 'identifiers'],
        'verify' => ['secret', 'identifier', 'hash'],
        'key_verify' => ['secret', 'identifier', 'hash'],
        'explain' => ['secret', 'identifier', 'hash'],
        'set_user_script' => ['secret', 'identifier'],
    ];

    /** @return iterable<string, array{0: string, 1: int, 2: mixed}> row id, case index, case */
    public static function cases(): iterable
    {
        foreach (Support::badInputMatrix()['rows'] as $row) {
            $id = (string) ($row['id'] ?? '?');
            $cell = $row['cells'][self::LANGUAGE] ?? null;
            if (\is_string($cell) && str_starts_with($cell, 'n/a')) {
                continue; // the input cannot reach PHP
            }
            if (!\is_string($cell) || (($row['behaviour'] ?? false) === true) === isset($row['cases'])) {
                yield $id => [$id, -1, null]; // no PHP cell, or neither (or both) cases and behaviour
                continue;
            }
            if (isset($row['cases'])) {
                $any = false;
                foreach ($row['cases'] as $index => $case) {
                    if (\in_array(self::LANGUAGE, (array) ($case['only'] ?? [self::LANGUAGE]), true)) {
                        $any = true;
                        yield "$id #$index" => [$id, $index, $case];
                    }
                }
                if (!$any) {
                    yield $id => [$id, -1, null]; // a PHP cell that no case runs
                }
            }
        }
    }

    /** @dataProvider cases */
    public function testCase(string $row, int $index, mixed $case): void
    {
        if ($index < 0 || !\is_array($case)) {
            self::fail("row $row: no way to run it in PHP (its PHP cell is missing, or it has no case for PHP, or it is neither a cases nor a behaviour row)");
        }
        $where = "$row #$index";
        $call = $case['call'] ?? null;
        $names = \is_string($call) && isset(self::ARGUMENTS[$call]) ? self::ARGUMENTS[$call] : self::fail("$where: the call " . json_encode($call) . ' has no PHP equivalent in this test');
        $unknown = array_diff(array_keys($case), ['call', 'expect', 'only'], $names);
        if ($unknown !== []) {
            self::fail("$where: argument(s) " . implode(', ', $unknown) . " of $call have no PHP meaning in this test");
        }
        $defaults = Support::badInputMatrix()['defaults'];
        $args = [];
        foreach ($names as $name) {
            if (!\array_key_exists($name, $case) && !\array_key_exists($name, $defaults)) {
                self::fail("$where: no value for $name (and no default)");
            }
            $args[$name] = self::value($case[$name] ?? $defaults[$name], "$where $name");
        }
        $expect = \is_array($case['expect'] ?? null) ? $case['expect'] : self::fail("$where: no expectation");
        $kind = array_keys(array_diff_key($expect, ['index' => true]));
        if (\count($kind) !== 1 || (isset($expect['index']) && $kind !== ['error'])) {
            self::fail("$where: an expectation this test does not know: " . json_encode($expect));
        }

        if ($kind === ['error']) {
            [$class, $status] = self::expectedError($expect['error'], $where);
            try {
                $result = self::call($call, $args);
            } catch (\Throwable $e) {
                self::assertSame($class, $e::class, "$where: " . $e->getMessage());
                if ($status === null) {
                    // A null argument is PHP's TypeError for that argument, not a coercion.
                    self::assertStringContainsString('null given', $e->getMessage(), $where);
                } else {
                    self::assertSame($status, $e->getStatus(), $where);
                }
                if (isset($expect['index'])) {
                    self::assertTrue(method_exists($e, 'getIndex'), "$where: $class names no index");
                    self::assertSame($expect['index'], $e->getIndex(), $where);
                }

                return;
            }
            self::fail("$where: expected $class, got " . get_debug_type($result));
        }

        $result = self::call($call, $args);
        match ($kind[0]) {
            'hash', 'hashes', 'verify' => self::assertSame($expect[$kind[0]], $result, $where),
            'verdict' => self::assertSame(
                Verdict::tryFrom((string) $expect['verdict']) ?? self::fail("$where: the verdict " . json_encode($expect['verdict']) . ' is not a case of Verdict'),
                $result instanceof Explanation ? $result->verdict : self::fail("$where: $call gave no Explanation"),
                $where
            ),
            'ok' => self::assertTrue($expect['ok'] === true && $result !== null, "$where: {\"ok\": true} expected"),
            default => self::fail("$where: an expectation this test does not know: " . json_encode($expect)),
        };
    }

    /** @return iterable<string, array{0: string}> */
    public static function behaviourRows(): iterable
    {
        foreach (Support::badInputMatrix()['rows'] as $row) {
            $cell = (string) ($row['cells'][self::LANGUAGE] ?? '');
            if (($row['behaviour'] ?? false) === true && !str_starts_with($cell, 'n/a')) {
                yield $row['id'] => [$row['id']];
            }
        }
    }

    /** @dataProvider behaviourRows */
    public function testBehaviourRow(string $row): void
    {
        $tests = self::BEHAVIOUR[$row] ?? [];
        self::assertNotSame([], $tests, "behaviour row $row: BadInputMatrixTest::BEHAVIOUR names no PHP test that exercises it");
        foreach ($tests as [$class, $method]) {
            self::assertTrue(self::loadTestClass($class) && method_exists($class, $method), "behaviour row $row: $class::$method does not exist");
            $test = new \ReflectionMethod($class, $method);
            self::assertTrue(
                is_subclass_of($class, TestCase::class) && $test->isPublic() && !$test->isStatic() && str_starts_with($method, 'test'),
                "behaviour row $row: $class::$method is not a test PHPUnit runs"
            );
        }
    }

    public function testTheRegistryNamesOnlyBehaviourRowsOfPhp(): void
    {
        $rows = array_keys(iterator_to_array(self::behaviourRows()));
        self::assertSame([], array_values(array_diff(array_keys(self::BEHAVIOUR), $rows)), 'BEHAVIOUR entries for rows that are not PHP behaviour rows');
    }

    /** @return array{0: class-string<\Throwable>, 1: ?int} the exception class and its status (null: a TypeError) */
    private static function expectedError(mixed $name, string $where): array
    {
        if ($name === 'NULL_POINTER') {
            return [\TypeError::class, null]; // PHP's null is a type error, in strict and coercive mode
        }
        $status = Abi::STATUSES[strtolower((string) $name)] ?? self::fail("$where: the status " . json_encode($name) . ' is not in Abi::STATUSES');

        // The class the binding's generated status table maps it to.
        return [Status::exception($status)::class, $status];
    }

    /** @param array<string, mixed> $args */
    private static function call(string $call, array $args): mixed
    {
        return match ($call) {
            'identifier_hash' => IdentityHash::identifierHash($args['secret'], $args['identifier']),
            'verify' => IdentityHash::verify($args['secret'], $args['identifier'], $args['hash']),
            'explain' => IdentityHash::explain($args['secret'], $args['identifier'], $args['hash']),
            'key_new' => self::withKey($args['secret'], static fn (IdentityKey $key) => $key),
            'key_identifier_hash' => self::withKey($args['secret'], static fn (IdentityKey $key) => $key->identifierHash($args['identifier'])),
            'key_identifier_hashes' => self::withKey($args['secret'], static fn (IdentityKey $key) => $key->identifierHashes($args['identifiers'])),
            'key_verify' => self::withKey($args['secret'], static fn (IdentityKey $key) => $key->verify($args['identifier'], $args['hash'])),
            'set_user_script' => self::withKey($args['secret'], static fn (IdentityKey $key) => $key->setUserScript($args['identifier'], ['name' => 'n'])),
        };
    }

    /** A key made from $secret for one call, closed after it. */
    private static function withKey(mixed $secret, \Closure $use): mixed
    {
        $key = new IdentityKey($secret);
        try {
            return $use($key);
        } finally {
            $key->close();
        }
    }

    /**
     * A value of the data as PHP passes it: text and {"hex"} bytes are both a PHP string (PHP has
     * no separate bytes type), {"null": n > 0} is null and {"null": 0} the empty string.
     */
    private static function value(mixed $value, string $where): mixed
    {
        if (\is_string($value)) {
            return $value;
        }
        if (\is_array($value) && array_is_list($value)) {
            return array_map(static fn (mixed $v) => self::value($v, $where), $value);
        }
        $kinds = ['hex' => 1, 'text' => 1, 'null' => 1];
        if (!\is_array($value) || \count(array_intersect_key($value, $kinds)) !== 1 || array_diff_key($value, $kinds + ['repeat' => 1]) !== []) {
            self::fail("$where: a value this test does not know: " . json_encode($value));
        }
        if (\array_key_exists('null', $value)) {
            if (!\is_int($value['null']) || isset($value['repeat'])) {
                self::fail("$where: a bad null: " . json_encode($value));
            }

            return $value['null'] > 0 ? null : '';
        }
        if (isset($value['hex'])) {
            if (preg_match('/\A(?:[0-9a-f]{2})*\z/', (string) $value['hex']) !== 1) {
                self::fail("$where: bad hex");
            }
            $base = (string) hex2bin($value['hex']);
        } else {
            $base = (string) $value['text'];
        }

        return str_repeat($base, (int) ($value['repeat'] ?? 1));
    }

    /** Test classes are not autoloaded: PHPUnit has loaded them, unless this file runs alone. */
    private static function loadTestClass(string $class): bool
    {
        if (!class_exists($class, false)) {
            $file = __DIR__ . '/' . substr((string) strrchr($class, '\\'), 1) . '.php';
            if (is_file($file)) {
                require_once $file;
            }
        }

        return class_exists($class, false);
    }
}
