#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""load_guard.py SHIM [--max-relative N] [--skip REASON]

The load-time guard (meson test 'load-cost', suite 'unit'): what a process
that preloads the shim and never calls it pays beyond mapping the file,
checked in the file itself, where it is exact:

- at most N relative relocations (readelf -r): each is a write by the
  dynamic linker in every process, on a page that becomes the process's
  own. The 544 slots need one each; a table of pointers added anywhere
  (a `const char *` member, an array of function pointers) adds its rows;
- no thread-local storage (a PT_TLS segment), which also makes the shim
  need ld.so's __tls_get_addr;
- no constructor of the shim's own: at most one .init_array entry, the C
  runtime's frame_dummy, which every library gcc links has; and no
  .preinit_array, DT_INIT of its own is crti's _init.

bench/run prints the instruction counts, dirty pages and times these
stand for. Exit 77 (skipped) with --skip: a build whose instrumentation
adds constructors and relocations (sanitizers, coverage).
"""
import argparse
import re
import subprocess
import sys


def readelf(*args):
    return subprocess.run(['readelf'] + list(args), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True,
                          check=True).stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('shim')
    ap.add_argument('--max-relative', type=int, default=600)
    ap.add_argument('--skip', default='')
    a = ap.parse_args()
    if a.skip:
        print('load-cost: skipped: ' + a.skip)
        return 77
    failures = []
    relative = sum(1 for line in readelf('-rW', a.shim).splitlines()
                   if len(line.split()) >= 3 and
                   line.split()[2].endswith('_RELATIVE'))
    print('relative relocations: %d (at most %d)' % (relative,
                                                      a.max_relative))
    if relative > a.max_relative:
        failures.append('%d relative relocations, more than %d: a table of'
                        ' pointers in constant data? (offsets into a string'
                        ' blob, or arrays, need none)' % (relative,
                                                          a.max_relative))
    if re.search(r'^\s*TLS\s', readelf('-lW', a.shim), re.M):
        failures.append('a PT_TLS segment: thread-local storage makes every'
                        ' process set it up (and the shim need ld.so)')
    dyn = readelf('-dW', a.shim)
    ptr = 8 if 'ELF64' in readelf('-h', a.shim) else 4
    m = re.search(r'\(INIT_ARRAYSZ\)\s+(\d+)', dyn)
    init = int(m.group(1)) // ptr if m else 0
    print('.init_array entries: %d (at most 1, the C runtime\'s)' % init)
    if init > 1:
        failures.append('%d .init_array entries: a constructor runs in every'
                        ' process that loads the shim' % init)
    if 'PREINIT_ARRAY' in dyn:
        failures.append('a .preinit_array')
    for f in failures:
        print('load-cost: ' + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
