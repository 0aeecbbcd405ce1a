<?php

declare(strict_types=1);

/*
 * The focused workload scripts/memcheck runs under valgrind: every entry point of the binding
 * (hash, verify, keys created and destroyed a few thousand times, batch, explain) and every
 * rejected input, each result checked (exit 1 on a wrong answer). Short, because valgrind
 * runs PHP about 30 times slower.
 */

use ChatwootIdentity\Exception;
use ChatwootIdentity\Explanation;
use ChatwootIdentity\IdentityHash;
use ChatwootIdentity\IdentityKey;
use ChatwootIdentity\Library;
use ChatwootIdentity\Verdict;

require __DIR__ . '/../../autoload.php';

const SECRET = 'your-secret-token-for-hmac';
const IDENTIFIER = 'unique-identifier-of-the-user';
const HASH = 'fa803c5ef0dc4056f15936cc79e6c9eb912fe55b5d7afb9c0a14f3a1a491700c';
const KEYS = 3000;

$checks = 0;
function check(bool $ok, string $what): void
{
    global $checks;
    if (!$ok) {
        fwrite(STDERR, "memcheck exercise: FAILED: $what\n");
        exit(1);
    }
    ++$checks;
}

/** @param class-string<\Throwable> $class */
function throws(string $class, callable $call, string $what): void
{
    try {
        $call();
    } catch (\Throwable $e) {
        check($e instanceof $class, "$what: expected $class, got " . $e::class);

        return;
    }
    check(false, "$what: expected $class, nothing thrown");
}

$vectors = json_decode((string) file_get_contents(__DIR__ . '/../../../../tests/vectors.json'), true, 512, JSON_THROW_ON_ERROR);

// Library metadata and status messages (static strings the binding must not free).
check(Library::version() !== '', 'version');
check(str_starts_with(Library::loadedBy(), 'FFI::'), 'loaded');

// One-shot hash and verify.
check(IdentityHash::identifierHash(SECRET, IDENTIFIER) === HASH, 'documented sample');
for ($i = 0; $i < 200; ++$i) {
    $identifier = $i % 2 === 0 ? "user-$i" : random_bytes(1 + $i);
    $expected = hash_hmac('sha256', $identifier, SECRET);
    check(IdentityHash::identifierHash(SECRET, $identifier) === $expected, "one-shot $i");
    check(IdentityHash::verify(SECRET, $identifier, $expected), "verify $i");
    check(!IdentityHash::verify(SECRET, $identifier, strtoupper($expected)), "verify uppercase $i");
}
check(IdentityHash::identifierHash(SECRET, 42) === hash_hmac('sha256', '42', SECRET), 'int identifier');

// Keys created and destroyed in a loop: each cw_key_new must meet its cw_key_free.
for ($i = 0; $i < KEYS; ++$i) {
    $key = new IdentityKey(SECRET . $i);
    if ($i % 500 === 0) {
        check($key->identifierHash(IDENTIFIER) === hash_hmac('sha256', IDENTIFIER, SECRET . $i), "key $i");
        check($key->verify(IDENTIFIER, hash_hmac('sha256', IDENTIFIER, SECRET . $i)), "key verify $i");
    }
    unset($key);
}

// Batch: more than one 4,096-identifier chunk, a keyed array, ints.
$key = new IdentityKey(SECRET);
$identifiers = [];
for ($i = 0; $i < 5000; ++$i) {
    $identifiers[] = $i % 3 === 0 ? $i : "user-$i@example.com";
}
$hashes = $key->identifierHashes($identifiers);
check(\count($hashes) === 5000, 'batch count');
foreach ([0, 1, 4095, 4096, 4999] as $i) {
    check($hashes[$i] === hash_hmac('sha256', (string) $identifiers[$i], SECRET), "batch $i");
}
check($key->identifierHashes(['a' => IDENTIFIER, 'b' => 7]) === ['a' => HASH, 'b' => hash_hmac('sha256', '7', SECRET)], 'keyed batch');
check($key->identifierHashes([]) === [], 'empty batch');

// A 1 MiB identifier and non-UTF-8 bytes.
$big = random_bytes(1024 * 1024);
check($key->identifierHash($big) === hash_hmac('sha256', $big, SECRET), '1 MiB');
check(IdentityHash::identifierHash(SECRET, "\xff\xfe\xc3\x28") === hash_hmac('sha256', "\xff\xfe\xc3\x28", SECRET), 'non-UTF-8');

// explain: every shared vector, and a code from a newer library.
foreach ($vectors['explain'] as $case) {
    $explanation = IdentityHash::explain(
        hex2bin($case['secret_hex']),
        hex2bin($case['identifier_hex']),
        hex2bin($case['hash_hex']),
        otherSecrets: array_map('hex2bin', $case['other_secrets_hex'] ?? []),
        otherIdentifiers: array_map('hex2bin', $case['other_identifiers_hex'] ?? []),
    );
    check($explanation->verdict === Verdict::from($case['verdict']) && $explanation->code === $case['code'], "explain {$case['name']}");
    check($explanation->candidateIndex === ($case['candidate']['index'] ?? null), "explain candidate {$case['name']}");
    check($explanation->message === $explanation->verdict->message(), "explain message {$case['name']}");
}
check(Explanation::fromCode(99)->verdict === Verdict::Unknown, 'unknown verdict');
check(Verdict::Unknown->message() !== '', 'unknown message');

foreach ($vectors['explain_rejected'] as $case) {
    throws(Exception\IdentityException::class, static fn () => IdentityHash::explain(hex2bin($case['secret_hex']), hex2bin($case['identifier_hex']), hex2bin($case['hash_hex'])), "explain rejected {$case['name']}");
}
throws(\TypeError::class, static fn () => IdentityHash::explain(SECRET, IDENTIFIER, HASH, otherSecrets: ['x', 1.5]), 'explain bad candidate');

// Render: a small and a large user (the second call with the size the library asks), a nonce,
// reset, and every error class.
$payload = json_decode($key->setUserPayload(9007199254740993, ['name' => '</script>', 'custom_attributes' => ['n' => 1.5]]), true);
check($payload['identifier'] === '9007199254740993', 'payload');
$long = str_repeat("<&\u{2028}\u{1F600}", 4000);
check(json_decode($key->setUserPayload('big', ['description' => $long, 'name' => 'n']), true)['description'] === $long, 'large payload');
check(str_starts_with($key->setUserScript('big', ['name' => $long], 'bm9uY2U='), '<script nonce="bm9uY2U=">'), 'large script');
check(str_contains(IdentityKey::resetScript('bm9uY2U='), 'reset()'), 'reset');
throws(Exception\InvalidIdentifierException::class, static fn () => $key->setUserScript("\xff", ['name' => 'n']), 'render non-UTF-8');
throws(Exception\EmptyIdentifierException::class, static fn () => $key->setUserPayload('', ['name' => 'n']), 'render empty');
throws(Exception\UnknownFieldException::class, static fn () => $key->setUserPayload('x', ['nam' => 'n']), 'render unknown field');
throws(Exception\InvalidFieldValueException::class, static fn () => $key->setUserPayload('x', ['name' => "\xff"]), 'render bad field');
throws(Exception\MissingContactFieldException::class, static fn () => $key->setUserPayload('x', []), 'render no contact');
throws(Exception\InvalidNonceException::class, static fn () => IdentityKey::resetScript('<'), 'render bad nonce');
throws(\TypeError::class, static fn () => $key->setUserScript(1.5, ['name' => 'n']), 'render float');

// Every rejected input: typed exceptions (whose messages come from the library) and false.
foreach ($vectors['rejected'] as $case) {
    $secret = hex2bin($case['secret_hex']);
    $identifier = hex2bin($case['identifier_hex']);
    throws(Exception\IdentityException::class, static fn () => IdentityHash::identifierHash($secret, $identifier), "rejected {$case['name']}");
    check(!IdentityHash::verify($secret, $identifier, HASH), "rejected verify {$case['name']}");
}
foreach (['', "\n" . SECRET, SECRET . "\r\n"] as $secret) {
    throws(Exception\IdentityException::class, static fn () => new IdentityKey($secret), 'key of a bad secret');
}
throws(Exception\EmptyIdentifierException::class, static fn () => $key->identifierHash(''), 'key empty identifier');
throws(Exception\EmptyIdentifierException::class, static fn () => $key->identifierHashes(array_merge(array_fill(0, 4500, 'x'), [''])), 'batch empty identifier');
throws(\TypeError::class, static fn () => $key->identifierHashes(['x', 1.5]), 'batch bad element');
throws(\TypeError::class, static fn () => IdentityHash::identifierHash(null, IDENTIFIER), 'null secret');
foreach (['', substr(HASH, 0, 63), ' ' . HASH, str_repeat('z', 64)] as $hash) {
    check(!$key->verify(IDENTIFIER, $hash), 'bad hash ' . bin2hex($hash));
}

// Types checked by the binding, Stringables read once, iterables, keys closed mid-call.
foreach ([1.5, true, null, [], new \stdClass()] as $bad) {
    throws(\TypeError::class, static fn () => IdentityHash::identifierHash(SECRET, $bad), 'one-shot ' . get_debug_type($bad));
    throws(\TypeError::class, static fn () => $key->identifierHash($bad), 'key ' . get_debug_type($bad));
    check(!$key->verify($bad, HASH), 'verify ' . get_debug_type($bad));
}
$stringable = new class () implements \Stringable {
    public function __toString(): string
    {
        return IDENTIFIER;
    }
};
check($key->identifierHash($stringable) === HASH, 'Stringable');
check($key->identifierHashes((static function () use ($stringable) { yield $stringable; yield IDENTIFIER; })()) === [HASH, HASH], 'generator batch');
for ($i = 0; $i < 200; ++$i) {
    $closing = new IdentityKey(SECRET);
    throws(Exception\KeyClosedException::class, static fn () => $closing->identifierHashes((static function () use ($closing) {
        yield IDENTIFIER;
        $closing->close();
        new IdentityKey('attacker-secret');
    })()), 'closed by its generator');
}

// A key destroyed twice, then used.
$key->__destruct();
$key->__destruct();
check(!$key->verify(IDENTIFIER, HASH), 'verify after destroy');
throws(Exception\KeyClosedException::class, static fn () => $key->identifierHash(IDENTIFIER), 'hash after destroy');
unset($key);

echo "memcheck exercise: $checks checks passed\n";
