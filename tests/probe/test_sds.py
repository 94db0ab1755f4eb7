#!/usr/bin/env python3
"""The SDS-like simulated vendor (tests/cluster/vendor-libs.sh sds): Debian's
Pacific librbd without rbd_trash_list_cleanup, headers without
RBD_FEATURE_JOURNALING. Skipped (77) when vendor-libs.sh cannot make it.

Against the plain Pacific libraries it must lack exactly
rbd_trash_list_cleanup (and nm must agree); its headers must lack exactly
the RBD_FEATURE_JOURNALING constant more, with the masks naming it
reported as not compilable rather than as incompatible; python3-rbd must
be reported as not loading without the shim.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probecommon import (PY_RBD, SYSLIB, check, check_eq, done,  # noqa
                         check_statuses, expected_missing, probe_missing,
                         require_system_ceph, run_probe, table, vendor_libs)

require_system_ceph()
sds = vendor_libs('sds')
lib = os.path.join(sds, 'lib', 'librbd.so.1')
rows = table()

rc, out, err, pac = run_probe(['--json'])
rc, out, err, doc = run_probe(['--json', '--librbd', lib])
check_eq(rc, 0, 'SDS: exit 0')
extra = sorted(set(probe_missing(doc)) - set(probe_missing(pac)))
check_eq(extra, ['rbd_trash_list_cleanup'],
         'SDS lacks exactly rbd_trash_list_cleanup more than Pacific')
check_eq(sorted(set(probe_missing(pac)) - set(probe_missing(doc))), [],
         'and nothing Pacific lacks is there')
check_eq(probe_missing(doc), expected_missing(
    rows, lib, os.path.realpath(os.path.join(SYSLIB, 'librados.so.2'))),
    'SDS: missing functions are exactly those nm -D does not find')
check_statuses(doc, rows, 'SDS')
check_eq(doc['libraries'][0]['file'], os.path.realpath(lib),
         'SDS librbd is the file loaded')

hdr_pac = run_probe(['--json', '--headers', '/usr/include'])[3]['headers']
rc, out, err, d = run_probe(['--json', '--headers', os.path.join(
    sds, 'include')])
h = d['headers']
check_eq((rc, h['incompatible']), (0, 0), 'SDS headers: nothing incompatible')


def names(hd, verdict):
    return {x['name'] for x in hd['differences'] if x['verdict'] == verdict}


check_eq(sorted(names(h, 'removed') - names(hdr_pac, 'removed')),
         ['RBD_FEATURE_JOURNALING'],
         'SDS headers lack exactly RBD_FEATURE_JOURNALING more than Pacific,'
         ' an old constant: removed, not "newer"')
check_eq(sorted(names(h, 'missing') - names(hdr_pac, 'missing')), [],
         'nothing else is missing')
unc = names(h, 'uncheckable')
check(unc and all(x['note'] and 'RBD_FEATURE_JOURNALING' in x['note']
                  for x in h['differences'] if x['verdict'] == 'uncheckable'),
      'masks naming it do not compile, and say why: %s' % sorted(unc))

if os.path.exists(PY_RBD):
    rc, out, err, d = run_probe(['--json', '--librbd', lib, '--binary',
                                 PY_RBD])
    b = d['binaries'][0]
    check_eq(b['without_shim']['missing'], ['rbd_trash_list_cleanup'],
             'python3-rbd on SDS: rbd_trash_list_cleanup missing')
    emulated = {r['name']: r['decision'] for r in rows}[
        'rbd_trash_list_cleanup'] == 'emulated'
    check_eq((rc, b['with_shim']['covered']),
             (0, True) if emulated else (1, False),
             'python3-rbd on SDS with the shim: as the table decides')
done()
