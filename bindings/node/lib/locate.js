'use strict';
// Where the library is looked for, in order: CHATWOOT_IDENTITY_LIB alone when it is set (a
// library that fails to load there is an error, never a silent fallback); else the platform
// package npm installed for this target; the system library path (`make install`); and, only
// when this package runs from a development checkout, the checkout's target/release.

const fs = require('node:fs');
const path = require('node:path');
const { problemWith } = require('./libfile');
const { LibraryLoadError } = require('./error-base');

const PACKAGE_DIR = path.resolve(__dirname, '..');

/** The name the system's dynamic loader finds after `make install` (the SONAME on Linux). */
const SYSTEM_NAME = {
  linux: 'libchatwoot_identity.so.0',
  darwin: 'libchatwoot_identity.dylib',
  win32: 'chatwoot_identity.dll',
}[process.platform] || 'libchatwoot_identity.so.0';

/**
 * Whether packageDir is bindings/node of a chatwoot-identity checkout, not an installed copy
 * (npm puts those under node_modules; a linked checkout resolves to its real path).
 */
function isCheckout(packageDir) {
  return (
    !packageDir.split(path.sep).includes('node_modules') &&
    path.basename(path.dirname(packageDir)) === 'bindings' &&
    fs.existsSync(path.join(packageDir, '..', '..', 'Cargo.toml'))
  );
}

/**
 * The places to try, in order: { where, file, problem? } where file is a path, or a bare name
 * for the system's loader to search (system: true); problem says why it cannot be tried.
 * @param {{target: {name: string, packageName: string | null}, env?: object, resolve?: (request: string) => string, packageDir?: string}} inputs
 */
function candidates({ target, env = process.env, resolve = require.resolve, packageDir = PACKAGE_DIR }) {
  const LIB_FILE = target.file;
  if (env.CHATWOOT_IDENTITY_LIB) {
    return [{ where: 'CHATWOOT_IDENTITY_LIB', file: path.resolve(env.CHATWOOT_IDENTITY_LIB) }];
  }
  const list = [];
  if (target.packageName) {
    const request = `${target.packageName}/${LIB_FILE}`;
    const where = `platform package ${target.packageName}`;
    try {
      list.push({ where, file: resolve(request) });
    } catch {
      list.push({ where, file: request, problem: 'not installed' });
    }
  } else {
    list.push({ where: 'platform package', file: '(none)', problem: `no platform package is published for ${target.name}` });
  }
  list.push({ where: 'system library path', file: SYSTEM_NAME, system: true });
  if (isCheckout(packageDir)) {
    list.push({ where: 'development checkout', file: path.resolve(packageDir, '..', '..', 'target', 'release', target.file) });
  }
  return list;
}

/**
 * Loads the first candidate that loads, with `load` (koffi.load and the declarations), after
 * checking the file (libfile.js: a FIFO, a directory or a truncated file never reaches the
 * dynamic loader); throws a LibraryLoadError naming the target and every place tried, with the
 * reason each one failed. `inputs` fakes the platform for the file checks in tests.
 */
function loadFirst(target, list, load, inputs) {
  const tried = [];
  for (const { where, file, problem, system } of list) {
    if (problem) {
      tried.push(`  ${where}: ${file} (${problem})`);
      continue;
    }
    const wrong = system ? null : problemWith(file, inputs);
    if (wrong) {
      tried.push(`  ${where}: ${file} (${wrong})`);
      continue;
    }
    try {
      return { lib: load(file), file, where };
    } catch (err) {
      tried.push(`  ${where}: ${file} (${err.message})`);
    }
  }
  const strict = list.length === 1 && list[0].where === 'CHATWOOT_IDENTITY_LIB';
  throw new LibraryLoadError(
    `chatwoot-identity: cannot load the library for target ${target.name}. Tried:\n${tried.join('\n')}\n` +
      (strict
        ? 'CHATWOOT_IDENTITY_LIB is set, so nothing else was tried: point it at a loadable libchatwoot_identity, or unset it.'
        : `Install the package with its optional dependencies (the platform package for ${target.name}; ` +
          'not with --omit=optional / --no-optional), run `make install` in the chatwoot-identity repository ' +
          'for the system library, or set CHATWOOT_IDENTITY_LIB to the library file.'),
    strict ? list[0].file : undefined,
  );
}

module.exports = { candidates, loadFirst, isCheckout, SYSTEM_NAME, PACKAGE_DIR };
