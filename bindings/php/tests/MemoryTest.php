<?php

declare(strict_types=1);

namespace ChatwootIdentity\Tests;

use ChatwootIdentity\IdentityKey;
use ChatwootIdentity\Library;
use PHPUnit\Framework\TestCase;

/** Creating and destroying keys returns their native memory (cw_key_free in __destruct). */
final class MemoryTest extends TestCase
{
    private const KEYS = 100_000;
    private const RSS_BOUND = 2 * 1024 * 1024;     // 100,000 leaked keys would be several MB
    private const PHP_HEAP_BOUND = 64 * 1024;

    public function testCreatingAndDestroying100000KeysStaysFlat(): void
    {
        $this->churn(10_000); // warm up the allocators
        gc_collect_cycles();
        [$heap, $rss] = [memory_get_usage(), self::rss()];
        $this->churn(self::KEYS);
        gc_collect_cycles();
        self::assertLessThan(self::PHP_HEAP_BOUND, memory_get_usage() - $heap, 'memory_get_usage() grew');
        self::assertLessThan(self::RSS_BOUND, self::rss() - $rss, 'RSS grew: native keys leaked');
    }

    /** The RSS check would see a leak: the same loop without cw_key_free grows past the bound. */
    public function testTheRssCheckDetectsALeak(): void
    {
        $ffi = Library::ffi();
        $rss = self::rss();
        $leaked = [];
        for ($i = 0; $i < self::KEYS; ++$i) {
            $key = $ffi->new('cw_key*');
            self::assertSame(0, $ffi->cw_key_new(Support::SECRET, \strlen(Support::SECRET), \FFI::addr($key)));
            $leaked[] = $key;
        }
        $grown = self::rss() - $rss;
        foreach ($leaked as $key) {
            $ffi->cw_key_free($key);
        }
        self::assertGreaterThan(self::RSS_BOUND, $grown);
    }

    private function churn(int $n): void
    {
        for ($i = 0; $i < $n; ++$i) {
            $key = new IdentityKey(Support::SECRET);
            if ($i % 1000 === 0) {
                self::assertSame(Support::HASH, $key->identifierHash(Support::IDENTIFIER));
            }
            unset($key);
        }
    }

    /** Resident set size in bytes, from /proc. */
    private static function rss(): int
    {
        $status = (string) file_get_contents('/proc/self/status');
        self::assertSame(1, preg_match('/^VmRSS:\s+(\d+) kB/m', $status, $m), 'no VmRSS in /proc/self/status');

        return (int) $m[1] * 1024;
    }
}
