<?php

declare(strict_types=1);

namespace ChatwootIdentity;

use FFI\CData;

/**
 * The caller's values for the render calls, checked and encoded once, and the library's
 * required-size protocol around them. The library builds and escapes the output.
 *
 * @internal
 */
final class Render
{
    /** Most snippets fit; a larger one costs one more call with the size the library asks for. */
    private const FIRST_CAPACITY = 1024;

    private function __construct()
    {
    }

    /**
     * The identifier's UTF-8 bytes: a string, an int (its decimal digits) or a Stringable.
     *
     * @throws \TypeError                                a float, bool, null, array or other object
     * @throws Exception\EmptyIdentifierException        ""
     * @throws Exception\InvalidIdentifierException      not valid UTF-8
     */
    public static function identifier(mixed $identifier, string $function): string
    {
        $bytes = Input::identifier($identifier, $function, 1);
        if ($bytes === '') {
            throw Status::exception(Status::EMPTY_IDENTIFIER);
        }
        if (preg_match('//u', $bytes) !== 1) {
            throw Status::exception(Status::INVALID_IDENTIFIER);
        }

        return $bytes;
    }

    /**
     * The user's fields as one JSON object, by PHP's own encoder (null values mean "not set";
     * the library checks names and types).
     *
     * @param array<mixed> $fields
     *
     * @throws Exception\InvalidFieldValueException a value json_encode() refuses (invalid UTF-8, INF, NAN, a resource)
     */
    public static function fields(array $fields): string
    {
        // Every structured field setUser takes is a map; json_encode() would write a PHP array
        // with keys 0..n-1 (['0' => 'x'], [] too) as a JSON list, so each is an object.
        foreach ($fields as $name => $value) {
            if (\is_array($value)) {
                $fields[$name] = (object) $value;
            }
        }
        try {
            return json_encode((object) $fields, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_PRESERVE_ZERO_FRACTION);
        } catch (\JsonException $e) {
            throw Status::exception(Status::INVALID_FIELD_VALUE, 'json_encode: ' . $e->getMessage(), $e);
        }
    }

    /**
     * The nonce's bytes: a string, or null for none. Checked here rather than by a `?string`
     * type, which a caller without strict_types would satisfy with true, 1.0 or 7 ("1", "7").
     *
     * @throws \TypeError                            anything else
     * @throws Exception\InvalidNonceException a character outside base64 / base64url (checked by the library)
     */
    public static function nonce(mixed $nonce, string $function, int $position): string
    {
        if ($nonce === null || \is_string($nonce)) {
            return $nonce ?? '';
        }
        throw new \TypeError(sprintf('%s(): Argument #%d ($nonce) must be of type ?string, %s given', $function, $position, get_debug_type($nonce)));
    }

    /**
     * Calls $render($out, $capacity, $outLen) with a buffer, and once more with the size the
     * library asks for when it is too small.
     *
     * @param callable(CData, int, CData): int $render
     */
    public static function call(\FFI $ffi, callable $render): string
    {
        $outLen = $ffi->new('size_t');
        $capacity = self::FIRST_CAPACITY;
        for ($attempt = 0; $attempt < 2; ++$attempt) {
            $out = $ffi->new("char[$capacity]");
            $status = $render($out, $capacity, \FFI::addr($outLen));
            if ($status === Status::OK) {
                return \FFI::string($out, $outLen->cdata);
            }
            if ($status !== Status::BUFFER_TOO_SMALL) {
                throw Status::exception($status);
            }
            $capacity = $outLen->cdata;
        }
        throw Status::exception(Status::BUFFER_TOO_SMALL);
    }
}
