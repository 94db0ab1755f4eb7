#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""callgrind_guard.py DIRECT SHIM VENDOR LIBRBDCOMPAT [--ceiling C] [--skip R]

The hot-path guard (meson test 'callgrind-ceiling', suite 'unit'): how
many instructions a call through the shim costs more than the same call
bound directly to the vendor, counted by callgrind (bench/cgcount.py), must
not exceed the ceiling.

The forwarder is one indirect jump through the row's slot: +1 instruction
with gcc (jmp *slot(%rip)), +2 with clang (mov slot(%rip),%rax; jmp *%rax).
The ceiling is 2, so that both pass, while anything added to the path
fails: a NULL check is a compare and a branch (+2, so 3 or 4), a lock or a
"resolved yet?" flag more still.

Exit 77 (skipped) without valgrind, or with --skip (a build where the
count means nothing: no optimisation, sanitizers, coverage).
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cgcount  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('direct')
    ap.add_argument('shim')
    ap.add_argument('vendor')
    ap.add_argument('librbdcompat')
    ap.add_argument('--ceiling', type=float, default=2.0)
    ap.add_argument('--skip', default='')
    a = ap.parse_args()
    if a.skip:
        print('SKIP: ' + a.skip)
        return 77
    if not cgcount.have_valgrind():
        print('SKIP: valgrind is not installed')
        return 77
    env = dict(os.environ)
    env.pop('LD_PRELOAD', None)
    direct, dline = cgcount.instructions_per_call(a.direct, [a.vendor], env)
    env['RBDCOMPAT_LIBRBD'] = a.vendor
    shim, sline = cgcount.instructions_per_call(
        a.shim, [a.librbdcompat, a.vendor], env)
    print('direct: %.3f instructions per call (%s)' % (direct, dline))
    print('shim:   %.3f instructions per call (%s)' % (shim, sline))
    # Both must have reached the benchmark vendor (it says 1.20.0), or the
    # counts compare different functions.
    for line in (dline, sline):
        if not line.startswith('version=1.20.0 '):
            print('FAIL: the call did not reach the benchmark vendor: ' + line)
            return 1
    extra = shim - direct
    if extra > a.ceiling + 1e-6:
        print('FAIL: the shim adds %.3f instructions per call, ceiling %g'
              % (extra, a.ceiling))
        return 1
    print('ok: the shim adds %.3f instructions per call (ceiling %g)'
          % (extra, a.ceiling))
    return 0


if __name__ == '__main__':
    sys.exit(main())
