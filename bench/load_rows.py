# SPDX-License-Identifier: LGPL-2.1-or-later
"""What a preloaded library costs a process that never calls it (section 4
of bench/run): the figures behind the rows, one function each.

- relocations(): what the dynamic linker has to patch in the file at load
  (readelf -r), the relative ones separately: those are pointers into the
  library itself, each a write, and the pages they are on become the
  process's own.
- private_dirty_kb(): those pages, counted by the kernel: Private_Dirty of
  the library's mappings in /proc/PID/smaps of a process (cat) that loads
  it and never calls it.
- process_instructions(): every instruction of a whole process, exec to
  exit, counted by callgrind: exact, and the same on every run.
- other_floor_shim(): the shim built for the other glibc floor, so that
  both are measured in one run.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile

import benchlib as bl
import cgcount


def relocations(path):
    """(relative relocations, all dynamic relocations) of an ELF file."""
    p = subprocess.run(['readelf', '-rW', path], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, check=True)
    rel = total = 0
    for line in p.stdout.splitlines():
        w = line.split()
        if len(w) >= 3 and w[2].startswith('R_'):
            total += 1
            rel += w[2].endswith('_RELATIVE')
    return rel, total


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


def private_dirty_kb(lib):
    """kB of the library's pages that a process which loads it with
    LD_PRELOAD and never calls it has made its own (Private_Dirty of its
    mappings, .bss included), read by the process itself right after exec
    and loading: cat /proc/self/smaps."""
    real = os.path.realpath(lib)
    _flush(real)
    p = subprocess.run([shutil.which('cat') or '/bin/cat', '/proc/self/smaps'],
                       env=bl.clean_env(LD_PRELOAD=real),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True, check=True)
    maps, cur = [], None
    for line in p.stdout.splitlines():
        m = re.match(r'^([0-9a-f]+)-([0-9a-f]+) \S+ ([0-9a-f]+) \S+ \d+\s*(.*)$',
                     line)
        if m:
            cur = {'lo': int(m.group(1), 16), 'hi': int(m.group(2), 16),
                   'off': int(m.group(3), 16), 'path': m.group(4).strip(),
                   'dirty': 0}
            maps.append(cur)
        elif cur and line.startswith('Private_Dirty:'):
            cur['dirty'] = int(line.split()[1])
    mine = [m for m in maps if m['path'] == real]
    if not mine:
        raise RuntimeError('%s is not in the smaps of a process that'
                           ' preloads it' % real)
    base = min(m['lo'] for m in mine if m['off'] == 0)
    end = base + _load_extent(real)
    return sum(m['dirty'] for m in maps
               if m['path'] == real or
               (not m['path'] and m['lo'] >= base and m['lo'] < end))


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
                        '-Dtests=false'] +
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
