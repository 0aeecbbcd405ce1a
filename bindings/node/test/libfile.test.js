'use strict';
// The library file check (lib/libfile.js) for the three executable formats, with the platform
// faked: headers built here, whole or cut short, for this and for another machine.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { problemWith } = require('../lib/libfile');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-node-libfile-'));
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name, bytes) {
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return p;
}

/** A 64-bit Mach-O dylib: header, one LC_SEGMENT_64 mapping [0, segmentEnd), padded to size. */
function macho({ cputype, segmentEnd, size }) {
  const b = Buffer.alloc(size);
  b.writeUInt32LE(0xfeedfacf, 0);
  b.writeUInt32LE(cputype, 4);
  b.writeUInt32LE(6, 12); // MH_DYLIB
  b.writeUInt32LE(1, 16); // ncmds
  b.writeUInt32LE(72, 20); // sizeofcmds
  b.writeUInt32LE(0x19, 32); // LC_SEGMENT_64
  b.writeUInt32LE(72, 36);
  b.writeBigUInt64LE(0n, 32 + 40);
  b.writeBigUInt64LE(BigInt(segmentEnd), 32 + 48);
  return b;
}

/** A PE DLL: MZ stub, PE header, one section of raw data [512, 512 + rawSize). */
function pe({ machine, rawSize, size }) {
  const b = Buffer.alloc(size);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.writeUInt32LE(0x4550, 0x80);
  b.writeUInt16LE(machine, 0x84);
  b.writeUInt16LE(1, 0x86); // sections
  b.writeUInt16LE(0xf0, 0x80 + 20); // optional header size
  const section = 0x80 + 24 + 0xf0;
  b.writeUInt32LE(rawSize, section + 16);
  b.writeUInt32LE(512, section + 20);
  return b;
}

test('macOS: a whole dylib of this machine passes; truncated, foreign or ELF ones are named', () => {
  const mac = { platform: 'darwin', arch: 'arm64' };
  assert.equal(problemWith(file('ok.dylib', macho({ cputype: 0x0100000c, segmentEnd: 4096, size: 4096 })), mac), null);
  assert.match(problemWith(file('cut.dylib', macho({ cputype: 0x0100000c, segmentEnd: 4096, size: 2048 })), mac), /^damaged or truncated \(segment 0 ends beyond its 2048 bytes\)/);
  assert.match(problemWith(file('x64.dylib', macho({ cputype: 0x01000007, segmentEnd: 4096, size: 4096 })), mac), /another machine \(cputype 0x1000007\), not for this arm64 process/);
  assert.equal(problemWith(file('x64ok.dylib', macho({ cputype: 0x01000007, segmentEnd: 4096, size: 4096 })), { platform: 'darwin', arch: 'x64' }), null);
  assert.match(problemWith(file('head.dylib', macho({ cputype: 0x0100000c, segmentEnd: 4096, size: 4096 }).subarray(0, 40)), mac), /^damaged or truncated/);
  const elf = Buffer.alloc(64);
  elf.writeUInt32BE(0x7f454c46, 0);
  assert.equal(problemWith(file('elf.dylib', elf), mac), 'an ELF file, but this platform (darwin) loads Mach-O libraries');
});

test('Windows: a whole DLL of this machine passes; truncated, foreign or text ones are named', () => {
  const win = { platform: 'win32', arch: 'x64' };
  assert.equal(problemWith(file('ok.dll', pe({ machine: 0x8664, rawSize: 512, size: 1024 })), win), null);
  assert.match(problemWith(file('cut.dll', pe({ machine: 0x8664, rawSize: 4096, size: 1024 })), win), /^damaged or truncated \(section 0 ends beyond its 1024 bytes\)/);
  assert.match(problemWith(file('arm.dll', pe({ machine: 0xaa64, rawSize: 512, size: 1024 })), win), /another machine \(machine 0xaa64\), not for this x64 process/);
  assert.equal(problemWith(file('arm-ok.dll', pe({ machine: 0xaa64, rawSize: 512, size: 1024 })), { platform: 'win32', arch: 'arm64' }), null);
  assert.equal(problemWith(file('text.dll', 'not a dll\n'), win), 'not a shared library (no PE header)');
  assert.equal(problemWith(file('empty.dll', ''), win), 'an empty file');
});
