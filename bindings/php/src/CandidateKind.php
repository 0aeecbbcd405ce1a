<?php

declare(strict_types=1);

namespace ChatwootIdentity;

/** Which list held the candidate that reproduced the hash (Explanation::$candidateKind). */
enum CandidateKind: string
{
    /** No candidate matched: the verdict is not OtherCandidate. */
    case None = 'none';
    /** One of explain()'s otherSecrets. */
    case Secret = 'secret';
    /** One of explain()'s otherIdentifiers. */
    case Identifier = 'identifier';

    /** The case of a cw_candidate_kind value (None for a value this binding does not know). */
    public static function fromCode(int $code): self
    {
        $name = array_search($code, Abi::CANDIDATE_KINDS, true);

        return \is_string($name) ? (self::tryFrom($name) ?? self::None) : self::None;
    }
}
