'use strict';
// Chatwoot's documented Node.js sample, through the chatwoot-identity package.
//
// Note: unlike the PHP, Python, Go, Elixir and Ruby samples (identifier
// "unique-identifier-of-the-user"), Chatwoot's Node.js sample hashes
// "unique-identifier-key-of-the-user". We keep the docs' identifier as written, so this prints
// a different hash from the other languages: 75ab5deb...b11130cb, the "documented Node.js sample"
// case of tests/vectors.json. The documented snippet is:
//   const hash = crypto.createHmac('sha256', key).update(message).digest('hex');

// In an application: require('chatwoot-identity'). Here: the package in this repository.
const { identifierHash } = require('../../bindings/node');

const key = 'your-secret-token-for-hmac';
const message = 'unique-identifier-key-of-the-user';

const hash = identifierHash(key, message);

console.log(`identifier: ${message}`);
console.log(hash);
