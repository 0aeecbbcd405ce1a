'use strict';
// Which prebuilt library this process needs: the npm-style target (os-cpu-libc, e.g.
// linux-x64-gnu) and the platform package that carries it. The inputs are parameters so the
// tests can fake another machine (an arm64 one, a musl one) on this one.

const fs = require('node:fs');
const { TARGETS } = require('./targets');

/** The platform packages this version publishes, by target (from targets.toml, see targets.js). */
const PLATFORM_PACKAGES = Object.freeze(
  Object.fromEntries(Object.keys(TARGETS).map((name) => [name, `chatwoot-identity-${name}`])),
);

/** The library's file name where no target of targets.toml fits (the system loader's convention). */
const DEFAULT_FILE = { darwin: 'libchatwoot_identity.dylib', win32: 'chatwoot_identity.dll' };

/** The C library the process runs on: from Node's own report, else from the musl loader's presence. */
function detectLibc({ report = () => process.report.getReport(), muslLoaderExists = hasMuslLoader } = {}) {
  let header;
  try {
    header = report().header;
  } catch {
    header = undefined; // no report (a stripped runtime): fall back to the file system
  }
  if (header) return header.glibcVersionRuntime ? 'gnu' : 'musl';
  return muslLoaderExists() ? 'musl' : 'gnu';
}

/** Whether /lib holds musl's dynamic loader (ld-musl-<arch>.so.1), as on Alpine. */
function hasMuslLoader() {
  try {
    return fs.readdirSync('/lib').some((name) => /^ld-musl-.*\.so\.1$/.test(name));
  } catch {
    return false;
  }
}

/**
 * This process's target, e.g. { name: 'linux-x64-gnu', packageName: 'chatwoot-identity-linux-x64-gnu',
 * file: 'libchatwoot_identity.so' }; packageName is null on a target no platform package exists for.
 * @param {{platform?: string, arch?: string, report?: () => object, muslLoaderExists?: () => boolean}} [inputs]
 */
function detectTarget(inputs = {}) {
  const platform = inputs.platform || process.platform;
  const arch = inputs.arch || process.arch;
  const name = platform === 'linux' ? `${platform}-${arch}-${detectLibc(inputs)}` : `${platform}-${arch}`;
  const known = TARGETS[name];
  return {
    name,
    packageName: PLATFORM_PACKAGES[name] || null,
    file: known ? known.file : DEFAULT_FILE[platform] || 'libchatwoot_identity.so',
  };
}

module.exports = { detectTarget, detectLibc, PLATFORM_PACKAGES };
