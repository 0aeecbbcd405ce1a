<?php

declare(strict_types=1);

/*
 * For projects without Composer: `require '/path/to/chatwoot-identity/autoload.php';`
 * A PSR-4 autoloader for the ChatwootIdentity\ namespace in src/ (the same mapping as
 * composer.json, which Composer users get from vendor/autoload.php instead).
 */
spl_autoload_register(static function (string $class): void {
    if (strncmp($class, 'ChatwootIdentity\\', 17) !== 0) {
        return;
    }
    $file = __DIR__ . '/src/' . strtr(substr($class, 17), '\\', '/') . '.php';
    if (is_file($file)) {
        require $file;
    }
});
