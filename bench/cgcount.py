# SPDX-License-Identifier: LGPL-2.1-or-later
"""Instructions per call of call_loop's bench_loop, counted by callgrind.

Callgrind counts only inside bench_loop (--toggle-collect), once for N
calls and once for 2N: the difference divided by N is the cost of one
iteration, without the process start, the first call (where the shim
resolves) or the loop's entry and exit. Valgrind emulates the CPU, so the
figure is exact and the same on every run: a test can compare it with a
fixed ceiling where a timing could not be trusted.

The program and its libraries run as copies without debug information:
valgrind 3.19 (Debian 12) gives up on clang's DWARF 5, and the count does
not need it (the symbol table stays, for --toggle-collect).
"""
import os
import re
import shutil
import subprocess
import tempfile

DEFAULT_N = 100000


def have_valgrind():
    return shutil.which('valgrind') is not None


def _soname(path):
    p = subprocess.run(['objdump', '-p', path], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, text=True)
    m = re.search(r'^\s*SONAME\s+(\S+)', p.stdout, re.M)
    return m.group(1) if m else os.path.basename(path)


def _stripped(path, d):
    """A copy of path in d without debug information, named by its soname
    (what the dynamic linker looks for) if it has one."""
    out = os.path.join(d, _soname(path))
    subprocess.run(['objcopy', '--strip-debug', path, out], check=True)
    return out


stripped_copy = _stripped  # for load_rows.py


def _collected(prog, n, env, d):
    out = os.path.join(d, 'callgrind.out.%d' % n)
    p = subprocess.run(
        ['valgrind', '--tool=callgrind', '--callgrind-out-file=' + out,
         '--toggle-collect=bench_loop', prog, str(n)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, timeout=300)
    if p.returncode != 0:
        raise RuntimeError('%s under callgrind failed (%d):\n%s' % (
            prog, p.returncode, p.stderr[-2000:]))
    with open(out) as f:
        text = f.read()
    m = re.search(r'^totals:\s*(\d+)', text, re.M) or \
        re.search(r'^summary:\s*(\d+)', text, re.M)
    if not m:
        raise RuntimeError('no instruction total in callgrind output of %s'
                           % prog)
    return int(m.group(1)), p.stdout


def instructions_per_call(prog, libs=(), env=None, n=DEFAULT_N):
    """(instructions per call, the program's own output line).

    libs: the libraries of the build that prog loads; they are found as stripped copies through LD_LIBRARY_PATH, and
    an environment variable naming one of them names its copy instead."""
    env = dict(os.environ if env is None else env)
    with tempfile.TemporaryDirectory(prefix='rbdcompat-cg.') as d:
        copy = _stripped(prog, d)
        for lib in libs:
            c = _stripped(lib, d)
            for k, v in env.items():
                if v == lib:
                    env[k] = c
        env['LD_LIBRARY_PATH'] = d
        small, line = _collected(copy, n, env, d)
        large, _ = _collected(copy, 2 * n, env, d)
    return (large - small) / n, line.strip()
