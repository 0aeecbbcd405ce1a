'use strict';
// The targets `make dist` packages: every target of targets.toml (lib/targets.js, generated),
// as { npm, lib, os, cpu, libc, file }: the npm platform package's suffix, the folder of
// `make dist-libs` (dist/lib/<lib>), the package's os/cpu/libc fields and the library's file name.

const { TARGETS: TABLE } = require('../lib/targets');

const TARGETS = Object.entries(TABLE).map(([npm, t]) => ({ npm, ...t }));

/** The targets to build or test: all, or those named in NODE_DIST_TARGETS (dist/lib names). */
function selectedTargets(env = process.env) {
  if (!env.NODE_DIST_TARGETS) return TARGETS;
  const names = env.NODE_DIST_TARGETS.split(/[\s,]+/).filter(Boolean);
  const unknown = names.filter((name) => !TARGETS.some((t) => t.lib === name));
  if (unknown.length) throw new Error(`NODE_DIST_TARGETS: unknown target(s) ${unknown.join(', ')}`);
  return TARGETS.filter((t) => names.includes(t.lib));
}

module.exports = { TARGETS, selectedTargets };
