'use strict';
// The four Linux targets: the folder of `make dist-libs` (dist/lib/<lib>), the npm platform
// package's suffix (os-cpu-libc, as process.platform/process.arch name them) and its fields.

const TARGETS = [
  { lib: 'linux-x86_64-gnu', npm: 'linux-x64-gnu', cpu: 'x64', libc: 'glibc' },
  { lib: 'linux-aarch64-gnu', npm: 'linux-arm64-gnu', cpu: 'arm64', libc: 'glibc' },
  { lib: 'linux-x86_64-musl', npm: 'linux-x64-musl', cpu: 'x64', libc: 'musl' },
  { lib: 'linux-aarch64-musl', npm: 'linux-arm64-musl', cpu: 'arm64', libc: 'musl' },
];

/** The targets to build or test: all four, or those named in NODE_DIST_TARGETS (dist/lib names). */
function selectedTargets(env = process.env) {
  if (!env.NODE_DIST_TARGETS) return TARGETS;
  const names = env.NODE_DIST_TARGETS.split(/[\s,]+/).filter(Boolean);
  const unknown = names.filter((name) => !TARGETS.some((t) => t.lib === name));
  if (unknown.length) throw new Error(`NODE_DIST_TARGETS: unknown target(s) ${unknown.join(', ')}`);
  return TARGETS.filter((t) => names.includes(t.lib));
}

module.exports = { TARGETS, selectedTargets };
