#!/usr/bin/env python3
"""Rename one dynamic symbol of an ELF64 little-endian shared object in place
of its .dynstr string (same length), so that the symbol can no longer be
found by the dynamic linker -- neither under its old name nor the new one.

    rename-dynsym.py rename IN OUT OLD NEW   write a patched copy of IN to OUT
    rename-dynsym.py lookup FILE NAME...     simulate the GNU-hash lookup

Only the standard library is used: the ELF header, program headers, the
PT_DYNAMIC entries, .dynsym, .dynstr, the version sections and .gnu.hash
(and the SysV .hash, if any) are parsed here.

Why the old chain is left alone: the GNU hash table (bloom filter + buckets +
chains) is keyed by the hash of the *name*.  After the rename the symbol sits
in the chain of the OLD name's hash, so a lookup of OLD passes the bloom
filter and finds the entry, but the string compare fails; a lookup of NEW
computes another hash and (almost surely) is rejected by the bloom filter or
walks another bucket.  `lookup` reports what the loader will do for each
name; `rename` refuses to write a result in which NEW would be found
(a hash collision) unless --allow-new-name-lookup is given.

Safety checks: OLD must be the complete name of exactly one .dynsym entry,
and no other .dynstr reference (symbol names, DT_NEEDED/SONAME/RUNPATH,
version needs/definitions) may point into OLD's bytes (the linker merges
string tails).  NEW must have the same length and not already exist.
"""

import argparse
import struct
import sys

PT_LOAD, PT_DYNAMIC = 1, 2
DT_NULL, DT_NEEDED, DT_HASH, DT_STRTAB, DT_SYMTAB = 0, 1, 4, 5, 6
DT_STRSZ, DT_SYMENT, DT_SONAME, DT_RPATH, DT_RUNPATH = 10, 11, 14, 15, 29
DT_GNU_HASH = 0x6FFFFEF5
DT_VERDEF, DT_VERDEFNUM = 0x6FFFFFFC, 0x6FFFFFFD
DT_VERNEED, DT_VERNEEDNUM = 0x6FFFFFFE, 0x6FFFFFFF
STRING_TAGS = {DT_NEEDED: "DT_NEEDED", DT_SONAME: "DT_SONAME",
               DT_RPATH: "DT_RPATH", DT_RUNPATH: "DT_RUNPATH"}
SYM_SIZE = 24


class ElfError(Exception):
    pass


def gnu_hash(name: bytes) -> int:
    h = 5381
    for c in name:
        h = (h * 33 + c) & 0xFFFFFFFF
    return h


def sysv_hash(name: bytes) -> int:
    h = 0
    for c in name:
        h = ((h << 4) + c) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h


class DynElf:
    def __init__(self, data: bytearray):
        self.data = data
        if data[:4] != b"\x7fELF":
            raise ElfError("not an ELF file")
        if data[4] != 2 or data[5] != 1:
            raise ElfError("only ELF64 little-endian is supported")
        (e_phoff,) = struct.unpack_from("<Q", data, 0x20)
        e_phentsize, e_phnum = struct.unpack_from("<HH", data, 0x36)
        self.loads = []
        dyn_off = dyn_size = None
        for i in range(e_phnum):
            p_type, _flags, p_offset, p_vaddr, _pa, p_filesz, _memsz, _al = \
                struct.unpack_from("<IIQQQQQQ", data, e_phoff + i * e_phentsize)
            if p_type == PT_LOAD:
                self.loads.append((p_vaddr, p_offset, p_filesz))
            elif p_type == PT_DYNAMIC:
                dyn_off, dyn_size = p_offset, p_filesz
        if dyn_off is None:
            raise ElfError("no PT_DYNAMIC: not a dynamic object")

        self.dyn = []                     # (tag, value)
        for off in range(dyn_off, dyn_off + dyn_size, 16):
            tag, val = struct.unpack_from("<qQ", data, off)
            if tag == DT_NULL:
                break
            self.dyn.append((tag, val))
        d = {}
        for tag, val in self.dyn:
            d.setdefault(tag, val)
        for need in (DT_STRTAB, DT_SYMTAB, DT_STRSZ):
            if need not in d:
                raise ElfError("dynamic section lacks tag %#x" % need)
        if d.get(DT_SYMENT, SYM_SIZE) != SYM_SIZE:
            raise ElfError("unexpected DT_SYMENT %d" % d[DT_SYMENT])
        self.d = d
        self.strtab = self.off(d[DT_STRTAB])
        self.strsz = d[DT_STRSZ]
        self.symtab = self.off(d[DT_SYMTAB])
        self.gnuhash = self.off(d[DT_GNU_HASH]) if DT_GNU_HASH in d else None
        self.hash = self.off(d[DT_HASH]) if DT_HASH in d else None
        self.nsyms = self._count_syms()

    # vaddr -> file offset through the PT_LOAD segments
    def off(self, vaddr: int) -> int:
        for p_vaddr, p_offset, p_filesz in self.loads:
            if p_vaddr <= vaddr < p_vaddr + p_filesz:
                return vaddr - p_vaddr + p_offset
        raise ElfError("address %#x is not in a PT_LOAD segment" % vaddr)

    def cstr(self, stroff: int) -> bytes:
        if stroff >= self.strsz:
            raise ElfError("string offset %#x beyond DT_STRSZ" % stroff)
        start = self.strtab + stroff
        end = self.data.index(b"\0", start)
        return bytes(self.data[start:end])

    def _gnu_header(self):
        nbuckets, symoffset, bloom_size, bloom_shift = \
            struct.unpack_from("<IIII", self.data, self.gnuhash)
        bloom = self.gnuhash + 16
        buckets = bloom + 8 * bloom_size
        chains = buckets + 4 * nbuckets
        return nbuckets, symoffset, bloom_size, bloom_shift, bloom, buckets, chains

    def _count_syms(self) -> int:
        if self.hash is not None:
            return struct.unpack_from("<II", self.data, self.hash)[1]
        if self.gnuhash is None:
            raise ElfError("neither DT_HASH nor DT_GNU_HASH: cannot size .dynsym")
        nb, symoffset, _bs, _sh, _bl, buckets, chains = self._gnu_header()
        last = 0
        for i in range(nb):
            (b,) = struct.unpack_from("<I", self.data, buckets + 4 * i)
            last = max(last, b)
        if last < symoffset:
            return symoffset
        while True:
            (h,) = struct.unpack_from("<I", self.data, chains + 4 * (last - symoffset))
            last += 1
            if h & 1:
                return last

    def sym(self, idx: int):
        st_name, st_info, st_other, st_shndx, st_value, st_size = \
            struct.unpack_from("<IBBHQQ", self.data, self.symtab + idx * SYM_SIZE)
        return st_name, st_info, st_shndx, st_value

    def string_refs(self):
        """Every (offset, what) reference into .dynstr that we know about."""
        refs = []
        for i in range(1, self.nsyms):
            st_name = self.sym(i)[0]
            if st_name:
                refs.append((st_name, "symbol #%d" % i))
        for tag, val in self.dyn:
            if tag in STRING_TAGS:
                refs.append((val, STRING_TAGS[tag]))
        data = self.data
        if DT_VERNEED in self.d:
            off = self.off(self.d[DT_VERNEED])
            for _ in range(self.d.get(DT_VERNEEDNUM, 0)):
                _ver, cnt, vn_file, vn_aux, vn_next = struct.unpack_from("<HHIII", data, off)
                refs.append((vn_file, "verneed file"))
                aoff = off + vn_aux
                for _ in range(cnt):
                    _h, _f, _o, vna_name, vna_next = struct.unpack_from("<IHHII", data, aoff)
                    refs.append((vna_name, "verneed name"))
                    aoff += vna_next
                if not vn_next:
                    break
                off += vn_next
        if DT_VERDEF in self.d:
            off = self.off(self.d[DT_VERDEF])
            for _ in range(self.d.get(DT_VERDEFNUM, 0)):
                _v, _f, _n, cnt, _h, vd_aux, vd_next = struct.unpack_from("<HHHHIII", data, off)
                aoff = off + vd_aux
                for _ in range(cnt):
                    vda_name, vda_next = struct.unpack_from("<II", data, aoff)
                    refs.append((vda_name, "verdef name"))
                    aoff += vda_next
                if not vd_next:
                    break
                off += vd_next
        return refs

    def find(self, name: bytes):
        return [i for i in range(1, self.nsyms)
                if self.sym(i)[0] and self.cstr(self.sym(i)[0]) == name]

    def gnu_lookup(self, name: bytes):
        """What ld.so's GNU-hash lookup does for NAME: (result, explanation)."""
        if self.gnuhash is None:
            return None, "no .gnu.hash"
        nb, symoffset, bloom_size, shift, bloom, buckets, chains = self._gnu_header()
        h = gnu_hash(name)
        (word,) = struct.unpack_from("<Q", self.data, bloom + 8 * ((h // 64) % bloom_size))
        if not ((word >> (h % 64)) & (word >> ((h >> shift) % 64)) & 1):
            return None, "rejected by the bloom filter (hash %#010x)" % h
        (idx,) = struct.unpack_from("<I", self.data, buckets + 4 * (h % nb))
        if idx == 0:
            return None, "empty bucket %d" % (h % nb)
        seen = []
        while True:
            (ch,) = struct.unpack_from("<I", self.data, chains + 4 * (idx - symoffset))
            if (ch | 1) == (h | 1):
                seen.append(idx)
                st_name, _info, shndx, _value = self.sym(idx)
                if self.cstr(st_name) == name and shndx != 0:
                    return idx, "found as symbol #%d" % idx
            if ch & 1:
                break
            idx += 1
        if seen:
            return None, ("bloom filter passes, chain entries with the same hash "
                          "(#%s) hold another name: not found" %
                          ",".join(map(str, seen)))
        return None, "bloom filter passes, no chain entry with hash %#010x: not found" % h

    def sysv_lookup(self, name: bytes):
        if self.hash is None:
            return None, "no SysV .hash"
        nbucket, nchain = struct.unpack_from("<II", self.data, self.hash)
        (idx,) = struct.unpack_from("<I", self.data, self.hash + 8 + 4 * (sysv_hash(name) % nbucket))
        while idx:
            st_name, _info, shndx, _value = self.sym(idx)
            if self.cstr(st_name) == name and shndx != 0:
                return idx, "found as symbol #%d" % idx
            (idx,) = struct.unpack_from("<I", self.data, self.hash + 8 + 4 * nbucket + 4 * idx)
        return None, "not found"


def do_rename(args) -> int:
    old, new = args.old.encode(), args.new.encode()
    if len(old) != len(new):
        raise ElfError("OLD and NEW must have the same length (%d != %d)" % (len(old), len(new)))
    if old == new or b"\0" in new:
        raise ElfError("bad NEW name")
    with open(args.input, "rb") as f:
        data = bytearray(f.read())
    elf = DynElf(data)
    hits = elf.find(old)
    if len(hits) != 1:
        raise ElfError("%s: %d dynamic symbols named %s (need exactly 1)"
                       % (args.input, len(hits), args.old))
    if elf.find(new):
        raise ElfError("a dynamic symbol named %s already exists" % args.new)
    idx = hits[0]
    st_name = elf.sym(idx)[0]
    for ref, what in elf.string_refs():
        if ref == st_name and what == "symbol #%d" % idx:
            continue
        if st_name <= ref <= st_name + len(old):
            raise ElfError("%s shares the .dynstr bytes of %s (offset %#x): "
                           "renaming in place would change it too" % (what, args.old, ref))
    pos = elf.strtab + st_name
    assert bytes(data[pos:pos + len(old) + 1]) == old + b"\0"
    data[pos:pos + len(old)] = new

    patched = DynElf(data)
    r_old = patched.gnu_lookup(old) if patched.gnuhash is not None else patched.sysv_lookup(old)
    r_new = patched.gnu_lookup(new) if patched.gnuhash is not None else patched.sysv_lookup(new)
    if r_old[0] is not None:
        raise ElfError("internal error: %s still found after the rename" % args.old)
    if r_new[0] is not None and not args.allow_new_name_lookup:
        raise ElfError("%s would be found by the loader (hash collision): %s"
                       % (args.new, r_new[1]))
    with open(args.output, "wb") as f:
        f.write(data)
    print("renamed dynamic symbol #%d %s -> %s at .dynstr+%#x (file offset %#x)"
          % (idx, args.old, args.new, st_name, pos))
    print("  lookup %s: %s" % (args.old, r_old[1]))
    print("  lookup %s: %s" % (args.new, r_new[1]))
    return 0


def do_lookup(args) -> int:
    with open(args.file, "rb") as f:
        elf = DynElf(bytearray(f.read()))
    rc = 0
    for name in args.names:
        g = elf.gnu_lookup(name.encode())
        s = elf.sysv_lookup(name.encode())
        found = g[0] is not None or s[0] is not None
        print("%s: %s; gnu.hash: %s; sysv hash: %s"
              % (name, "FOUND" if found else "NOT FOUND", g[1], s[1]))
        if not found:
            rc = 1
    return rc


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("rename", help="write a copy of IN with OLD renamed to NEW")
    r.add_argument("input")
    r.add_argument("output")
    r.add_argument("old")
    r.add_argument("new")
    r.add_argument("--allow-new-name-lookup", action="store_true",
                   help="accept a result where NEW is still found (hash collision)")
    r.set_defaults(fn=do_rename)
    l = sub.add_parser("lookup", help="simulate the loader's lookup; exit 1 if any NAME is not found")
    l.add_argument("file")
    l.add_argument("names", nargs="+")
    l.set_defaults(fn=do_lookup)
    args = ap.parse_args()
    try:
        return args.fn(args)
    except (ElfError, OSError, struct.error, ValueError) as e:
        print("rename-dynsym: error: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
