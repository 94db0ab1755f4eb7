#!/usr/bin/env python3
"""Small ELF files with chosen dynamic symbols, for the probe's tests.

Writes what the dynamic linker reads and nothing else: an ELF header,
.dynstr, .dynsym, .gnu.version, .gnu.version_r, .gnu.version_d, .dynamic
and .shstrtab, in either ELF class and either byte order, for any machine.
No code: the files are only ever read, never run.

  make_elf.py OUT [--class 32|64] [--endian little|big] [--machine N]
              [--type dyn|exec|rel] [--soname S] [--needed LIB]...
              [--undef NAME[@VERSION@FILE][!weak]]... [--define NAME]...
              [--verdef VERSION]... [--bind-now]
  make_elf.py --corpus DIR      seed corpus for the fuzzer
"""
import argparse
import os
import struct
import sys

EM = {'x86-64': 62, 'i386': 3, 'ppc64': 21, 's390': 22, 'aarch64': 183}
ET = {'rel': 1, 'exec': 2, 'dyn': 3}
SHT_STRTAB, SHT_DYNAMIC, SHT_DYNSYM = 3, 6, 11
SHT_VERDEF, SHT_VERNEED, SHT_VERSYM = 0x6ffffffd, 0x6ffffffe, 0x6fffffff
SHT_HASH = 5
DT_NEEDED, DT_SONAME, DT_FLAGS, DF_BIND_NOW = 1, 14, 30, 8
DT_HASH, DT_STRTAB, DT_SYMTAB, DT_STRSZ, DT_SYMENT = 4, 5, 6, 10, 11
DT_VERSYM, DT_VERDEF, DT_VERDEFNUM = 0x6ffffff0, 0x6ffffffc, 0x6ffffffd
DT_VERNEED, DT_VERNEEDNUM = 0x6ffffffe, 0x6fffffff


class Strtab:
    def __init__(self):
        self.data = b'\0'
        self.index = {'': 0}

    def add(self, s):
        if s not in self.index:
            self.index[s] = len(self.data)
            self.data += s.encode() + b'\0'
        return self.index[s]


def elf_hash(name):
    h = 0
    for c in name.encode():
        h = (h << 4) + c
        g = h & 0xf0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xffffffff
    return h


def build(c64=True, big=False, machine=62, etype='dyn', soname=None,
          needed=(), undef=(), define=(), verdef=(), bind_now=False):
    """undef: [(name, version or None, file or None, weak)]."""
    e = '>' if big else '<'
    dynstr, shstr = Strtab(), Strtab()
    for n in needed:
        dynstr.add(n)
    if soname:
        dynstr.add(soname)

    # Version indexes: 1 is the base; definitions (2...), then needs.
    files = []
    for _, ver, fil, _ in undef:
        if ver and fil not in files:
            files.append(fil)
    vn_index, nxt = {}, len(verdef) + 2
    for _, ver, fil, _ in undef:
        if ver and (fil, ver) not in vn_index:
            vn_index[(fil, ver)] = nxt
            nxt += 1

    # .dynsym (+ .gnu.version)
    syms = [(0, 0, 0, 0)]  # name, info, shndx, versym
    for name, ver, fil, weak in undef:
        bind = 2 if weak else 1
        syms.append((dynstr.add(name), (bind << 4) | 2, 0,
                     vn_index[(fil, ver)] if ver else 1))
    for name in define:
        syms.append((dynstr.add(name), (1 << 4) | 2, 5, 1))
    for v in verdef:
        dynstr.add(v)
    if soname:
        dynstr.add(soname)
    dynsym = b''
    for name, info, shndx, _ in syms:
        if c64:
            dynsym += struct.pack(e + 'IBBHQQ', name, info, 0, shndx, 0, 0)
        else:
            dynsym += struct.pack(e + 'IIIBBH', name, 0, 0, info, 0, shndx)
    versym = b''.join(struct.pack(e + 'H', s[3]) for s in syms)

    # .gnu.version_r
    verneed = b''
    for k, fil in enumerate(files):
        vers = [(v, i) for (f, v), i in vn_index.items() if f == fil]
        nxt_off = 0 if k == len(files) - 1 else 16 + 16 * len(vers)
        verneed += struct.pack(e + 'HHIII', 1, len(vers), dynstr.add(fil), 16,
                               nxt_off)
        for j, (v, i) in enumerate(vers):
            verneed += struct.pack(e + 'IHHII', elf_hash(v), 0, i,
                                   dynstr.add(v),
                                   0 if j == len(vers) - 1 else 16)

    # .gnu.version_d: the base entry, then each version.
    verdefs = b''
    if verdef:
        names = [soname or 'lib.so'] + list(verdef)
        for k, v in enumerate(names):
            nxt_off = 0 if k == len(names) - 1 else 28
            verdefs += struct.pack(e + 'HHHHIII', 1, 1 if k == 0 else 0, k + 1,
                                   1, elf_hash(v), 20, nxt_off)
            verdefs += struct.pack(e + 'II', dynstr.add(v), 0)

    # .hash: every symbol in one bucket, chained downwards.
    n = len(syms)
    hashtab = struct.pack(e + 'II', 1, n) + struct.pack(e + 'I', n - 1) + \
        b''.join(struct.pack(e + 'I', max(i - 1, 0)) for i in range(n))

    # .dynamic: what the loader reads, by address (= file offset here,
    # filled in once the layout is known).
    def dynamic_of(where):
        dyn = []
        for n in needed:
            dyn.append((DT_NEEDED, dynstr.add(n)))
        if soname:
            dyn.append((DT_SONAME, dynstr.add(soname)))
        if bind_now:
            dyn.append((DT_FLAGS, DF_BIND_NOW))
        dyn += [(DT_HASH, where.get('.hash', 0)),
                (DT_STRTAB, where.get('.dynstr', 0)),
                (DT_STRSZ, len(dynstr.data)),
                (DT_SYMTAB, where.get('.dynsym', 0)),
                (DT_SYMENT, 24 if c64 else 16),
                (DT_VERSYM, where.get('.gnu.version', 0))]
        if files:
            dyn += [(DT_VERNEED, where.get('.gnu.version_r', 0)),
                    (DT_VERNEEDNUM, len(files))]
        if verdef:
            dyn += [(DT_VERDEF, where.get('.gnu.version_d', 0)),
                    (DT_VERDEFNUM, len(verdef) + 1)]
        dyn.append((0, 0))
        return b''.join(struct.pack(e + ('qQ' if c64 else 'iI'), t, v)
                        for t, v in dyn)
    dynamic = dynamic_of({})

    # name, type, data, link, info, entsize
    sections = [('', 0, b'', 0, 0, 0),
                ('.dynstr', SHT_STRTAB, None, 0, 0, 0),
                ('.hash', SHT_HASH, hashtab, 3, 0, 4),
                ('.dynsym', SHT_DYNSYM, dynsym, 1, 1, 24 if c64 else 16),
                ('.gnu.version', SHT_VERSYM, versym, 3, 0, 2),
                ('.gnu.version_r', SHT_VERNEED, verneed, 1, len(files), 0),
                ('.dynamic', SHT_DYNAMIC, dynamic, 1, 0, 16 if c64 else 8)]
    if verdef:
        sections.append(('.gnu.version_d', SHT_VERDEF, verdefs, 1,
                         len(verdef) + 1, 0))
    sections.append(('.shstrtab', SHT_STRTAB, None, 0, 0, 0))
    for s in sections:
        shstr.add(s[0])
    ehsize = 64 if c64 else 52
    # Program headers: PT_LOAD of the whole file at address 0, PT_DYNAMIC.
    # The probe, like the loader, reads the dynamic segment; the section
    # headers are for readelf and nm.
    phentsize, phnum = (56 if c64 else 32), 2
    start = ehsize + phentsize * phnum
    body, offsets = b'', []
    for name, typ, data, link, info, ent in sections:
        if name == '.dynstr':
            data = dynstr.data
        elif name == '.shstrtab':
            data = shstr.data
        while (start + len(body)) % 8:
            body += b'\0'
        offsets.append((start + len(body), len(data)))
        body += data
    while (start + len(body)) % 8:
        body += b'\0'
    where = {name: off for (name, *_), (off, _) in zip(sections, offsets)}
    d_off = where['.dynamic'] - start
    body = body[:d_off] + dynamic_of(where) + body[d_off + len(dynamic):]
    shoff = start + len(body)
    shdrs = b''
    for (name, typ, data, link, info, ent), (off, size) in zip(sections,
                                                               offsets):
        if not name:
            off = size = 0
        if c64:
            shdrs += struct.pack(e + 'IIQQQQIIQQ', shstr.add(name), typ, 0,
                                 off, off, size, link, info, 8, ent)
        else:
            shdrs += struct.pack(e + 'IIIIIIIIII', shstr.add(name), typ, 0,
                                 off, off, size, link, info, 4, ent)
    total = shoff + len(shdrs)
    dyn_off, dyn_size = offsets[[x[0] for x in sections].index('.dynamic')]
    if c64:
        phdrs = struct.pack(e + 'IIQQQQQQ', 1, 4, 0, 0, 0, total, total, 8)
        phdrs += struct.pack(e + 'IIQQQQQQ', 2, 4, dyn_off, dyn_off, dyn_off,
                             dyn_size, dyn_size, 8)
    else:
        phdrs = struct.pack(e + 'IIIIIIII', 1, 0, 0, 0, total, total, 4, 4)
        phdrs += struct.pack(e + 'IIIIIIII', 2, dyn_off, dyn_off, dyn_off,
                             dyn_size, dyn_size, 4, 4)
    ident = b'\x7fELF' + bytes([2 if c64 else 1, 2 if big else 1, 1]) + \
        b'\0' * 9
    shentsize = 64 if c64 else 40
    if c64:
        hdr = ident + struct.pack(e + 'HHIQQQIHHHHHH', ET[etype], machine, 1,
                                  0, ehsize, shoff, 0, ehsize, phentsize,
                                  phnum, shentsize, len(sections),
                                  len(sections) - 1)
    else:
        hdr = ident + struct.pack(e + 'HHIIIIIHHHHHH', ET[etype], machine, 1,
                                  0, ehsize, shoff, 0, ehsize, phentsize,
                                  phnum, shentsize, len(sections),
                                  len(sections) - 1)
    return hdr + phdrs + body + shdrs


def parse_undef(spec):
    weak = spec.endswith('!weak')
    spec = spec[:-5] if weak else spec
    parts = spec.split('@')
    if len(parts) == 3:
        return (parts[0], parts[1], parts[2], weak)
    return (spec, None, None, weak)


SEED_UNDEF = [('rbd_open', None, None, False),
              ('rados_ioctx_pool_stat', 'LIBRADOS_14.2.0', 'librados.so.2',
               False),
              ('rbd_weak', None, None, True)]


def corpus(d):
    os.makedirs(d, exist_ok=True)
    k = 0
    for c64 in (True, False):
        for big in (False, True):
            for vd in ((), ('V_1',)):
                data = build(c64, big, 62, 'dyn', 'librx.so.1',
                             ['librbd.so.1'], SEED_UNDEF, ['exported'],
                             vd, big)
                with open(os.path.join(d, 'seed%02d' % k), 'wb') as f:
                    f.write(data)
                k += 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('out', nargs='?')
    ap.add_argument('--corpus')
    ap.add_argument('--class', dest='cls', type=int, default=64)
    ap.add_argument('--endian', default='little')
    ap.add_argument('--machine', default='x86-64')
    ap.add_argument('--type', default='dyn')
    ap.add_argument('--soname')
    ap.add_argument('--needed', action='append', default=[])
    ap.add_argument('--undef', action='append', default=[])
    ap.add_argument('--define', action='append', default=[])
    ap.add_argument('--verdef', action='append', default=[])
    ap.add_argument('--bind-now', action='store_true')
    a = ap.parse_args()
    if a.corpus:
        corpus(a.corpus)
        return
    if not a.out:
        sys.exit('make_elf.py: OUT or --corpus DIR')
    machine = EM.get(a.machine) or int(a.machine, 0)
    data = build(a.cls == 64, a.endian == 'big', machine, a.type, a.soname,
                 a.needed, [parse_undef(u) for u in a.undef], a.define,
                 a.verdef, a.bind_now)
    with open(a.out, 'wb') as f:
        f.write(data)


if __name__ == '__main__':
    main()
