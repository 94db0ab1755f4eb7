#!/usr/bin/env python3
"""The real Ceph 14.2.21 (Nautilus) client libraries of Debian bullseye,
from tests/cluster/vendor-libs.sh fetch (skipped, 77, when it cannot get
them), named with --librbd/--librados.

The probe must report missing exactly the rows nm -D --defined-only does
not find in them, Ceph 14.2.21 (nautilus) as their release, the headers
of that release as compatible (only missing and release-dependent
differences), and qemu's block-rbd.so as needing the two encryption
functions Nautilus lacks.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probecommon import (QEMU_RBD, check, check_eq, check_statuses,  # noqa
                         check_table_matches, clean_env, done,
                         expected_missing, probe_missing, run_probe, table,
                         vendor_libs)

libdir = vendor_libs('fetch')
root = os.path.dirname(os.path.dirname(os.path.dirname(libdir)))
rbd = os.path.join(libdir, 'librbd.so.1')
rados = os.path.join(libdir, 'librados.so.2')
env = clean_env(LD_LIBRARY_PATH='%s:%s/ceph' % (libdir, libdir))
rows = table()
args = ['--librbd', rbd, '--librados', rados]

rc, out, err, doc = run_probe(['--json'] + args, env=env)
check_eq(rc, 0, 'Nautilus libraries: exit 0')
check_table_matches(doc, rows)
want = expected_missing(rows, rbd, rados)
check_eq(probe_missing(doc), want, 'missing functions are exactly those nm -D'
         ' does not find in the 14.2.21 libraries (%d)' % len(want))
check(all(not f['since'].startswith(('12.', '13.', '14.'))
          for f in doc['functions'] if f['status'] != 'present'),
      'nothing of Ceph 14 or older is missing from Ceph 14')
check_statuses(doc, rows, 'Nautilus')
libs = {l['name']: l for l in doc['libraries']}
for name, path in (('librbd', rbd), ('librados', rados)):
    check_eq(libs[name]['file'], os.path.realpath(path), name + ': the file'
             ' given')
    check_eq(libs[name]['found_through'], '--' + name, name + ': found'
             ' through the option')
    check_eq((libs[name]['ceph_version'], libs[name]['release']),
             ('14.2.21', 'nautilus'), name + ': Ceph 14.2.21 (nautilus)')
check_eq(libs['librbd']['api_version'], '1.12.0', 'rbd_version() 1.12.0')
check_eq(libs['librbd']['librados_used'], None,
         'librbd uses the librados given')
by = {b['major']: b for b in libs['librbd']['by_release']}
check_eq((by[15]['missing'], by[15]['functions']),
         (by[15]['functions'], by[15]['functions']),
         'every librbd function added in Ceph 15 is missing')

rc, text, err, _ = run_probe(args, env=env)
check('Ceph 14.2.21 (nautilus)' in text and
      'added in Ceph 15 (octopus): %d of %d missing' % (
          by[15]['missing'], by[15]['functions']) in text,
      'text report: release and per-release summary')

inc = os.path.join(root, 'usr', 'include')
rc, out, err, doc = run_probe(['--json', '--headers', inc] + args, env=env)
check_eq((rc, doc['headers']['incompatible'] if doc else None), (0, 0),
         'Nautilus headers: nothing incompatible, exit 0')
miss = {d['name'] for d in doc['headers']['differences']
        if d['verdict'] == 'missing'}
check({'RBD_FEATURE_NON_PRIMARY', 'rbd_encryption_format'} <= miss,
      'Nautilus headers lack what came later (RBD_FEATURE_NON_PRIMARY,'
      ' rbd_encryption_format)')

if os.path.exists(QEMU_RBD):
    rc, out, err, doc = run_probe(['--json', '--binary', QEMU_RBD] + args,
                                  env=env)
    b = doc['binaries'][0]
    check_eq(sorted(b['without_shim']['missing']),
             ['rbd_encryption_format', 'rbd_encryption_load'],
             'block-rbd.so on Nautilus: lacks the encryption functions')
    dec = {r['name']: r['decision'] for r in rows}
    stubbed = sorted(n for n in b['without_shim']['missing']
                     if dec[n] != 'emulated')
    check_eq((rc, sorted(b['with_shim']['stubbed'])),
             (1 if stubbed else 0, stubbed),
             'block-rbd.so on Nautilus with the shim: as the table decides')
done()
