<?php
$key = 'your-secret-token-for-hmac';
$message = 'unique-identifier-of-the-user';

$identifier_hash = hash_hmac('sha256', $message, $key);
echo $identifier_hash, "\n";
