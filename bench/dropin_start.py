#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""bench/dropin_start.py [BUILD_DIR]

The start cost of the drop-in glue (README "3. Drop-in"): whole processes
counted by callgrind (instructions from exec to exit, one run each, side by
side), each without the glue (the vendor's libraries linked directly: the
system's librbd.so.1 and librados.so.2) and with it (a container drop-in
directory written by `rbdcompat-dropin --into` over the same libraries,
LD_LIBRARY_PATH pointing at it):

  a tiny C client   main() calls rbd_version() and exits
  rbd --version     the vendor's own CLI (C++ API, through the glue)
  import rbd, rados /usr/bin/python3 -c 'import rbd, rados'

Valgrind emulates the CPU, so the counts are the same on every run (up to
a few hundred instructions of environment differences): one run is enough.
Prints one table on stdout, progress on stderr. BUILD_DIR (default: build)
must be a built meson build directory. Takes about a minute.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.realpath(__file__))
SYS = '/usr/lib/x86_64-linux-gnu'

CLIENT = r'''
#include <stdio.h>
#include <rbd/librbd.h>
int main(void)
{
  int a, b, c;
  rbd_version(&a, &b, &c);
  printf("%d.%d.%d\n", a, b, c);
  return 0;
}
'''


def log(msg):
    print('dropin_start: %s' % msg, file=sys.stderr)


def instructions(cmd, env):
    """Instructions of the whole process (callgrind's totals)."""
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, 'cg.out')
        r = subprocess.run(['valgrind', '--tool=callgrind', '--callgrind-out-file=' + out]
                           + cmd, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True, timeout=600)
        if r.returncode != 0:
            raise RuntimeError('%s failed under valgrind: %s' % (' '.join(cmd), r.stderr[-500:]))
        with open(out) as f:
            m = re.search(r'^(?:totals|summary): (\d+)', f.read(), re.M)
        if not m:
            raise RuntimeError('no totals in the callgrind output of %s' % ' '.join(cmd))
        return int(m.group(1))


def main(argv):
    build = os.path.abspath(argv[0] if argv else 'build')
    if not os.path.isfile(os.path.join(build, 'build.ninja')):
        sys.exit('dropin_start: %s is not a meson build directory' % build)
    for tool in ('valgrind', 'cc', 'meson'):
        if not shutil.which(tool):
            sys.exit('dropin_start: %s is not installed' % tool)
    if not os.path.exists(SYS + '/librbd.so.1'):
        sys.exit('dropin_start: no %s/librbd.so.1 to use as the vendor' % SYS)
    work = tempfile.mkdtemp(prefix='rbdcompat-dropin-bench.')
    try:
        dest = os.path.join(work, 'dest')
        subprocess.run(['meson', 'install', '-C', build, '--destdir', dest,
                        '--no-rebuild', '--quiet'], check=True,
                       stdout=subprocess.DEVNULL)
        tool = next(os.path.join(dp, n) for dp, _, ns in os.walk(dest) for n in ns
                    if n == 'rbdcompat-dropin')
        into = os.path.join(work, 'into')
        subprocess.run([tool, '--into', into, '--vendor-librbd', SYS + '/librbd.so.1',
                        '--vendor-librados', SYS + '/librados.so.2'], check=True,
                       stdout=subprocess.DEVNULL)
        client = os.path.join(work, 'client')
        with open(client + '.c', 'w') as f:
            f.write(CLIENT)
        subprocess.run(['cc', '-O2', '-o', client, client + '.c', '-lrbd'], check=True)

        base = {k: v for k, v in os.environ.items()
                if not k.startswith(('RBDCOMPAT_', 'LD_'))}
        base['RBDCOMPAT_LOG'] = 'off'
        glue = dict(base, LD_LIBRARY_PATH=into)
        rows = [('tiny C client (rbd_version)', [client]),
                ('rbd --version', ['/usr/bin/rbd', '--version']),
                ('python3 -c "import rbd, rados"',
                 ['/usr/bin/python3', '-c', 'import rbd, rados'])]
        table = []
        for what, cmd in rows:
            if not os.path.exists(cmd[0]):
                table.append((what, 'skipped: %s is not installed' % cmd[0]))
                continue
            log('%s: without the glue' % what)
            without = instructions(cmd, base)
            log('%s: with the glue' % what)
            with_glue = instructions(cmd, glue)
            table.append((what, without, with_glue))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print('#  process start, instructions (callgrind, exec..exit)  vendor direct   with glue        glue - direct')
    for r in table:
        if len(r) == 2:
            print('7  %-52s %s' % (r[0], r[1]))
            continue
        what, a, b = r
        print('7  %-52s %13d %13d %+13d (%+.1f%%)' % (what, a, b, b - a, 100.0 * (b - a) / a))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
