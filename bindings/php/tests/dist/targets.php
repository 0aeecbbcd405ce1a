<?php

declare(strict_types=1);

// Copied into the test-dist application: for each packaged target, faked detection inputs
// (php_uname('m') spellings, /proc/self/maps of a glibc or musl process) must pick that
// target, and the installed package must carry its library there. Prints "<target> <path>".
// Arguments: the targets to check (default: every one of Target::PACKAGED).
require __DIR__ . '/vendor/autoload.php';

use ChatwootIdentity\Library;
use ChatwootIdentity\Target;

$maps = [
    'gnu' => "7f00-7f01 r--p 0 08:01 1 /usr/lib/%s-linux-gnu/libc.so.6\n",
    'musl' => "7f00-7f01 r--p 0 08:01 1 /lib/ld-musl-%s.so.1\n",
];
$machines = ['x86_64' => ['x86_64', 'amd64'], 'aarch64' => ['aarch64', 'arm64']];
$package = dirname((new ReflectionClass(Library::class))->getFileName(), 2);
putenv(Library::ENV);
$status = 0;
$targets = array_slice($argv, 1) ?: Target::PACKAGED; // run.sh passes the targets it packaged
foreach ($targets as $target) {
    [, $arch, $libc] = explode('-', $target);
    foreach ($machines[$arch] as $machine) {
        $detected = Target::detect('Linux', $machine, sprintf($maps[$libc], $arch), []);
        if ($detected !== $target) {
            fwrite(STDERR, "targets: $machine/$libc detected as $detected, not $target\n");
            $status = 1;
        }
    }
    $path = Library::candidates($target)[0];
    if (!str_starts_with($path, "$package/lib/$target/") || !is_file($path)) {
        fwrite(STDERR, "targets: $target: no library at $path\n");
        $status = 1;
    }
    echo "$target $path\n";
}
if (!in_array(Target::current(), Target::PACKAGED, true)) {
    fwrite(STDERR, 'targets: this machine (' . Target::current() . ") is not a packaged target\n");
    $status = 1;
}
exit($status);
