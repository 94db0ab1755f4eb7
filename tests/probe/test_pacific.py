#!/usr/bin/env python3
"""The library report against Debian's Ceph 16.2.15 (Pacific) libraries,
found as the shim finds them (no option, no RBDCOMPAT_* variable).

The functions reported missing must be exactly the rows of the function
table that nm -D --defined-only does not find in the two libraries; the
versions must be the libraries' own; the text report must say the same as
the JSON one; RBDCOMPAT_DISABLE must turn a present function into a
missing one, as it does in the shim.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probecommon import (SYSLIB, check, check_eq, check_statuses,  # noqa
                         check_table_matches, clean_env, done,
                         expected_missing, probe_missing,
                         require_system_ceph, run_probe, table)

require_system_ceph()
rows = table()
rbd = os.path.realpath(os.path.join(SYSLIB, 'librbd.so.1'))
rados = os.path.realpath(os.path.join(SYSLIB, 'librados.so.2'))

rc, out, err, doc = run_probe(['--json'])
check_eq(rc, 0, 'exit status 0 without --binary/--headers')
check_eq(err, '', 'nothing on stderr')
check_eq(doc['schema'], 'rbdcompat-probe/1', 'schema version')
check_table_matches(doc, rows)

want = expected_missing(rows, rbd, rados)
got = probe_missing(doc)
check_eq(got, want, 'missing functions are exactly those nm -D does not'
         ' find in the Pacific libraries (%d)' % len(want))
check(len(want) > 0, 'Pacific lacks some functions of the newest upstream')
check(all(not re.match(r'^1[2-6]\.', f['since']) for f in doc['functions']
          if f['status'] != 'present'),
      'nothing added in Ceph 16 or earlier is missing from Ceph 16')
check_statuses(doc, rows, 'Pacific')

libs = {l['name']: l for l in doc['libraries']}
check_eq((libs['librbd']['file'], libs['librados']['file']), (rbd, rados),
         'the files loaded are the system libraries')
check_eq(libs['librbd']['found_through'], 'the library search path',
         'found through the library search path, as the shim would')
# librbd.so.1.16.0: the API version rbd_version() reports.
check_eq(libs['librbd']['api_version'], re.sub(r'^.*\.so\.', '', rbd),
         'rbd_version() matches the file name')
check_eq(libs['librados']['api_version'], '3.0.0', 'rados_version()')
deb = subprocess.run(['dpkg-query', '-W', '-f', '${Version}', 'librbd1'],
                     capture_output=True, text=True).stdout
if deb:
    upstream = re.match(r'^(?:\d+:)?([\d.]+)', deb).group(1)
    for name in ('librbd', 'librados'):
        check_eq(libs[name]['ceph_version'], upstream,
                 '%s ceph_version_to_str() is the package version' % name)
        check_eq(libs[name]['release'], 'pacific', name + ' release name')
for name, lib in (('librbd', 'rbd'), ('librados', 'rados')):
    mine = [r for r in rows if r['lib'] == lib]
    miss = [m for m in want if any(m == r['name'] + ('@' + r['version'] if
                                                     r['version'] else '')
                                   for r in mine)]
    check_eq((libs[name]['functions'], libs[name]['missing']),
             (len(mine), len(miss)), name + ' counts')
    by = {b['major']: b for b in libs[name]['by_release']}
    check_eq(sum(b['functions'] for b in by.values()), len(mine),
             name + ': the releases add up to all its functions')
    check_eq(sum(b['missing'] for b in by.values()), len(miss),
             name + ': the releases add up to its missing functions')

# The text report says the same.
rc, text, err, _ = run_probe([])
check_eq(rc, 0, 'text report: exit 0')
for f in doc['functions']:
    lab = f['name'] + ('@' + f['version'] if f['version'] else '')
    pat = r'^  %s\s+%s\s+since %s\b' % (re.escape(f['status']),
                                       re.escape(lab), re.escape(f['since']))
    if not re.search(pat, text, re.M):
        check(False, 'text report lists %s as %s' % (lab, f['status']))
        break
else:
    check(True, 'text report lists every function with its status')
for name in ('librbd', 'librados'):
    for b in libs[name]['by_release']:
        line = 'added in Ceph %d (%s)%s: %d of %d missing' % (
            b['major'], b['release'], ' or earlier' if b['major'] == 12 else '',
            b['missing'], b['functions'])
        if line not in text:
            check(False, 'text summary has "%s"' % line)
            break
    else:
        check(True, name + ': text summary per release')
check('Ceph 16.2.15 (pacific)' in text or not deb,
      'text report names the Ceph release')

# --brief leaves the present ones out of the text, nothing else.
rc, brief, err, _ = run_probe(['--brief'])
check(rc == 0 and not re.search(r'^  present ', brief, re.M) and
      all(m.split('@')[0] in brief for m in want),
      '--brief lists only the missing functions')

# RBDCOMPAT_DISABLE makes the shim treat a present function as missing.
rc, out, err, d2 = run_probe(['--json'], env=clean_env(
    RBDCOMPAT_DISABLE='rbd_open, rbd_version'))
f = {x['name']: x for x in d2['functions'] if x['version'] is None}
check(f['rbd_open']['disabled'] and f['rbd_open']['vendor_has'] and
      f['rbd_open']['status'] == 'missing-stubbed',
      'RBDCOMPAT_DISABLE=rbd_open: reported missing-stubbed, vendor has it')
check(f['rbd_version']['status'] == 'missing-emulated',
      'RBDCOMPAT_DISABLE=rbd_version: its emulation answers')
check_eq(probe_missing(d2), sorted(want + ['rbd_open', 'rbd_version']),
         'RBDCOMPAT_DISABLE adds exactly those two')

# RBDCOMPAT_LIBRBD is honoured like --librbd (it is how the shim works).
rc, out, err, d3 = run_probe(['--json'], env=clean_env(
    RBDCOMPAT_LIBRBD=os.path.join(SYSLIB, 'librbd.so.1')))
check_eq(d3['libraries'][0]['found_through'], 'RBDCOMPAT_LIBRBD',
         'RBDCOMPAT_LIBRBD in the environment is what found librbd')

# The vendor directory of a drop-in install comes before the search path.
vdir = tempfile.mkdtemp(prefix='probe-vendor-dir-')
os.symlink(rbd, os.path.join(vdir, 'librbd.so.1'))
rc, out, err, d4 = run_probe(['--json'], env=clean_env(
    RBDCOMPAT_VENDOR_DIR=vdir))
lib4 = {l['name']: l for l in d4['libraries']}
check_eq((lib4['librbd']['found_through'], lib4['librbd']['path'],
          lib4['librados']['found_through']),
         ('the vendor directory', os.path.join(vdir, 'librbd.so.1'),
          'the library search path'),
         'RBDCOMPAT_VENDOR_DIR: librbd from there, librados from the search'
         ' path')
shutil.rmtree(vdir)
done()
