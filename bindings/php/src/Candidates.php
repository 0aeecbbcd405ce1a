<?php

declare(strict_types=1);

namespace ChatwootIdentity;

use FFI\CData;

/**
 * explain()'s other secrets and identifiers as a native cw_candidates: each list's bytes are
 * copied into one native buffer that this object owns, so the pointers stay valid for the call.
 * The secrets' copy is wiped by wipe().
 *
 * @internal
 */
final class Candidates
{
    /** @var list<CData> native memory kept alive until wipe() */
    private array $buffers = [];
    private ?CData $native = null;

    /**
     * @param list<string> $secrets
     * @param list<string> $identifiers
     */
    public function __construct(private readonly \FFI $ffi, #[\SensitiveParameter] array $secrets, array $identifiers)
    {
        if ($secrets === [] && $identifiers === []) {
            return; // NULL: no candidates
        }
        $native = $ffi->new('cw_candidates');
        $native->secrets_count = \count($secrets);
        if ($secrets !== []) {
            $native->secrets = $this->bytesArray($secrets);
        }
        $native->identifiers_count = \count($identifiers);
        if ($identifiers !== []) {
            $native->identifiers = $this->bytesArray($identifiers);
        }
        $this->native = $native;
    }

    /** The `const cw_candidates *` argument: NULL when there are none. */
    public function pointer(): ?CData
    {
        return $this->native === null ? null : \FFI::addr($this->native);
    }

    /** Zeroes every copied byte (the secrets among them). */
    public function wipe(): void
    {
        foreach ($this->buffers as $buffer) {
            \FFI::memset($buffer, 0, \FFI::sizeof($buffer));
        }
        $this->buffers = [];
    }

    /** @param non-empty-list<string> $values */
    private function bytesArray(#[\SensitiveParameter] array $values): CData
    {
        $joined = implode('', $values);
        $size = \strlen($joined);
        $buffer = $this->ffi->new('char[' . max(1, $size) . ']');
        \FFI::memcpy($buffer, $joined, $size);
        $this->buffers[] = $buffer;
        $array = $this->ffi->new('cw_bytes[' . \count($values) . ']');
        $this->buffers[] = $array;
        $offset = 0;
        foreach ($values as $i => $value) {
            $length = \strlen($value);
            $array[$i]->ptr = $length === 0 ? null : \FFI::addr($buffer[$offset]);
            $array[$i]->len = $length;
            $offset += $length;
        }

        return $this->ffi->cast('cw_bytes *', \FFI::addr($array[0]));
    }
}
