<?php

declare(strict_types=1);

namespace ChatwootIdentity\Exception;

/**
 * The native library could not be loaded: FFI unavailable or restricted, no library at any
 * tried path, or an ABI version this binding was not written for. The message names what
 * was tried.
 */
final class LibraryLoadException extends \RuntimeException implements ExceptionInterface
{
}
