<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

/**
 * A real timer (setitimer through FFI, as PHP has none) delivering SIGALRM every few
 * microseconds, with pcntl's asynchronous handlers: PHP runs the handler between two opcodes,
 * e.g. right after a native call returns and before its output is read.
 *
 * The handler never nests, however slow the machine: the timer is one-shot and re-armed only
 * when the handler has returned (an interval timer keeps firing while a slow handler runs),
 * and a depth guard skips, and counts, any signal that still lands inside the handler.
 */
final class Interrupts
{
    private const ITIMER_REAL = 0;

    private static ?\FFI $libc = null;
    /** Handler runs in progress right now (0 or 1). */
    private static int $depth = 0;
    /** The deepest the handler was ever entered during the last during() (1 when it ran). */
    public static int $maxDepth = 0;
    /** Signals that arrived while the handler ran and were skipped. */
    public static int $skipped = 0;

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
        self::$depth = self::$maxDepth = self::$skipped = 0;
        $running = true;
        $timer = $libc->new('struct itimerval'); // it_interval stays zero: one shot
        $timer->it_value->tv_usec = $microseconds;
        $previous = pcntl_async_signals(true);
        pcntl_signal(SIGALRM, static function () use ($handler, $libc, $timer, &$running): void {
            if (self::$depth > 0) {
                ++self::$skipped;

                return;
            }
            self::$maxDepth = max(self::$maxDepth, ++self::$depth);
            try {
                $handler();
            } finally {
                --self::$depth;
                if ($running) {
                    $libc->setitimer(self::ITIMER_REAL, \FFI::addr($timer), null);
                }
            }
        });
        $libc->setitimer(self::ITIMER_REAL, \FFI::addr($timer), null);
        try {
            return $work();
        } finally {
            $running = false;
            $libc->setitimer(self::ITIMER_REAL, \FFI::addr($libc->new('struct itimerval')), null);
            pcntl_signal(SIGALRM, SIG_DFL);
            pcntl_async_signals($previous);
        }
    }
}
