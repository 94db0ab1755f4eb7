# SPDX-License-Identifier: LGPL-2.1-or-later
"""What a preloaded library costs a process that never calls it (section 4
of bench/run): the figures behind the rows, one function each.

- relocations(): what the dynamic linker has to patch in the file at load
  (readelf -r), the relative ones separately: those are pointers into the
  library itself, each a write, and the pages they are on become the
  process's own.
- private_dirty_kb(): those pages, counted by the kernel: Private_Dirty of
  the library's mappings in /proc/PID/smaps of a process (Python) that
  loads it and never calls it.
- process_instructions(): every instruction of a whole process, exec to
  exit, counted by callgrind: exact, and the same on every run.
- other_floor_shim(): the shim built for the other glibc floor, so that
  both are measured in one run.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import benchlib as bl
import cgcount


def relocations(path):
    """(relative relocations, all dynamic relocations, relative ones that
    are the slots') of an ELF file. The slots are the symbols
    rbdcompat_slot_N (slot_N in older builds): each starts at its row's
    resolver, so each needs a relocation; None when the file has no symbol
    table to find them in."""
    slots = set()
    for line in _readelf('-sW', path).splitlines():
        w = line.split()
        if len(w) >= 8 and re.match(r'^(rbdcompat_)?slot_\d+$', w[7]):
            slots.add(int(w[1], 16))
    rel = total = in_slots = 0
    for line in _readelf('-rW', path).splitlines():
        w = line.split()
        if len(w) >= 3 and w[2].startswith('R_'):
            total += 1
            if w[2].endswith('_RELATIVE'):
                rel += 1
                in_slots += int(w[0], 16) in slots
    return rel, total, in_slots if slots else None


def _readelf(*args):
    return subprocess.run(['readelf'] + list(args), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True,
                          check=True).stdout


def _load_extent(path):
    """The highest end (p_vaddr + p_memsz) of the file's PT_LOAD segments:
    the dynamic linker reserves that much address space, so whatever lies
    inside it (the .bss beyond the file's last page) is the library's."""
    p = subprocess.run(['readelf', '-lW', path], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, check=True)
    end = 0
    for line in p.stdout.splitlines():
        w = line.split()
        if w and w[0] == 'LOAD':
            end = max(end, int(w[2], 16) + int(w[5], 16))
    return end


def _flush(path):
    """Write the file's pages back first: a page of the page cache that is
    still dirty (a file just linked) counts as Private_Dirty in smaps of
    every process that maps it alone."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# Run with the library preloaded: prints the kB of its pages that this
# process has made its own, and of all its pages it has touched (Rss). File-backed mappings: Private_Dirty from
# smaps. The .bss beyond the file is anonymous memory, and the kernel may
# have merged it with the dynamic linker's next mapping: there, pages of
# the library's range that are present (pagemap) count.
_DIRTY_CHILD = r"""
import os, re, sys
real, extent = sys.argv[1], int(sys.argv[2])
page = os.sysconf('SC_PAGE_SIZE')
maps, cur = [], None
for line in open('/proc/self/smaps'):
    m = re.match(r'^([0-9a-f]+)-([0-9a-f]+) \S+ ([0-9a-f]+) \S+ \d+\s*(.*)$',
                 line)
    if m:
        cur = [int(m.group(1), 16), int(m.group(2), 16), int(m.group(3), 16),
               m.group(4).strip(), 0, 0]
        maps.append(cur)
    elif cur and line.startswith('Private_Dirty:'):
        cur[4] = int(line.split()[1])
    elif cur and line.startswith('Rss:'):
        cur[5] = int(line.split()[1])
mine = [m for m in maps if m[3] == real]
if not mine:
    sys.exit('%s is not mapped in a process that preloads it' % real)
base = min(m[0] for m in mine if m[2] == 0)
end = base + (extent + page - 1) // page * page
kb, rss = sum(m[4] for m in mine), sum(m[5] for m in mine)
with open('/proc/self/pagemap', 'rb') as pm:
    for lo, hi, _, path, _, _ in maps:
        if path or lo < base or lo >= end:
            continue
        for a in range(lo, min(hi, end), page):
            pm.seek(a // page * 8)
            if int.from_bytes(pm.read(8), 'little') >> 63:
                kb += page // 1024
                rss += page // 1024
print(kb, rss)
"""


def private_dirty_kb(lib):
    """(dirty kB, touched kB): of the library's pages, those that a
    process which loads it with LD_PRELOAD and never calls it has made its
    own (Private_Dirty of its mappings, .bss included) and those it has
    touched at all (Rss: what the dynamic linker read, shared with other
    processes), read by the process itself right after its start (a
    Python interpreter, which uses nothing of the library)."""
    real = os.path.realpath(lib)
    _flush(real)
    p = subprocess.run([sys.executable, '-c', _DIRTY_CHILD, real,
                        str(_load_extent(real))],
                       env=bl.clean_env(LD_PRELOAD=real),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    if p.returncode != 0:
        raise RuntimeError('measuring the dirty pages of %s: %s' % (
            real, p.stderr.strip()[-500:]))
    dirty, rss = p.stdout.split()
    return int(dirty), int(rss)


def process_instructions(cmd, preload=()):
    """Instructions of the whole process cmd, exec to exit, under callgrind,
    with preload (library paths) in LD_PRELOAD. The libraries run as copies
    without debug information (valgrind 3.19 cannot read clang's DWARF 5),
    each in a directory of its own (two builds of the shim share a name)."""
    with tempfile.TemporaryDirectory(prefix='rbdcompat-cg.') as d:
        copies = []
        for i, lib in enumerate(preload):
            sub = os.path.join(d, str(i))
            os.mkdir(sub)
            copies.append(cgcount.stripped_copy(lib, sub))
        env = bl.clean_env()
        if copies:
            env['LD_PRELOAD'] = ':'.join(copies)
        out = os.path.join(d, 'callgrind.out')
        p = subprocess.run(['valgrind', '--tool=callgrind',
                            '--callgrind-out-file=' + out] + list(cmd),
                           env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, timeout=300)
        m = re.search(r'Collected : (\d+)', p.stderr)
        if p.returncode != 0 or not m:
            raise RuntimeError('%s under callgrind failed (%d):\n%s' % (
                ' '.join(cmd), p.returncode, p.stderr[-2000:]))
        return int(m.group(1))


def build_option(build, name):
    """(value, choices) of a meson option of the build, or None when the
    build has no such option."""
    p = subprocess.run(['meson', 'introspect', '--buildoptions', build],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    if p.returncode != 0:
        return None
    for o in json.loads(p.stdout):
        if o['name'] == name:
            return o['value'], o.get('choices') or []
    return None


def other_floor_shim(build, src, floor, compiler):
    """The shim of a build like `build` but for glibc floor `floor`: set up
    in BUILD/bench-glibc-floor-FLOOR the first time (the same optimisation
    and compiler, no tests), and only the library is built. Returns its
    path."""
    d = os.path.join(build, 'bench-glibc-floor-' + floor)
    if not os.path.exists(os.path.join(d, 'build.ninja')):
        opts = {o: (build_option(build, o) or ('',))[0]
                for o in ('optimization', 'debug', 'b_ndebug')}
        env = dict(os.environ)
        if 'clang' in compiler:
            env['CC'] = 'clang'
        bl.log('setting up %s (-Dglibc_floor=%s)' % (d, floor))
        subprocess.run(['meson', 'setup', d, src, '-Dglibc_floor=' + floor,
                        '-Dtests=disabled', '-Dprobe=disabled'] +
                       ['-D%s=%s' % (k, str(v).lower() if isinstance(v, bool)
                                     else v) for k, v in opts.items() if v != ''],
                       env=env, stdout=subprocess.DEVNULL, check=True)
    p = subprocess.run(['meson', 'introspect', '--targets', d],
                       stdout=subprocess.PIPE, text=True, check=True)
    lib = [t['filename'][0] for t in json.loads(p.stdout)
           if t['name'] == 'rbdcompat' and t['type'] == 'shared library'][0]
    bl.log('building the shim in %s' % d)
    subprocess.run(['ninja', '-C', d, os.path.relpath(lib, d)],
                   stdout=subprocess.DEVNULL, check=True)
    return lib
