<?php

declare(strict_types=1);

// Copied into the test-dist application: for each packaged target, faked detection inputs
// (PHP_OS_FAMILY, each php_uname('m') spelling of targets.toml, /proc/self/maps of a glibc or
// musl process) must pick that target, and the installed package must carry its library there,
// whose header (ELF, Mach-O or PE: format, machine, headers inside the file) the loader's own
// check accepts for that platform. Prints "<target> <path>".
// Arguments: the targets to check (default: every one of Target::all()).
require __DIR__ . '/vendor/autoload.php';

use ChatwootIdentity\Exception\LibraryLoadException;
use ChatwootIdentity\Library;
use ChatwootIdentity\LibraryFile;
use ChatwootIdentity\Target;
use ChatwootIdentity\Targets;

$maps = [
    'gnu' => "7f00-7f01 r--p 0 08:01 1 /usr/lib/%s-linux-gnu/libc.so.6\n",
    'musl' => "7f00-7f01 r--p 0 08:01 1 /lib/ld-musl-%s.so.1\n",
];
$package = dirname((new ReflectionClass(Library::class))->getFileName(), 2);
putenv(Library::ENV);
$status = 0;
$targets = array_slice($argv, 1) ?: Target::all(); // run.sh passes the targets it packaged
foreach ($targets as $target) {
    $facts = Targets::TARGETS[$target] ?? null;
    if ($facts === null) {
        fwrite(STDERR, "targets: $target is not in targets.toml\n");
        $status = 1;
        continue;
    }
    $arch = explode('-', $target)[1];
    foreach ($facts['machines'] as $machine) {
        $detected = $facts['family'] === 'Linux'
            ? Target::detect('Linux', $machine, sprintf($maps[$facts['libc']], $arch), [])
            : Target::detect($facts['family'], $machine, null, []);
        if ($detected !== $target) {
            fwrite(STDERR, "targets: {$facts['family']} $machine/{$facts['libc']} detected as $detected, not $target\n");
            $status = 1;
        }
    }
    $path = "$package/lib/$target/" . Target::sharedLibrary($target);
    if (!is_file($path)) {
        fwrite(STDERR, "targets: $target: no library at $path\n");
        $status = 1;
        continue;
    }
    try {
        LibraryFile::check($path, $facts['family'], $arch === 'arm64' ? 'aarch64' : $arch);
    } catch (LibraryLoadException $e) {
        fwrite(STDERR, "targets: $target: {$e->getMessage()}\n");
        $status = 1;
    }
    echo "$target $path\n";
}
if (!in_array(Target::current(), Target::all(), true)) {
    fwrite(STDERR, 'targets: this machine (' . Target::current() . ") is not a release target\n");
    $status = 1;
}
exit($status);
