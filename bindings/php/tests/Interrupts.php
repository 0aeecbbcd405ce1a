<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

/**
 * A real interval timer (setitimer through FFI, as PHP has none) delivering SIGALRM every few
 * microseconds, with pcntl's asynchronous handlers: PHP runs the handler between two opcodes,
 * e.g. right after a native call returns and before its output is read.
 */
final class Interrupts
{
    private const ITIMER_REAL = 0;

    private static ?\FFI $libc = null;

    /** Runs $work with $handler called on each SIGALRM, every $microseconds. */
    public static function during(int $microseconds, callable $handler, callable $work): mixed
    {
        if (!\function_exists('pcntl_signal') || !\function_exists('pcntl_async_signals')) {
            throw new \RuntimeException('the reentrancy tests need ext-pcntl (Debian: part of php8.2-cli)');
        }
        $libc = self::$libc ??= \FFI::cdef(
            'struct timeval { long tv_sec; long tv_usec; };'
            . 'struct itimerval { struct timeval it_interval; struct timeval it_value; };'
            . 'int setitimer(int which, const struct itimerval *new_value, struct itimerval *old_value);',
            'libc.so.6'
        );
        // Autoloading is not re-entrant: a handler that needs a class whose file is being
        // included when the signal lands would find no class. Load them all first.
        foreach (glob(Support::packageDir() . '/src/{,Exception/}*.php', GLOB_BRACE) ?: [] as $file) {
            $class = 'ChatwootIdentity\\' . strtr(substr($file, \strlen(Support::packageDir() . '/src/'), -4), '/', '\\');
            class_exists($class) || interface_exists($class) || throw new \LogicException("no $class");
        }
        $handler(); // once outside the interrupts, so that the handler's own classes are loaded too
        $previous = pcntl_async_signals(true);
        pcntl_signal(SIGALRM, static function () use ($handler): void {
            $handler();
        });
        $timer = $libc->new('struct itimerval');
        $timer->it_interval->tv_usec = $microseconds;
        $timer->it_value->tv_usec = $microseconds;
        $libc->setitimer(self::ITIMER_REAL, \FFI::addr($timer), null);
        try {
            return $work();
        } finally {
            $libc->setitimer(self::ITIMER_REAL, \FFI::addr($libc->new('struct itimerval')), null);
            pcntl_signal(SIGALRM, SIG_DFL);
            pcntl_async_signals($previous);
        }
    }
}
