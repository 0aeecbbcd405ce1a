<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/**
 * The answer of IdentityHash::explain(): the verdict, the library's code for it, the library's
 * English sentence (what happened and what to do) and, for Verdict::OtherCandidate, which
 * candidate matched (its list and position, never its value). Safe to log: it never holds the
 * secret, the identifier, the hash or a candidate.
 */
final class Explanation
{
    public readonly Verdict $verdict;
    /** The library's cw_verdict value, kept as returned (also for Verdict::Unknown). */
    public readonly int $code;
    public readonly string $message;
    /** The list that held the matching candidate; CandidateKind::None when no candidate matched. */
    public readonly CandidateKind $candidateKind;
    /** The matching candidate's position (0-based) in that list; null when none matched. */
    public readonly ?int $candidateIndex;

    public function __construct(int $code, string $message, CandidateKind $candidateKind = CandidateKind::None, ?int $candidateIndex = null)
    {
        $this->verdict = Verdict::fromCode($code);
        $this->code = $code;
        $this->message = $message;
        $this->candidateKind = $candidateKind;
        $this->candidateIndex = $candidateKind === CandidateKind::None ? null : $candidateIndex;
    }

    /** The library's explanation of a cw_verdict value, known to this binding or not. */
    public static function fromCode(int $code, CandidateKind $candidateKind = CandidateKind::None, ?int $candidateIndex = null): self
    {
        return new self($code, Library::ffi()->cw_verdict_message($code), $candidateKind, $candidateIndex);
    }

    /** Whether the hash matches (Chatwoot will accept it). */
    public function isMatch(): bool
    {
        return $this->verdict === Verdict::Match;
    }

    public function __toString(): string
    {
        $candidate = $this->candidateKind === CandidateKind::None ? '' : " ({$this->candidateKind->value} #{$this->candidateIndex})";

        return "{$this->verdict->value}{$candidate}: {$this->message}";
    }
}
