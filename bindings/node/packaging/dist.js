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
const targets = selectedTargets();

for (const target of targets) {
  const lib = path.join(DIST_LIB, target.lib, target.file);
  if (!fs.existsSync(lib)) {
    console.error(`bindings/node dist: ${lib} is missing: run \`make dist-libs\` at the repository root first`);
    process.exit(1);
  }
}

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
