'use strict';
// Checks a library file before it reaches the dynamic loader, which hangs on a FIFO and dies
// of SIGBUS on a truncated file: it must be a regular file whose executable format is this
// process's (ELF on Linux, Mach-O on macOS, PE on Windows), for this machine, with every
// header, load command and segment inside the file. Returns null when it is fine, else what is wrong.

const fs = require('node:fs');

// process.arch -> ELF e_machine, Mach-O cputype, PE machine; and whether it is 64-bit.
const MACHINES = {
  x64: { elf: 62, macho: 0x01000007, pe: 0x8664, bits: 64 },
  arm64: { elf: 183, macho: 0x0100000c, pe: 0xaa64, bits: 64 },
  ia32: { elf: 3, macho: 7, pe: 0x14c, bits: 32 },
  arm: { elf: 40, macho: 12, pe: 0x1c4, bits: 32 },
  riscv64: { elf: 243, bits: 64 },
  ppc64: { elf: 21, bits: 64 },
  s390x: { elf: 22, bits: 64 },
  loong64: { elf: 258, bits: 64 },
};
const FORMAT = { linux: 'ELF', darwin: 'Mach-O', win32: 'PE' };
const HEAD = 64 * 1024; // every format's headers the checks read lie in the first 64 KiB

/** What kind of thing a non-regular path is, in words. */
function kindOf(stat) {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * null when `file` looks loadable on this platform, else the reason it is not (a short phrase).
 * @param {string} file
 * @param {{platform?: string, arch?: string}} [inputs] this process's, unless faked by a test
 */
function problemWith(file, { platform = process.platform, arch = process.arch } = {}) {
  let fd;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK || 0));
  } catch (err) {
    if (err.code === 'ENOENT') return 'not found';
    if (err.code === 'ELOOP') return 'a symbolic link loop';
    if (err.code === 'EISDIR') return 'a directory, not a library file';
    if (err.code === 'EACCES' || err.code === 'EPERM') return 'not readable (permission denied)';
    return `cannot be opened (${err.code || err.message})`;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return `${kindOf(stat)}, not a library file`;
    const head = Buffer.alloc(Math.min(HEAD, stat.size));
    fs.readSync(fd, head, 0, head.length, 0);
    return formatProblem(head, stat.size, platform, arch);
  } finally {
    fs.closeSync(fd);
  }
}

function formatProblem(head, size, platform, arch) {
  const want = FORMAT[platform];
  const machine = MACHINES[arch];
  if (size === 0) return 'an empty file';
  const damaged = (what) => `damaged or truncated (${what} beyond its ${size} bytes): copy or download it again`;
  const check = { ELF: elfProblem, 'Mach-O': machoProblem, PE: peProblem }[want];
  if (!check) return null; // a platform this package has no prebuilt library for: the loader decides
  const found = detect(head);
  if (found === null) return `not a shared library (no ${want} header)`;
  if (found !== want) return `${found === 'ELF' ? 'an' : 'a'} ${found} file, but this platform (${platform}) loads ${want} libraries`;
  return check(head, size, machine, arch, damaged);
}

function detect(head) {
  if (head.length >= 4 && head.readUInt32BE(0) === 0x7f454c46) return 'ELF';
  if (head.length >= 4 && [0xfeedfacf, 0xfeedface, 0xcafebabe].includes(head.readUInt32LE(0))) return 'Mach-O';
  if (head.length >= 4 && head.readUInt32BE(0) === 0xcafebabe) return 'Mach-O';
  if (head.length >= 2 && head.toString('latin1', 0, 2) === 'MZ') return 'PE';
  return null;
}

/** Reads an unsigned field of `width` bytes, little-endian, or null past the bytes read. */
function u(head, offset, width) {
  if (offset + width > head.length) return null;
  return width === 8 ? Number(head.readBigUInt64LE(offset)) : head.readUIntLE(offset, width);
}

function elfProblem(head, size, machine, arch, damaged) {
  if (head.length < 52) return damaged('the ELF header ends');
  const bits = head[4] === 2 ? 64 : head[4] === 1 ? 32 : 0;
  if (head[5] !== 1) return 'a big-endian ELF file: not for this machine';
  if (u(head, 16, 2) !== 3) return 'an ELF file that is not a shared library (not ET_DYN)';
  const e = u(head, 18, 2);
  if (machine && (e !== machine.elf || bits !== machine.bits)) {
    return `an ELF library for another machine (e_machine ${e}, ${bits}-bit), not for this ${arch} process`;
  }
  const [phoff, phentsize, phnum] = bits === 64 ? [u(head, 32, 8), u(head, 54, 2), u(head, 56, 2)] : [u(head, 28, 4), u(head, 42, 2), u(head, 44, 2)];
  if (phoff === null || phoff + phentsize * phnum > size) return damaged('its program headers end');
  // The section headers come last in the file: a cut anywhere (a partial download) loses them.
  const [shoff, shentsize, shnum] = bits === 64 ? [u(head, 40, 8), u(head, 58, 2), u(head, 60, 2)] : [u(head, 32, 4), u(head, 46, 2), u(head, 48, 2)];
  if (shoff + shentsize * shnum > size) return damaged('its section headers end');
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    const [offset, filesz] = bits === 64 ? [u(head, at + 8, 8), u(head, at + 32, 8)] : [u(head, at + 4, 4), u(head, at + 16, 4)];
    if (offset === null) return damaged('its program headers end'); // headers past the bytes read: not a library we built
    if (u(head, at, 4) !== 0 && offset + filesz > size) return damaged(`segment ${i} ends`);
  }
  return null;
}

function machoProblem(head, size, machine, arch, damaged) {
  const magic = head.readUInt32LE(0);
  if (magic !== 0xfeedfacf) {
    // A universal (fat) file: the loader picks this machine's slice; check the slices fit.
    if (head.readUInt32BE(0) !== 0xcafebabe) return `a 32-bit Mach-O file, not for this ${arch} process`;
    const count = head.length >= 8 ? head.readUInt32BE(4) : 0;
    let ours = false;
    for (let i = 0; i < count; i++) {
      const at = 8 + i * 20;
      if (at + 20 > head.length) return damaged('its architecture table ends');
      if (head.readUInt32BE(at + 8) + head.readUInt32BE(at + 12) > size) return damaged(`slice ${i} ends`);
      if (machine && head.readUInt32BE(at) === machine.macho) ours = true;
    }
    return ours || !machine ? null : `a universal Mach-O library without a slice for this ${arch} process`;
  }
  if (head.length < 32) return damaged('the Mach-O header ends');
  const cputype = head.readUInt32LE(4);
  if (machine && cputype !== machine.macho) return `a Mach-O library for another machine (cputype 0x${cputype.toString(16)}), not for this ${arch} process`;
  const ncmds = head.readUInt32LE(16);
  const sizeofcmds = head.readUInt32LE(20);
  if (32 + sizeofcmds > size) return damaged('its load commands end');
  let at = 32;
  for (let i = 0; i < ncmds; i++) {
    const cmd = u(head, at, 4);
    const cmdsize = u(head, at + 4, 4);
    if (cmd === null || cmdsize === null || cmdsize < 8) return damaged('its load commands end');
    if (cmd === 0x19) {
      const fileoff = u(head, at + 40, 8);
      const filesize = u(head, at + 48, 8);
      if (fileoff === null || fileoff + filesize > size) return damaged(`segment ${i} ends`);
    }
    at += cmdsize;
  }
  return null;
}

function peProblem(head, size, machine, arch, damaged) {
  const lfanew = u(head, 0x3c, 4);
  if (lfanew === null || lfanew + 24 > size) return damaged('the PE header ends');
  if (u(head, lfanew, 4) !== 0x4550) return 'not a shared library (an MZ file without a PE header)';
  const m = u(head, lfanew + 4, 2);
  if (machine && machine.pe !== undefined && m !== machine.pe) {
    return `a PE library for another machine (machine 0x${m.toString(16)}), not for this ${arch} process`;
  }
  const sections = u(head, lfanew + 6, 2);
  const table = lfanew + 24 + u(head, lfanew + 20, 2);
  for (let i = 0; i < sections; i++) {
    const at = table + i * 40;
    const rawSize = u(head, at + 16, 4);
    const rawPtr = u(head, at + 20, 4);
    if (rawSize === null || rawPtr + rawSize > size) return damaged(`section ${i} ends`);
  }
  return null;
}

module.exports = { problemWith };
