#!/usr/bin/env python3
"""Damaged vendor files: what the shim does with them.

Copies of Debian's real librbd.so.1 and librados.so.2 (the installed
Pacific ones), each truncated (4 KiB, 64 KiB, 1 MiB, half) or with one
structure the dynamic loader reads corrupted, are named through
RBDCOMPAT_LIBRBD / RBDCOMPAT_LIBRADOS to a program linked to the shim
(call_version.c). Without the shim's check glibc's loader dies of SIGBUS
or SIGSEGV on most of them, or loads a data symbol as rbd_version and
jumps into it. Each must give: exit 0 (no signal), the version 0.0.0,
and one warning "cannot load FILE: ..." naming what is wrong. Undamaged
copies must still load.

  damage.py CALL_VERSION_PROGRAM
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile

CALL = sys.argv[1]
PT_LOAD, PT_DYNAMIC = 1, 2
DT_NULL, DT_NEEDED, DT_RELA, DT_INIT = 0, 1, 7, 12
DT_GNU_HASH, DT_VERSYM, DT_VERNEED = 0x6ffffef5, 0x6ffffff0, 0x6ffffffe
failures = 0


def library(soname):
    out = subprocess.run(['/sbin/ldconfig', '-p'], capture_output=True,
                         text=True).stdout
    for line in out.splitlines():
        if line.strip().startswith(soname + ' ') and 'x86-64' in line:
            return os.path.realpath(line.split('=> ')[1].strip())
    return None


RBD, RADOS = library('librbd.so.1'), library('librados.so.2')
if os.uname().machine != 'x86_64' or not RBD or not RADOS:
    print('SKIP: no x86-64 librbd.so.1/librados.so.2 installed (Debian'
          ' librbd1, librados2)')
    sys.exit(77)


class Elf:
    """Just enough of an ELF64 little-endian file to damage it."""

    def __init__(self, path):
        self.b = bytearray(open(path, 'rb').read())
        (self.phoff,) = struct.unpack_from('<Q', self.b, 32)
        (self.shoff,) = struct.unpack_from('<Q', self.b, 40)
        self.phnum, = struct.unpack_from('<H', self.b, 56)
        self.shnum, = struct.unpack_from('<H', self.b, 60)
        self.phdrs = [self.phoff + 56 * i for i in range(self.phnum)]

    def ph(self, at):
        return struct.unpack_from('<IIQQQQQQ', self.b, at)

    def segment(self, ptype):
        return next(a for a in self.phdrs if self.ph(a)[0] == ptype)

    def off(self, vaddr):
        for a in self.phdrs:
            t, _, o, v, _, fsz, _, _ = self.ph(a)
            if t == PT_LOAD and v <= vaddr < v + fsz:
                return o + vaddr - v
        raise KeyError(hex(vaddr))

    def dyn_entries(self):
        _, _, o, _, _, fsz, _, _ = self.ph(self.segment(PT_DYNAMIC))
        for k in range(fsz // 16):
            tag, val = struct.unpack_from('<qQ', self.b, o + 16 * k)
            yield o + 16 * k, tag, val
            if tag == DT_NULL:
                return

    def dyn(self, tag):
        return next((at, v) for at, t, v in self.dyn_entries() if t == tag)

    def set_dyn(self, tag, val):
        struct.pack_into('<Q', self.b, self.dyn(tag)[0] + 8, val)

    def cstr(self, at):
        return bytes(self.b[at:self.b.find(b'\0', at)]).decode()

    def section(self, name):
        shstr = self.shoff + 64 * struct.unpack_from('<H', self.b, 62)[0]
        stroff = struct.unpack_from('<Q', self.b, shstr + 24)[0]
        for i in range(self.shnum):
            at = self.shoff + 64 * i
            n, = struct.unpack_from('<I', self.b, at)
            if self.cstr(stroff + n) == name:
                return struct.unpack_from('<QQ', self.b, at + 24)
        raise KeyError(name)

    def symbol(self, name):
        """File offset of the dynamic symbol entry called name."""
        symoff, symsz = self.section('.dynsym')
        stroff, _ = self.section('.dynstr')
        for at in range(symoff, symoff + symsz, 24):
            n, = struct.unpack_from('<I', self.b, at)
            if self.cstr(stroff + n) == name:
                return at
        raise KeyError(name)


def damaged_copies(path, ident):
    """(label, bytes, what the message must say) for one library."""
    orig = open(path, 'rb').read()
    for n in (4096, 65536, 1 << 20, len(orig) // 2):
        yield ('truncated at %d bytes' % n, orig[:n],
               'truncated: segment 0' if n < 0x7b088 else 'truncated:')

    def edit(fn):
        e = Elf(path)
        fn(e)
        return bytes(e.b)

    yield ('%s is a data object' % ident,
           edit(lambda e: e.b.__setitem__(e.symbol(ident) + 4,
                                          (e.b[e.symbol(ident) + 4] & 0xf0)
                                          | 1)),
           'its %s is a data object, not a function' % ident)
    yield ('another architecture (AArch64)',
           edit(lambda e: struct.pack_into('<H', e.b, 18, 183)),
           'AArch64 file, this process is ELF64 little-endian x86-64:'
           ' another architecture')
    yield ('another ELF class', edit(lambda e: e.b.__setitem__(4, 1)),
           'it is an ELF32 little-endian x86-64 file, this process is ELF64')
    if path != RBD:
        return
    yield ('program headers beyond the end',
           edit(lambda e: struct.pack_into('<Q', e.b, 32, len(e.b) - 8)),
           'program headers at byte')

    def move_dynamic(e):
        at = e.segment(PT_DYNAMIC)
        struct.pack_into('<Q', e.b, at + 16, e.ph(at)[3] + 0x40000000)
    yield ('dynamic segment outside the file', edit(move_dynamic),
           'the dynamic segment (address 0x')

    def drop_null(e):
        at = e.segment(PT_DYNAMIC)
        n = sum(1 for _ in e.dyn_entries()) - 1
        struct.pack_into('<Q', e.b, at + 32, 16 * n)
    yield ('no DT_NULL in the dynamic segment', edit(drop_null),
           'has no DT_NULL end')
    yield ('string table beyond the file',
           edit(lambda e: e.set_dyn(5, 0x7fff0000)),
           'the string table (DT_STRTAB, DT_STRSZ)')
    yield ('string table size beyond the file',
           edit(lambda e: e.set_dyn(10, 0x7fffffff)),
           'the string table (DT_STRTAB, DT_STRSZ)')
    yield ('symbol table beyond the file',
           edit(lambda e: e.set_dyn(6, 0x7fff0000)),
           'the symbol table (DT_SYMTAB)')
    yield ('DT_NEEDED outside the string table',
           edit(lambda e: e.set_dyn(DT_NEEDED, 0xfffffff)),
           'names a library or path at offset 268435455')

    def gnu_hash(e):
        return e.off(e.dyn(DT_GNU_HASH)[1])
    yield ('GNU hash: too many buckets',
           edit(lambda e: struct.pack_into('<I', e.b, gnu_hash(e),
                                           0x7fffffff)),
           "the GNU hash table's 2147483647 buckets run past")
    yield ('GNU hash: empty Bloom filter',
           edit(lambda e: struct.pack_into('<I', e.b, gnu_hash(e) + 8, 0)),
           'a Bloom filter of 0 words')

    def bad_bucket(e):
        h = gnu_hash(e)
        nbloom, = struct.unpack_from('<I', e.b, h + 8)
        struct.pack_into('<I', e.b, h + 16 + 8 * nbloom, 0x7ffffff0)
    yield ('GNU hash: a bucket beyond the chains', edit(bad_bucket),
           'a GNU hash chain runs past the end of its segment')
    yield ('symbol name outside the string table',
           edit(lambda e: struct.pack_into('<I', e.b, e.symbol(ident),
                                           0xfffffff0)),
           'has its name at offset 4294967280')
    yield ('version table beyond the file',
           edit(lambda e: e.set_dyn(DT_VERSYM, 0x7fff0000)),
           'the symbol version table (DT_VERSYM)')
    yield ('a version index nothing defines',
           edit(lambda e: struct.pack_into(
               '<H', e.b, e.off(e.dyn(DT_VERSYM)[1]) + 2, 0x7ff0)),
           'has version index 32752')
    yield ('version need chain out of bounds',
           edit(lambda e: struct.pack_into(
               '<I', e.b, e.off(e.dyn(DT_VERNEED)[1]) + 12, 0x7ffffff0)),
           'a version need entry runs past the end of its segment')
    yield ('version need naming a string outside the table',
           edit(lambda e: struct.pack_into(
               '<I', e.b, e.off(e.dyn(DT_VERNEED)[1]) + 4, 0xfffffff0)),
           'a version need names a library outside the string table')
    yield ('relocation of a symbol that does not exist',
           edit(lambda e: struct.pack_into(
               '<Q', e.b, e.off(e.dyn(DT_RELA)[1]) + 8, (0xffffff << 32) | 8)),
           'a relocation in DT_RELA names symbol 16777215')
    yield ('relocation writing outside the file',
           edit(lambda e: struct.pack_into(
               '<Q', e.b, e.off(e.dyn(DT_RELA)[1]), 0x7fff00000000)),
           'a relocation in DT_RELA writes to address 0x7fff00000000')
    yield ('initialiser outside the code',
           edit(lambda e: e.set_dyn(DT_INIT, 0x7fff0000)),
           'its initialiser (DT_INIT 0x7fff0000) is not in an executable')


def run(env_name, path):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith('RBDCOMPAT_')}
    env[env_name] = path
    env['RBDCOMPAT_LOG'] = 'warn'
    try:
        p = subprocess.run([CALL], env=env, capture_output=True, text=True,
                           errors='replace', timeout=120)
    except subprocess.TimeoutExpired:
        return None, '', 'timed out'
    return p.returncode, p.stdout, p.stderr


def check(ok, what):
    global failures
    print('%s  %s' % ('ok  ' if ok else 'FAIL', what))
    if not ok:
        failures += 1


work = tempfile.mkdtemp(prefix='damaged-vendor-')
try:
    for path, env_name, lib, ident in ((RBD, 'RBDCOMPAT_LIBRBD', 'rbd',
                                        'rbd_version'),
                                       (RADOS, 'RBDCOMPAT_LIBRADOS',
                                        'rados', 'rados_version')):
        copy = os.path.join(work, 'intact-' + os.path.basename(path))
        shutil.copyfile(path, copy)
        rc, out, err = run(env_name, copy)
        check(rc == 0 and '%s 0.0.0' % lib not in out and
              'cannot load' not in err,
              '%s: an undamaged copy loads (%s)' % (lib, out.split('\n')[
                  0 if lib == 'rbd' else 1]))
        for k, (label, data, want) in enumerate(damaged_copies(path, ident)):
            f = os.path.join(work, '%s-%d.so' % (lib, k))
            with open(f, 'wb') as fh:
                fh.write(data)
            rc, out, err = run(env_name, f)
            lines = [x for x in err.splitlines() if 'cannot load' in x]
            check(rc == 0 and '%s 0.0.0' % lib in out and len(lines) == 1 and
                  ('cannot load %s: ' % f) in lines[0] and want in lines[0],
                  '%s, %s: %s' % (
                      lib, label, 'signal %d' % -rc if rc and rc < 0 else
                      (lines[0].split(': ', 2)[-1] if lines else
                       'rc %s, stderr %r' % (rc, err[-300:]))))
finally:
    shutil.rmtree(work)
print('%d check(s) failed' % failures if failures else 'all passed')
sys.exit(1 if failures else 0)
