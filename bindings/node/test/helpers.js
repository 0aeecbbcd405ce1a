'use strict';
// Shared by the tests: the repository's vectors and Node's own HMAC (the independent reference).

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const VECTORS_FILE = path.resolve(__dirname, '..', '..', '..', 'tests', 'vectors.json');
const vectors = JSON.parse(fs.readFileSync(VECTORS_FILE, 'utf8'));

const hex = (s) => Buffer.from(s, 'hex');

/** Node's documented snippet: what Chatwoot's docs tell Node users to run. */
function nodeHmac(secret, identifier) {
  return crypto.createHmac('sha256', secret).update(identifier).digest('hex');
}

module.exports = { vectors, hex, nodeHmac, PACKAGE_DIR: path.resolve(__dirname, '..') };
