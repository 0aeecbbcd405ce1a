<?php

declare(strict_types=1);

namespace ChatwootIdentity\Exception;

/** Every exception this package throws implements this interface (catch-all for callers). */
interface ExceptionInterface extends \Throwable
{
}
