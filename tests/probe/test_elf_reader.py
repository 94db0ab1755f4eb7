#!/usr/bin/env python3
"""The probe's ELF reader (tools/probe/elf_read.c), through probe-elf-dump.

- Generated files in both classes and both byte orders, for several
  machines: the reader must give back exactly what make_elf.py wrote.
- Real files of this machine (qemu's block-rbd.so, python3-rbd, librados,
  /bin/true): the same undefined symbols, versions, weak flags, needed
  libraries, soname and version definitions as nm and readelf.
- Damaged files (every truncation, many random byte changes): an error
  or a result, never a crash. Section headers are ignored, as by the
  loader; an ELF header followed by zeros is an error.
"""
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probecommon import (ELF_DUMP, PY_RBD, QEMU_RBD, SYSLIB, check,  # noqa
                         check_eq, done, make_elf)

work = tempfile.mkdtemp(prefix='probe-elf-')


def dump(path):
    p = subprocess.run([ELF_DUMP, path], capture_output=True, text=True,
                       errors='replace')
    if p.returncode < 0:
        print('probe-elf-dump died of signal %d on %s' % (-p.returncode, path))
        sys.exit(1)
    return p.returncode, p.stdout.splitlines()


def lines(out, key):
    return [line[len(key) + 1:] for line in out if line.startswith(key + ' ')]


# ---- generated files
MACHINES = {'x86-64': 62, 'i386': 3, 'ppc64': 21, 's390': 22, 'aarch64': 183}
undef = ['rbd_open', 'rados_ioctx_pool_stat@LIBRADOS_14.2.0@librados.so.2',
         'rados_x@LIBRADOS_PRIVATE@librados.so.2', 'rbd_y@V_9@librbd.so.1',
         'weak_one!weak']
for cls in (32, 64):
    for endian in ('little', 'big'):
        for mname, mnum in MACHINES.items():
            f = make_elf(os.path.join(work, 'g-%d-%s-%s.so' % (cls, endian,
                                                               mname)),
                         '--class', str(cls), '--endian', endian,
                         '--machine', mname, '--soname', 'libg.so.1',
                         '--needed', 'librbd.so.1', '--needed',
                         'librados.so.2', '--verdef', 'G_1', '--verdef',
                         'G_2', '--define', 'exported_a', '--define',
                         'exported_b', '--bind-now',
                         *sum((['--undef', u] for u in undef), []))
            rc, out = dump(f)
            want = ['class %d' % cls, 'endian %s' % endian,
                    'machine %d' % mnum, 'type 3', 'bind_now 1',
                    'soname libg.so.1', 'needed librbd.so.1',
                    'needed librados.so.2', 'verdef G_1', 'verdef G_2',
                    'verneed librados.so.2 LIBRADOS_14.2.0',
                    'verneed librados.so.2 LIBRADOS_PRIVATE',
                    'verneed librbd.so.1 V_9',
                    'undef rbd_open',
                    'undef rados_ioctx_pool_stat LIBRADOS_14.2.0 librados.so.2',
                    'undef rados_x LIBRADOS_PRIVATE librados.so.2',
                    'undef rbd_y V_9 librbd.so.1',
                    'undef weak_one weak', 'defined 2']
            check_eq(out, want, 'ELF%d %s-endian %s: read back exactly' % (
                cls, endian, mname))
            # readelf agrees on what we wrote (an independent reader).
            ro = subprocess.run(['readelf', '-W', '--dyn-syms', f],
                                capture_output=True, text=True).stdout
            names = re.findall(r'\bUND (\S+)(?: \(\d+\))?$', ro, re.M)
            check_eq(sorted(n.split('@')[0] for n in names),
                     sorted(u.split('@')[0].split('!')[0] for u in undef),
                     'ELF%d %s-endian %s: readelf sees the same undefined'
                     ' symbols' % (cls, endian, mname))

# Types and the lazy/bind-now flag.
for t, num in (('exec', 2), ('rel', 1)):
    rc, out = dump(make_elf(os.path.join(work, 't-' + t), '--type', t))
    check('type %d' % num in out and 'bind_now 0' in out,
          'e_type %s, lazy binding' % t)

# ---- real files, against nm and readelf
def nm_undef(path):
    out = subprocess.run(['nm', '-D', '--undefined-only', path],
                         capture_output=True, text=True, check=True).stdout
    res = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2:
            name, _, ver = parts[1].partition('@')
            res.append((name, ver or None, parts[0] in ('w', 'v')))
    return sorted(res)


def readelf_dynamic(path):
    out = subprocess.run(['readelf', '-d', '-W', path], capture_output=True,
                         text=True).stdout
    return (re.findall(r'\(NEEDED\)\s+Shared library: \[(.*)\]', out),
            re.findall(r'\(SONAME\)\s+Library soname: \[(.*)\]', out))


def readelf_verdefs(path):
    out = subprocess.run(['readelf', '-V', '-W', path], capture_output=True,
                         text=True).stdout
    m = re.search(r"Version definition section.*?\n\n", out, re.S)
    if not m:
        return []
    return re.findall(r'Flags: none\s+Index: \d+\s+Cnt: \d+\s+Name: (\S+)',
                      m.group(0))


real = [p for p in (QEMU_RBD, PY_RBD, os.path.join(SYSLIB, 'librados.so.2'),
                    os.path.join(SYSLIB, 'librbd.so.1'), '/bin/true',
                    ELF_DUMP) if os.path.exists(p)]
for p in real:
    base = os.path.basename(p)
    rc, out = dump(p)
    got = []
    for line in lines(out, 'undef'):
        f = line.split()
        weak = f[-1] == 'weak'
        if weak:
            f = f[:-1]
        got.append((f[0], f[1] if len(f) >= 3 else None, weak))
    check_eq(sorted(got), nm_undef(p), base + ': undefined symbols, versions'
             ' and weak flags as nm -D (%d)' % len(got))
    needed, soname = readelf_dynamic(p)
    check_eq(lines(out, 'needed'), needed, base + ': DT_NEEDED as readelf')
    check_eq(lines(out, 'soname'), soname, base + ': DT_SONAME as readelf')
    check_eq(lines(out, 'verdef'), readelf_verdefs(p),
             base + ': version definitions as readelf')

# ---- damaged files
seed_file = os.path.join(work, 'g-64-little-x86-64.so')
data = open(seed_file, 'rb').read()
cut = os.path.join(work, 'cut')
crashes = 0
for n in range(len(data)):
    with open(cut, 'wb') as f:
        f.write(data[:n])
    rc, out = dump(cut)
    if rc not in (0, 1):
        crashes += 1
check_eq(crashes, 0, 'every truncation (%d): a result or an error' %
         len(data))

rng = random.Random(20240517)
odd = 0
for i in range(1500):
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        b[rng.randrange(len(b))] = rng.randrange(256)
    with open(cut, 'wb') as f:
        f.write(bytes(b))
    rc, out = dump(cut)
    if rc not in (0, 1):
        odd += 1
check_eq(odd, 0, '1500 randomly damaged files: a result or an error')

# Extended section numbering: e_shnum 0, the count in section 0's sh_size.
b = bytearray(data)
shoff = struct.unpack_from('<Q', b, 40)[0]
shnum = struct.unpack_from('<H', b, 60)[0]
struct.pack_into('<H', b, 60, 0)
struct.pack_into('<Q', b, shoff + 32, shnum)
ext = os.path.join(work, 'extended')
with open(ext, 'wb') as f:
    f.write(bytes(b))
check_eq(dump(ext)[1], dump(seed_file)[1], 'extended section numbering')
# No section headers (sstrip): the loader does not read them, nor do we.
b = bytearray(data)
struct.pack_into('<Q', b, 40, 0)
struct.pack_into('<H', b, 60, 0)
with open(cut, 'wb') as f:
    f.write(bytes(b))
check_eq(dump(cut)[1], dump(seed_file)[1], 'no section headers: the same')
# A section header count far beyond the file: ignored, as by the loader.
b = bytearray(data)
struct.pack_into('<H', b, 60, 0xffff)
with open(cut, 'wb') as f:
    f.write(bytes(b))
check_eq(dump(cut)[1], dump(seed_file)[1], 'huge section count: the same')
# An ELF header followed by zeros: nothing the loader could map.
with open(cut, 'wb') as f:
    f.write(data[:64] + bytes(len(data) - 64))
rc, out = dump(cut)
check(rc == 1 and 'no loadable segment' in out[0], 'header and zeros: ' +
      ' '.join(out))
shutil.rmtree(work)
done()
