# SPDX-License-Identifier: LGPL-2.1-or-later
"""A small ELF reader (struct only): what rbdcompat-bundle needs to collect
a closure without running anything: DT_NEEDED, SONAME, RUNPATH/RPATH,
PT_INTERP, symbol version needs and definitions, imported symbols, and the
strings that name libraries. Reads files; never loads them."""

import re
import struct

ELF_MAGIC = b"\x7fELF"
PT_INTERP, PT_DYNAMIC = 3, 2
DT_NULL, DT_NEEDED, DT_STRTAB, DT_SONAME, DT_RPATH, DT_RUNPATH = 0, 1, 5, 14, 15, 29
SHT_DYNSYM, SHT_GNU_VERDEF, SHT_GNU_VERNEED = 11, 0x6ffffffd, 0x6ffffffe
ET_EXEC, ET_DYN = 2, 3
MACHINES = {3: "i386", 62: "x86-64", 183: "aarch64", 40: "arm", 21: "ppc64",
            243: "riscv", 22: "s390"}

LIBNAME_RE = re.compile(rb"lib[A-Za-z0-9_+-]+(?:[.-][A-Za-z0-9_+]+)*?\.so(?:\.[0-9]+)*")


class ElfError(Exception):
    pass


def is_elf(path):
    try:
        with open(path, "rb") as f:
            return f.read(4) == ELF_MAGIC
    except OSError:
        return False


class Elf:
    """The dynamic-linking facts of one ELF file."""

    def __init__(self, path):
        self.path = path
        with open(path, "rb") as f:
            self.data = f.read()
        d = self.data
        if d[:4] != ELF_MAGIC or len(d) < 64:
            raise ElfError("%s: not an ELF file" % path)
        if d[4] not in (1, 2) or d[5] not in (1, 2):
            raise ElfError("%s: bad ELF class or byte order" % path)
        self.is64 = d[4] == 2
        self.end = "<" if d[5] == 1 else ">"
        e = self.end
        if self.is64:
            (self.type, self.machine, _, _, phoff, shoff, _, _, phentsize, phnum,
             shentsize, shnum, _) = struct.unpack_from(e + "HHIQQQIHHHHHH", d, 16)
        else:
            (self.type, self.machine, _, _, phoff, shoff, _, _, phentsize, phnum,
             shentsize, shnum, _) = struct.unpack_from(e + "HHIIIIIHHHHHH", d, 16)
        self.arch = (self.is64, self.end, self.machine)
        self.interp = None
        self.needed, self.soname, self.runpath, self.rpath = [], None, None, None
        self.verneed = {}      # file -> set of versions
        self.verdef = set()
        self.imports = set()   # undefined dynamic symbols
        self.defines = set()
        self.phdrs = []
        for i in range(phnum):
            off = phoff + i * phentsize
            if off + phentsize > len(d):
                raise ElfError("%s: truncated program headers" % path)
            if self.is64:
                p_type, _, p_off, p_vaddr, _, p_filesz, _, _ = struct.unpack_from(
                    e + "IIQQQQQQ", d, off)
            else:
                p_type, p_off, p_vaddr, _, p_filesz, _, _, _ = struct.unpack_from(
                    e + "IIIIIIII", d, off)
            self.phdrs.append((p_type, p_off, p_vaddr, p_filesz))
            if p_type == PT_INTERP:
                self.interp = d[p_off:p_off + p_filesz].split(b"\0")[0].decode(
                    "utf-8", "replace")
        self.sections = []
        for i in range(shnum if shoff else 0):
            off = shoff + i * shentsize
            if off + shentsize > len(d):
                raise ElfError("%s: truncated section headers" % path)
            if self.is64:
                (name, sh_type, _, addr, s_off, size, link, info, _, entsize) = \
                    struct.unpack_from(e + "IIQQQQIIQQ", d, off)
            else:
                (name, sh_type, _, addr, s_off, size, link, info, _, entsize) = \
                    struct.unpack_from(e + "IIIIIIIIII", d, off)
            self.sections.append((sh_type, s_off, size, link, info, entsize, addr))
        self._dynamic()
        self._symbols()

    # -- helpers
    def _str(self, off, pos):
        end = self.data.find(b"\0", off + pos)
        return self.data[off + pos:end].decode("utf-8", "replace")

    def _vaddr_to_off(self, vaddr):
        for p_type, p_off, p_vaddr, p_filesz in self.phdrs:
            if p_type == 1 and p_vaddr <= vaddr < p_vaddr + p_filesz:
                return vaddr - p_vaddr + p_off
        return None

    def _dynamic(self):
        dyn = [p for p in self.phdrs if p[0] == PT_DYNAMIC]
        if not dyn:
            return
        _, off, _, size = dyn[0]
        fmt, step = (self.end + "qQ", 16) if self.is64 else (self.end + "iI", 8)
        entries = []
        for pos in range(off, min(off + size, len(self.data) - step + 1), step):
            tag, val = struct.unpack_from(fmt, self.data, pos)
            if tag == DT_NULL:
                break
            entries.append((tag, val))
        strtab = [v for t, v in entries if t == DT_STRTAB]
        if not strtab:
            return
        stroff = self._vaddr_to_off(strtab[0])
        if stroff is None:
            raise ElfError("%s: DT_STRTAB outside the file" % self.path)
        self.dynstr_off = stroff
        for tag, val in entries:
            if tag == DT_NEEDED:
                self.needed.append(self._str(stroff, val))
            elif tag == DT_SONAME:
                self.soname = self._str(stroff, val)
            elif tag == DT_RUNPATH:
                self.runpath = self._str(stroff, val)
            elif tag == DT_RPATH:
                self.rpath = self._str(stroff, val)

    def _symbols(self):
        e = self.end
        for sh_type, s_off, size, link, info, entsize, _ in self.sections:
            if link >= len(self.sections):
                continue
            stroff = self.sections[link][1]
            if sh_type == SHT_DYNSYM and entsize:
                for pos in range(s_off + entsize, s_off + size, entsize):
                    if self.is64:
                        name, _, _, shndx, _, _ = struct.unpack_from(e + "IBBHQQ", self.data, pos)
                    else:
                        name, _, _, _, _, shndx = struct.unpack_from(e + "IIIBBH", self.data, pos)
                    nm = self._str(stroff, name)
                    (self.imports if shndx == 0 else self.defines).add(nm)
            elif sh_type == SHT_GNU_VERNEED:
                pos = s_off
                for _ in range(info):
                    _, cnt, fileoff, aux, nxt = struct.unpack_from(e + "HHIII", self.data, pos)
                    fname = self._str(stroff, fileoff)
                    vers = self.verneed.setdefault(fname, set())
                    apos = pos + aux
                    for _ in range(cnt):
                        _, _, _, vname, anext = struct.unpack_from(e + "IHHII", self.data, apos)
                        vers.add(self._str(stroff, vname))
                        if not anext:
                            break
                        apos += anext
                    if not nxt:
                        break
                    pos += nxt
            elif sh_type == SHT_GNU_VERDEF:
                pos = s_off
                for _ in range(info):
                    _, flags, _, cnt, _, aux, nxt = struct.unpack_from(e + "HHHHIII", self.data, pos)
                    if cnt:
                        vname, = struct.unpack_from(e + "I", self.data, pos + aux)
                        self.verdef.add(self._str(stroff, vname))
                    if not nxt:
                        break
                    pos += nxt

    # -- facts
    @property
    def is_program(self):
        return self.interp is not None

    @property
    def is_musl(self):
        return bool((self.interp and "ld-musl" in self.interp) or
                    any(n.startswith("libc.musl") for n in self.needed))

    def describe(self):
        return "ELF%d %s %s" % (64 if self.is64 else 32, MACHINES.get(self.machine, str(self.machine)),
                                "program" if self.is_program else "shared object")

    def library_strings(self):
        """Every lib*.so* string in the file (the names a dlopen() could use)."""
        return sorted({m.decode() for m in LIBNAME_RE.findall(self.data)})

    def path_strings(self, prefix=b"/"):
        """Absolute paths among the file's NUL-terminated strings."""
        out = set()
        for m in re.finditer(rb"(/[A-Za-z0-9_+./-]{3,200})\0", self.data):
            out.add(m.group(1).decode())
        return out

    def glibc_version(self):
        """The newest GLIBC_2.N this file (a libc.so.6) defines, as a tuple."""
        best = ()
        for v in self.verdef:
            m = re.fullmatch(r"GLIBC_(\d+)\.(\d+)(?:\.(\d+))?", v)
            if m:
                best = max(best, tuple(int(x) for x in m.groups() if x is not None))
        return best
