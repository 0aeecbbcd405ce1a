'use strict';
// A node:test reporter that prints, one JSON line each, the top-level tests a file registers.
// matrix.test.js runs a test file with it under --test-only, which registers every test and
// runs none of them (none is marked only), to check that the tests it names exist.

module.exports = async function* testNames(source) {
  for await (const { type, data } of source) {
    if ((type === 'test:pass' || type === 'test:fail') && data.nesting === 0) {
      yield `${JSON.stringify({ registeredTest: data.name })}\n`;
    }
  }
};
