'use strict';
// make dist: writes dist/node/ from dist/lib/ (no cargo): one platform package per target of
// targets.toml (chatwoot-identity-<os>-<cpu>[-<libc>], with os/cpu[/libc] fields and only its
// library: .so, .dylib or .dll) and the main
// package, whose optionalDependencies list every platform package at its exact version, so
// npm installs only the one matching the machine (the esbuild / napi-rs layout).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { selectedTargets } = require('./targets');

const PACKAGE_DIR = path.resolve(__dirname, '..');
const REPO = path.resolve(PACKAGE_DIR, '..', '..');
const DIST_LIB = process.env.NODE_DIST_LIB ? path.resolve(process.env.NODE_DIST_LIB) : path.join(REPO, 'dist', 'lib');
const OUT = process.env.NODE_DIST_OUT ? path.resolve(process.env.NODE_DIST_OUT) : path.join(REPO, 'dist', 'node');

const main = JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8'));
// Named targets (NODE_DIST_TARGETS) must all be built. Without it, every target `make dist-libs`
// built is packaged, and the ones it did not build are listed (a release sets NODE_DIST_TARGETS
// to the full list, or NODE_DIST_ALL=1, so that none can be left out silently).
const explicit = Boolean(process.env.NODE_DIST_TARGETS) || process.env.NODE_DIST_ALL === '1';
const built = (target) => fs.existsSync(path.join(DIST_LIB, target.lib, target.file));
const wanted = selectedTargets();
const missing = wanted.filter((target) => !built(target));
if (missing.length && (explicit || missing.length === wanted.length)) {
  for (const target of missing) console.error(`bindings/node dist: ${path.join(DIST_LIB, target.lib, target.file)} is missing`);
  console.error('bindings/node dist: run `make dist-libs` at the repository root first');
  process.exit(1);
}
if (missing.length) {
  console.error(`bindings/node dist: not packaged (not built in ${DIST_LIB}): ${missing.map((t) => t.lib).join(', ')}`);
}
const targets = wanted.filter(built);

function pack(dir) {
  const name = execFileSync('npm', ['pack', '--ignore-scripts', '--loglevel=warn', '--pack-destination', OUT, dir], { encoding: 'utf8' }).trim().split('\n').pop();
  const size = fs.statSync(path.join(OUT, name)).size;
  console.log(`${path.join(path.relative(REPO, OUT), name)}  ${(size / 1024).toFixed(0)} KiB`);
}

fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(OUT, { recursive: true });
const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-node-dist-'));
try {
  const optionalDependencies = {};
  for (const target of targets) {
    const name = `${main.name}-${target.npm}`;
    optionalDependencies[name] = main.version;
    const dir = path.join(stage, name);
    fs.mkdirSync(dir);
    const LIB_FILE = target.file;
    fs.copyFileSync(path.join(DIST_LIB, target.lib, LIB_FILE), path.join(dir, LIB_FILE));
    fs.chmodSync(path.join(dir, LIB_FILE), 0o755);
    const manifest = {
      name,
      version: main.version,
      description: `libchatwoot_identity for ${target.npm} (installed by chatwoot-identity; not used on its own)`,
      license: main.license,
      os: [target.os],
      cpu: [target.cpu],
      ...(target.libc ? { libc: [target.libc] } : {}),
      files: [LIB_FILE],
      exports: { [`./${LIB_FILE}`]: `./${LIB_FILE}`, './package.json': './package.json' },
      engines: main.engines,
    };
    fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.writeFileSync(
      path.join(dir, 'README.md'),
      `# ${name}\n\nThe prebuilt \`${LIB_FILE}\` of [chatwoot-identity](https://www.npmjs.com/package/${main.name}) for ${target.npm}.\n` +
        `Install \`${main.name}\`: npm picks this package on matching machines.\n`,
    );
    pack(dir);
  }

  // The main package as published: its files, plus the platform packages as optional dependencies.
  const dir = path.join(stage, main.name);
  fs.mkdirSync(dir);
  for (const entry of [...main.files, 'package.json']) {
    fs.cpSync(path.join(PACKAGE_DIR, entry), path.join(dir, entry), { recursive: true });
  }
  const published = { ...main, optionalDependencies };
  delete published.devDependencies;
  delete published.scripts;
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(published, null, 2)}\n`);
  pack(dir);
} finally {
  fs.rmSync(stage, { recursive: true, force: true });
}
