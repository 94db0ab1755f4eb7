#!/usr/bin/env python3
"""--binary on Debian's python3-rbd module and qemu's block-rbd.so with
the Pacific libraries, and on generated binaries that need what Pacific
lacks, what the shim emulates, stubs or does not export at all, and a
symbol version nobody defines.

What a binary needs must be exactly what nm -D --undefined-only lists (the
rbd_/rados_ symbols, with their versions); the verdicts must follow the
table's decisions.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probecommon import (PY_RBD, QEMU_RBD, SYSLIB, check, check_eq,  # noqa
                         done, expected_missing, make_elf, nm_needs,
                         require_system_ceph, run_probe, table)

require_system_ceph()
rows = table()
rbd = os.path.realpath(os.path.join(SYSLIB, 'librbd.so.1'))
rados = os.path.realpath(os.path.join(SYSLIB, 'librados.so.2'))
pacific_missing = set(expected_missing(rows, rbd, rados))
by_name = {}
for r in rows:
    by_name.setdefault(r['name'], []).append(r)


def needs_of(b):
    return sorted((n['name'], n['version'], n['weak']) for n in b['needs'])


def bind_now(path):
    out = subprocess.run(['readelf', '-d', '-W', path], capture_output=True,
                         text=True).stdout
    return bool(re.search(r'\(FLAGS\)\s.*\bBIND_NOW\b|\(FLAGS_1\)\s.*\bNOW\b|'
                          r'\(BIND_NOW\)', out))


real = [p for p in (PY_RBD, QEMU_RBD) if os.path.exists(p)]
check(len(real) == 2, 'python3-rbd and qemu-block-extra are installed')
if real:
    rc, out, err, doc = run_probe(['--json'] + sum((['--binary', p]
                                                    for p in real), []))
    check_eq(rc, 0, 'real binaries with Pacific: exit 0')
    check_eq(len(doc['binaries']), len(real), 'one report per --binary')
    for p, b in zip(real, doc['binaries']):
        base = os.path.basename(p)
        check_eq(b['path'], p, base + ': path')
        check_eq(needs_of(b), nm_needs(p),
                 base + ': needs exactly the rbd_/rados_ symbols nm lists'
                 ' (%d)' % len(b['needs']))
        check(len(b['needs']) > 20, base + ': needs many functions')
        check(all(n['status'] == 'present' and n['vendor_has']
                  for n in b['needs']), base + ': Pacific has them all')
        check(b['without_shim']['runs'] and b['with_shim']['covered'],
              base + ': runs without and with the shim')
        check_eq(b['bind_now'], bind_now(p), base + ': bind-now as readelf'
                 ' says')
        check(b['links_librbd'], base + ': links librbd.so.1')
        check_eq(b['elf'], 'ELF64 little-endian x86-64 shared object',
                 base + ': described')

# ---- a binary needing what Pacific lacks
missing_emulated = sorted(m for m in pacific_missing if '@' not in m and
                          by_name[m][0]['decision'] == 'emulated')
missing_stubbed = sorted(m for m in pacific_missing if '@' not in m and
                         by_name[m][0]['decision'] != 'emulated')
check(missing_emulated and missing_stubbed, 'Pacific lacks functions of both'
      ' kinds: emulated %s, stubbed %s' % (missing_emulated, missing_stubbed))
work = tempfile.mkdtemp(prefix='probe-bin-')
emu, stub = missing_emulated[0], missing_stubbed[0]
fixture = make_elf(
    os.path.join(work, 'needs-much.so'), '--needed', 'librbd.so.1',
    '--needed', 'librados.so.2', '--undef', 'rbd_open', '--undef', emu,
    '--undef', stub,
    '--undef', 'rados_ioctx_pool_stat@LIBRADOS_14.2.0@librados.so.2',
    '--undef', 'rados_made_up_function',
    '--undef', 'rbd_made_up_weak!weak',
    '--undef', 'rados_striper_read', '--undef', 'malloc',
    '--undef', '_ZN6librbd5Image4readEmmRN4ceph6buffer4listE',
    '--undef', 'rados_private_one@LIBRADOS_PRIVATE@librados.so.2')
rc, out, err, doc = run_probe(['--json', '--binary', fixture])
check_eq(rc, 1, 'fixture needing a stub and unexported functions: exit 1')
b = doc['binaries'][0]
st = {n['name']: n for n in b['needs']}
check_eq(sorted(st), sorted(['rbd_open', emu, stub, 'rados_ioctx_pool_stat',
                             'rados_made_up_function', 'rbd_made_up_weak',
                             '_ZN6librbd5Image4readEmmRN4ceph6buffer4listE',
                             'rados_private_one']),
         'only librbd/librados symbols count (not malloc, not'
         ' rados_striper_*)')
check_eq(st['rbd_open']['status'], 'present', 'rbd_open present')
check_eq(st[emu]['status'], 'missing-emulated', emu + ' emulated')
check_eq(st[stub]['status'], 'missing-stubbed', stub + ' stubbed')
check_eq((st['rados_ioctx_pool_stat']['version'],
          st['rados_ioctx_pool_stat']['status']),
         ('LIBRADOS_14.2.0', 'present'), 'versioned rados_ioctx_pool_stat')
check_eq(st['rados_made_up_function']['status'], 'not-exported',
         'a function upstream does not have is not exported by the shim')
check(st['rbd_made_up_weak']['weak'], 'weak reference seen as weak')
check_eq(st['_ZN6librbd5Image4readEmmRN4ceph6buffer4listE']['library'],
         'librbd', 'C++ API symbols belong to librbd')
check_eq(sorted(b['without_shim']['missing']),
         sorted([emu, stub, 'rados_made_up_function', 'rados_private_one',
                 '_ZN6librbd5Image4readEmmRN4ceph6buffer4listE']),
         'without the shim: exactly these are missing (weak ones do not count)')
check(not b['without_shim']['runs'], 'without the shim: does not run')
check_eq(b['with_shim']['emulated'], [emu], 'with the shim: emulated')
check_eq(b['with_shim']['stubbed'], [stub], 'with the shim: stubbed')
check_eq(sorted(b['with_shim']['not_exported']),
         sorted(['rados_made_up_function', 'rados_private_one',
                 '_ZN6librbd5Image4readEmmRN4ceph6buffer4listE']),
         'with the shim: not exported')
check_eq(b['with_shim']['missing_versions'], ['LIBRADOS_PRIVATE'],
         'the shim does not define LIBRADOS_PRIVATE')
check_eq(b['without_shim']['missing_versions'], [],
         'Pacific librados defines both versions')
check(not b['with_shim']['runs'] and not b['with_shim']['covered'],
      'with the shim: does not run')

rc, text, err, _ = run_probe(['--binary', fixture])
check('without librbdcompat: DOES NOT RUN' in text and
      'with librbdcompat:    DOES NOT RUN: librbdcompat lacks' in text,
      'text verdicts for the fixture')
check(re.search(r'^Result: NOT COVERED \(exit 1\): .*needs-much\.so needs 1'
                r' function librbdcompat can only stub, 3 it does not export,'
                r' 1 symbol version it does not define$', text, re.M),
      'the last line gives the reasons')

# Covered: the missing function is emulated, so exit 0.
covered = make_elf(os.path.join(work, 'covered.so'), '--needed',
                   'librbd.so.1', '--undef', 'rbd_open', '--undef', emu,
                   '--bind-now')
rc, text, err, _ = run_probe(['--binary', covered])
check_eq(rc, 0, 'fixture needing only present and emulated functions: exit 0')
check('without librbdcompat: DOES NOT RUN: the vendor\'s libraries lack 1 of'
      ' 2: %s (the dynamic linker refuses to load it)' % emu in text,
      'without the shim it does not load (bind now)')
check('with librbdcompat:    runs: 1 function emulated exactly' in text,
      'with the shim it runs')

# A binary needing nothing of Ceph.
rc, text, err, doc = run_probe(['--json', '--binary', '/bin/true'])
check(rc == 0 and doc['binaries'][0]['needs'] == [] and
      doc['binaries'][0]['without_shim']['runs'],
      '/bin/true needs nothing of librbd/librados: exit 0')
shutil.rmtree(work)
done()
