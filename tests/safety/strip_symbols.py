#!/usr/bin/env python3
"""Make a vendor profile: a copy of a real shared library without some of
its exported functions, the way a vendor build that removed them looks to
the dynamic loader.

    strip_symbols.py IN OUT NAME...     (or NAME list on stdin with -)

Each named .dynsym entry is renamed in place (its first letter upper-cased:
rbd_open -> Rbd_open, same length, so no offset moves) AND made local and
hidden. Renaming alone is not enough: a library that calls the function
through its own PLT (librbd's rbd_trash_list_cleanup calls
rbd_trash_get_cleanup) would then fail to load, its relocation naming a
symbol nobody defines; a local, hidden symbol binds to the library itself
(glibc resolves relocations against STB_LOCAL/STV_HIDDEN symbols in the
object that has them) and is skipped by every outside lookup.

The ELF parsing is tests/cluster/rename-dynsym.py's (imported). A name that
is not a defined function of the file, or whose .dynstr bytes another
reference shares (merged string tails), is left alone and reported on
stderr. Prints the names removed, one per line.
"""
import bisect
import importlib.util
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    'rename_dynsym', os.path.join(HERE, '..', 'cluster', 'rename-dynsym.py'))
rd = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(rd)

STB_LOCAL, STT_FUNC, STV_HIDDEN = 0, 2, 2


def strip(data, names):
    elf = rd.DynElf(data)
    by_name = {}
    for i in range(1, elf.nsyms):
        st_name, st_info, shndx, _value = elf.sym(i)
        if st_name:
            by_name.setdefault(elf.cstr(st_name), []).append(
                (i, st_name, st_info, shndx))
    refs = sorted(elf.string_refs())
    offsets = [r[0] for r in refs]
    done, skipped = [], []
    for name in names:
        b = name.encode()
        hits = [h for h in by_name.get(b, ()) if h[3] != 0 and
                (h[2] & 0xf) == STT_FUNC]
        if not hits:
            skipped.append((name, 'not a function defined here'))
            continue
        own = {'symbol #%d' % h[0] for h in hits}
        st_name = hits[0][1]
        lo = bisect.bisect_left(offsets, st_name)
        hi = bisect.bisect_right(offsets, st_name + len(b))
        shared = [refs[k] for k in range(lo, hi)
                  if refs[k][1] not in own and
                  not (refs[k][0] == st_name and refs[k][1].startswith('symbol'))]
        if shared or any(h[1] != st_name for h in hits):
            skipped.append((name, 'its name shares bytes with %s' % (
                shared[0][1] if shared else 'another entry')))
            continue
        pos = elf.strtab + st_name
        data[pos:pos + 1] = name[0].upper().encode()
        for i, _n, st_info, _s in hits:
            off = elf.symtab + i * rd.SYM_SIZE
            data[off + 4] = (STB_LOCAL << 4) | (st_info & 0xf)
            data[off + 5] = (data[off + 5] & ~3) | STV_HIDDEN
        done.append(name)
    return done, skipped


def main():
    if len(sys.argv) < 4:
        sys.exit('usage: strip_symbols.py IN OUT NAME... | -')
    src, dst, names = sys.argv[1], sys.argv[2], sys.argv[3:]
    if names == ['-']:
        names = sys.stdin.read().split()
    with open(src, 'rb') as f:
        data = bytearray(f.read())
    try:
        done, skipped = strip(data, names)
    except (rd.ElfError, struct.error, ValueError) as e:
        sys.exit('strip_symbols: %s: %s' % (src, e))
    tmp = dst + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(data)
    os.chmod(tmp, 0o755)
    os.replace(tmp, dst)
    for name, why in skipped:
        print('strip_symbols: kept %s: %s' % (name, why), file=sys.stderr)
    print('\n'.join(done))


if __name__ == '__main__':
    main()
