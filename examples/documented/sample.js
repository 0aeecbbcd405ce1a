const crypto = require('crypto');

const key = 'your-secret-token-for-hmac';
const message = 'unique-identifier-key-of-the-user';

const hash = crypto.createHmac('sha256', key).update(message).digest('hex');
console.log(hash);
