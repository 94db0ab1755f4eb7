# SPDX-License-Identifier: LGPL-2.1-or-later
"""Helpers of bench/run: running the benchmark programs, alternating the
variants of a measurement, and the statistics of the table."""
import os
import statistics
import subprocess
import sys


def log(msg):
    """Progress goes to stderr: stdout is the table alone."""
    print('bench: ' + msg, file=sys.stderr, flush=True)


def median(xs):
    return statistics.median(xs)


def stdev(xs):
    return statistics.stdev(xs) if len(xs) > 1 else 0.0


def robust_sigma(xs):
    """1.4826 x the median absolute deviation: the standard deviation for
    normally distributed data, but not blown up by the odd run that
    another process on the machine delayed by milliseconds."""
    m = statistics.median(xs)
    return 1.4826 * statistics.median([abs(x - m) for x in xs])


def keyvals(line):
    """'a=1 b=2.5 c=x' -> {'a': 1.0, 'b': 2.5, 'c': 'x'}."""
    out = {}
    for word in line.split():
        k, _, v = word.partition('=')
        try:
            out[k] = float(v)
        except ValueError:
            out[k] = v
    return out


def run_kv(cmd, env):
    """Run a benchmark program; its last line of KEY=VALUE words."""
    p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, timeout=600)
    if p.returncode != 0:
        raise RuntimeError('%s failed (%d): %s' % (
            ' '.join(cmd), p.returncode, p.stderr.strip()[-1000:]))
    return keyvals(p.stdout.strip().splitlines()[-1])


def alternate(variants, reps, measure):
    """measure(name) for each variant, reps times, in the order A B C,
    C B A, A B C... so that a drift of the machine's speed (another build
    starting, the CPU clocking down) falls on every variant alike.
    Returns {name: [results]}."""
    names = list(variants)
    out = {n: [] for n in names}
    for r in range(reps):
        for n in (names if r % 2 == 0 else reversed(names)):
            out[n].append(measure(n))
    return out


def spawn_times(spawn, runs, cmds):
    """Wall times (µs) of whole processes, alternating, through bench's
    spawn program. cmds: lists of words ([VAR=VALUE...] PROG ARGS).
    Returns one list of times per command."""
    argv = [spawn, str(runs)]
    for c in cmds:
        argv += ['--'] + c
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True, timeout=600)
    if p.returncode != 0:
        raise RuntimeError('spawn failed: ' + p.stderr.strip())
    out = [[] for _ in cmds]
    for line in p.stdout.split('\n'):
        if line:
            i, ns = line.split()
            out[int(i)].append(int(ns) / 1000.0)
    return out


def clean_env(**extra):
    """The environment for a benchmark process: ours, without anything
    that would change what is loaded or logged, plus extra."""
    env = dict(os.environ)
    for k in ('LD_PRELOAD', 'LD_LIBRARY_PATH', 'RBDCOMPAT_LIBRBD',
              'RBDCOMPAT_LIBRADOS', 'RBDCOMPAT_VENDOR_DIR',
              'RBDCOMPAT_DISABLE', 'RBDCOMPAT_LOG'):
        env.pop(k, None)
    env.update(extra)
    return env


def needed(path):
    """The DT_NEEDED entries of an ELF file."""
    p = subprocess.run(['readelf', '-dW', path], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, text=True)
    return [line.split('[', 1)[1].rstrip(']')
            for line in p.stdout.splitlines() if '(NEEDED)' in line]


def load_average():
    with open('/proc/loadavg') as f:
        return ' '.join(f.read().split()[:3])


def cpu_model():
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return 'unknown CPU'


def compiler_of(path):
    """The compiler that built an ELF file, from its .comment section."""
    try:
        p = subprocess.run(['readelf', '-p', '.comment', path],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           text=True)
        found = [line.split(']', 1)[1].strip()
                 for line in p.stdout.splitlines() if ']' in line]
    except OSError:
        found = []
    # The C runtime's objects name gcc even in a clang build.
    for c in found:
        if 'clang' in c:
            return c
    return found[0] if found else 'unknown compiler'
