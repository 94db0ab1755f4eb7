#!/usr/bin/env python3
"""Bad usage and bad input: one clear line on stderr, nothing on stdout,
exit 2, never a crash -- for files that do not exist, are not ELF, are of
another architecture, are truncated or are not Ceph libraries."""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probecommon import (SYSLIB, check, check_eq, clean_env, done,  # noqa
                         make_elf, require_system_ceph, run_probe)

require_system_ceph()
work = tempfile.mkdtemp(prefix='probe-bad-')
SHIM = os.environ.get('PROBE_SHIM', '')


def path(name, data=None):
    p = os.path.join(work, name)
    if data is not None:
        with open(p, 'wb') as f:
            f.write(data)
    return p


fifo = path('fifo')
os.mkfifo(fifo)
good = make_elf(path('good.so'), '--undef', 'rbd_open', '--needed',
                'librbd.so.1')
data = open(good, 'rb').read()
libc = next((p for p in ('/lib/x86_64-linux-gnu/libc.so.6',
                         '/usr/lib/x86_64-linux-gnu/libc.so.6')
             if os.path.exists(p)), None)
cases = [
    (['--bogus'], 'unknown option --bogus'),
    (['--binary'], '--binary needs an argument'),
    (['stray'], 'unexpected argument stray'),
    (['--binary', path('nonexistent')], 'No such file or directory'),
    (['--binary', work], 'is a directory'),
    (['--binary', path('empty', b'')], 'empty file'),
    (['--binary', path('text', b'#!/bin/sh\necho hi\n')], 'not an ELF file'),
    (['--binary', '/dev/zero'], 'not a regular file'),
    (['--binary', fifo], 'not a regular file'),
    (['--binary', path('magic-only', b'\x7fELF')], 'not an ELF file'),
    (['--binary', path('hdr-trunc', data[:40])], 'truncated'),
    (['--binary', path('sh-trunc', data[:len(data) - 10])], 'truncated'),
    (['--binary', path('bad-class', data[:4] + b'\x07' + data[5:])],
     'unknown ELF class'),
    (['--binary', make_elf(path('ppc64.so'), '--machine', 'ppc64',
                           '--endian', 'big', '--undef', 'rbd_open')],
     'ELF64 big-endian PowerPC64 shared object, but the vendor'),
    (['--binary', make_elf(path('i386.so'), '--class', '32', '--machine',
                           'i386', '--undef', 'rbd_open')],
     'ELF32 little-endian i386 shared object, but the vendor'),
    (['--binary', make_elf(path('aarch64.so'), '--machine', 'aarch64')],
     'AArch64'),
    (['--binary', make_elf(path('obj.o'), '--type', 'rel')],
     'relocatable object, not an executable or a shared object'),
    (['--librbd', path('nonexistent')], '--librbd %s: No such file' %
     path('nonexistent')),
    (['--librados', path('text')], '--librados %s: not an ELF file' %
     path('text')),
    (['--librbd', path('hdr-trunc')], 'truncated'),
    # Damaged where only the loader looks: refused before dlopen().
    (['--librbd', path('sh-trunc')], 'truncated: segment 0'),
    (['--librbd', good], 'rbd_version comes from its dependency'),
    (['--librbd', os.path.join(SYSLIB, 'librados.so.2')],
     'that is librados.so.2, not a librbd.so.1'),
    (['--librados', os.path.join(SYSLIB, 'librbd.so.1')],
     'that is librbd.so.1, not a librados.so.2'),
    (['--librbd', make_elf(path('ppc64-lib.so'), '--machine', 'ppc64',
                           '--endian', 'big')],
     'PowerPC64 file, this process is ELF64 little-endian x86-64: another'
     ' architecture'),
    (['--headers', path('nonexistent')], 'No such file or directory'),
    (['--headers', work], 'no readable rbd/librbd.h there'),
    (['--headers', path('text')], 'not a directory'),
]
if libc:
    cases.append((['--librbd', libc], 'not a librbd.so.1'))
# A real library without a soname that does not export rbd_version: the
# shim's own check refuses it.
if shutil.which('cc'):
    with open(path('other.c'), 'w') as f:
        f.write('int other_function(void) { return 0; }\n')
    subprocess.run(['cc', '-shared', '-fPIC', '-o', path('other.so'),
                    path('other.c')], check=True)
    cases.append((['--librbd', path('other.so')],
                  'does not export rbd_version: not a librbd.so.1'))
if os.path.exists(SHIM):
    cases.append((['--librbd', SHIM], 'that is librbdcompat itself'))
    cases.append((['--librados', SHIM], 'that is librbdcompat itself'))
    # A drop-in install whose vendor directory is empty: the search path
    # finds the shim itself as librbd.so.1.
    dropin = os.path.join(work, 'dropin')
    os.mkdir(dropin)
    os.symlink(SHIM, os.path.join(dropin, 'librbd.so.1'))
    for args, want in (([], 'librbd.so.1 found at'), (['--json'], 'is'
                                                        ' librbdcompat'
                                                        ' itself')):
        rc, out, err, _ = run_probe(args, env=clean_env(
            LD_LIBRARY_PATH=dropin, RBDCOMPAT_VENDOR_DIR=work))
        check(rc == 2 and out == '' and err.count('\n') == 1 and
              want in err and 'is librbdcompat itself' in err and
              '(%s)' % work in err,
              'drop-in without a vendor librbd: exit 2, one line (%s)' %
              err.strip())
for args, want in cases:
    # (--binary would take a following --json as its file)
    for json in ([], ['--json']) if args != ['--binary'] else ([],):
        rc, out, err, _ = run_probe(args + json)
        what = ' '.join(os.path.basename(a) for a in args + json)
        check(rc == 2 and out == '' and err.count('\n') == 1 and
              err.startswith('rbdcompat-probe: ') and want in err,
              '%s: exit 2, one line naming the problem (%s)' % (
                  what, err.strip() if err else 'rc %d' % rc))

# A file that shrinks below its section table: every truncation point of a
# valid file gives an error or a result, never a crash.
bad = 0
for n in range(0, len(data), 7):
    rc, out, err, _ = run_probe(['--binary', path('cut', data[:n])])
    if rc not in (0, 2) or (rc == 2 and err.count('\n') != 1):
        bad += 1
check_eq(bad, 0, 'every truncation of a valid file: exit 0 or 2 with one'
         ' line')

rc, out, err, _ = run_probe(['--help'])
check(rc == 0 and out.startswith('Usage: rbdcompat-probe') and
      '--binary FILE' in out and '--headers DIR' in out and
      'Exit status' in out and err == '', '--help: usage on stdout, exit 0')
rc, out, err, _ = run_probe(['--version'])
check(rc == 0 and out.startswith('rbdcompat-probe '), '--version')
shutil.rmtree(work)
done()
