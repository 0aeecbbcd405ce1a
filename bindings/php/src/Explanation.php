<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/**
 * The answer of IdentityHash::explain(): the verdict, the library's code for it and the
 * library's English sentence (what happened and what to do). Safe to log: it never holds
 * the secret, the identifier or the hash.
 */
final class Explanation
{
    public readonly Verdict $verdict;
    /** The library's cw_verdict value, kept as returned (also for Verdict::Unknown). */
    public readonly int $code;
    public readonly string $message;

    public function __construct(int $code, string $message)
    {
        $this->verdict = Verdict::fromCode($code);
        $this->code = $code;
        $this->message = $message;
    }

    /** The library's explanation of a cw_verdict value, known to this binding or not. */
    public static function fromCode(int $code): self
    {
        return new self($code, Library::ffi()->cw_verdict_message($code));
    }

    /** Whether the hash matches (Chatwoot will accept it). */
    public function isMatch(): bool
    {
        return $this->verdict === Verdict::Match;
    }

    public function __toString(): string
    {
        return "{$this->verdict->value}: {$this->message}";
    }
}
