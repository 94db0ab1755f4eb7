#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""load_guard.py SHIM [--max-other N] [--skip REASON]

The load-time guard (meson test 'load-cost', suite 'unit'): what a process
that preloads the shim and never calls it pays beyond mapping the file,
checked in the file itself, where it is exact:

- no more than N relative relocations besides the slots' (readelf -r):
  each is a write by the dynamic linker in every process, on a page that
  becomes the process's own. Every slot (rbdcompat_slot_*, one per row)
  needs one, which the one-jump design makes inherent; a table of pointers
  added anywhere (a `const char *` member, an array of function pointers)
  adds its rows to the others;
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
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import load_rows  # noqa: E402


def readelf(*args):
    return subprocess.run(['readelf'] + list(args), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True,
                          check=True).stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('shim')
    ap.add_argument('--max-other', type=int, default=64)
    ap.add_argument('--skip', default='')
    a = ap.parse_args()
    if a.skip:
        print('load-cost: skipped: ' + a.skip)
        return 77
    failures = []
    relative, _, in_slots = load_rows.relocations(a.shim)
    if in_slots is None:
        print('load-cost: no rbdcompat_slot_* symbols in %s (stripped?)'
              % a.shim, file=sys.stderr)
        return 1
    other = relative - in_slots
    print('relative relocations: %d, %d of them the slots, %d others (at'
          ' most %d)' % (relative, in_slots, other, a.max_other))
    if other > a.max_other:
        failures.append('%d relative relocations besides the slots, more'
                        ' than %d: a table of pointers in constant data?'
                        ' (offsets into a string blob, or arrays, need'
                        ' none)' % (other, a.max_other))
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
