#!/usr/bin/env python3
"""--headers: Debian's Pacific headers against ours, and a copy of them
with one constant, one enum constant, two struct layouts, one prototype
and one callback type changed.

The unchanged Pacific headers must give exit 0 with no incompatibility,
and report as missing exactly the functions of our table whose name they
do not declare (grep). The changed copy must give exit 1 and name each
change, and nothing else, as incompatible; masks built from the changed
constant must only be "release-dependent". With clang (which stops after
20 errors per run) the verdicts must be the same as with cc.
"""
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probecommon import (check, check_eq, clean_env, done, run_probe,  # noqa
                         skip, table)

PAC = '/usr/include'
if not os.path.exists(os.path.join(PAC, 'rbd', 'librbd.h')):
    skip('no Pacific headers in /usr/include (Debian librbd-dev)')
if not shutil.which('cc'):
    skip('no C compiler')


def differences(doc, verdict):
    return sorted((d['kind'], d['name']) for d in doc['headers']['differences']
                  if d['verdict'] == verdict)


rows = table()
pub = {r['name'] for r in rows if not r['abi_only']}
text = ''.join(open(os.path.join(PAC, f)).read()
               for f in ('rbd/librbd.h', 'rados/librados.h'))
undeclared = sorted(n for n in pub
                    if not re.search(r'\b%s\s*\(' % re.escape(n), text))

rc, out, err, doc = run_probe(['--json', '--headers', PAC])
check_eq(rc, 0, 'Pacific headers: exit 0')
h = doc['headers']
check_eq(h['incompatible'], 0, 'Pacific headers: nothing incompatible')
check_eq(sorted(n for k, n in differences(doc, 'missing') if k == 'function'),
         undeclared, 'functions missing from the Pacific headers are exactly'
         ' those they do not declare (%d)' % len(undeclared))
check(('macro', 'LIBRBD_VER_MINOR') in differences(doc, 'release-dependent'),
      'LIBRBD_VER_MINOR differs as a release-dependent constant')
check(h['same'] > 800, 'most checks are the same (%d)' % h['same'])
check_eq(h['checks'], h['same'] + h['missing'] + h['members_of_missing_types']
         + h['release_dependent'] + h['uncheckable'] + h['incompatible'],
         'the verdicts add up to the checks')

# ---- a changed copy
work = tempfile.mkdtemp(prefix='probe-headers-')
try:
    for d in ('rbd', 'rados'):
        shutil.copytree(os.path.join(PAC, d), os.path.join(work, d))

    def edit(rel, old_re, new, count=1):
        p = os.path.join(work, rel)
        s = open(p).read()
        s2, n = re.subn(old_re, new, s, count=count)
        if n != count:
            skip('Pacific header %s does not have the expected %r' %
                 (rel, old_re))
        open(p, 'w').write(s2)

    # A constant of its own (and, through it, two masks made from it).
    edit('rbd/features.h', r'(#define\s+RBD_FEATURE_DEEP_FLATTEN\s+)\(1ULL<<5\)',
         r'\1(1ULL<<13)')
    # An enum constant.
    edit('rbd/librbd.h', r'RBD_LOCK_MODE_SHARED\s*=\s*1', 'RBD_LOCK_MODE_SHARED = 5')
    # A member grows: its size and the next member's offset change.
    edit('rbd/librbd.h', r'(uint64_t num_objs;\s*)int order;', r'\1int64_t order;')
    # A struct grows at the end: only its size changes.
    edit('rados/librados.h', r'(struct rados_cluster_stat_t \{[^}]*uint64_t '
         r'num_objects;)', r'\1\n  uint64_t num_extra;')
    # A prototype.
    edit('rbd/librbd.h', r'(rbd_resize\(rbd_image_t image,\s*)uint64_t size\)',
         r'\1uint32_t size)')
    # A callback type.
    edit('rados/librados.h', r'typedef void \(\*rados_callback_t\)\('
         r'rados_completion_t cb,\s*void \*arg\)',
         'typedef int (*rados_callback_t)(rados_completion_t cb, void *arg)')

    want = [('enumerator', 'RBD_LOCK_MODE_SHARED'),
            ('function', 'rbd_resize'),
            ('macro', 'RBD_FEATURE_DEEP_FLATTEN'),
            ('member', 'rbd_image_info_t.block_name_prefix'),
            ('member', 'rbd_image_info_t.order'),
            ('type', 'struct rados_cluster_stat_t'),
            ('typedef', 'rados_callback_t')]
    results = {}
    compilers = [('cc', None)]
    if shutil.which('clang'):
        compilers.append(('clang', 'clang'))
    for name, cc in compilers:
        env = clean_env(**({'CC': cc} if cc else {}))
        rc, out, err, doc = run_probe(['--json', '--headers', work], env=env)
        check_eq(rc, 1, '%s: changed headers: exit 1' % name)
        check_eq(differences(doc, 'incompatible'), want,
                 '%s: exactly the changes are incompatible' % name)
        exp = differences(doc, 'release-dependent')
        check(('macro', 'RBD_FEATURES_ALL') in exp and
              ('macro', 'RBD_FEATURES_DEFAULT') in exp,
              '%s: masks made from the changed constant are only'
              ' release-dependent' % name)
        d = {x['name']: x for x in doc['headers']['differences']}
        check_eq((d['RBD_FEATURE_DEEP_FLATTEN']['ours'],
                  d['RBD_FEATURE_DEEP_FLATTEN']['theirs']),
                 ('32 (0x20)', '8192 (0x2000)'), '%s: both values shown' % name)
        check('uint32_t size' in (d['rbd_resize']['theirs'] or '') and
              'uint64_t size' in d['rbd_resize']['ours'],
              '%s: both prototypes of rbd_resize shown' % name)
        results[name] = doc['headers']
    if len(results) == 2:
        strip = [{k: v for k, v in r.items() if k != 'compiler'}
                 for r in results.values()]
        for r in strip:
            for x in r['differences']:
                x.pop('note', None)
        check(strip[0] == strip[1], 'cc and clang give the same verdicts')

    rc, text, err, _ = run_probe(['--brief', '--headers', work])
    check_eq(rc, 1, 'text report: exit 1')
    check('*** INCOMPATIBLE' in text and 'librbdcompat cannot fix' in text,
          'text report says prominently that this cannot be fixed')
    for kind, name in want:
        check(re.search(r'^    \S.*\b%s\b' % re.escape(name), text, re.M),
              'text report names %s' % name)
    check('Result: NOT COVERED (exit 1): 7 incompatible header differences'
          in text, 'the last line gives the reason')

    # No compiler: one line, exit 2.
    rc, out, err, _ = run_probe(['--headers', work], env=clean_env(
        CC='/nonexistent/cc'))
    check(rc == 2 and err.count('\n') == 1 and 'C compiler' in err and
          not out, 'CC that does not exist: one line, exit 2 (%r)' % err)
    # Headers that do not compile at all: one line, exit 2.
    with open(os.path.join(work, 'rbd', 'librbd.h'), 'w') as f:
        f.write('#error these headers are broken\n')
    rc, out, err, _ = run_probe(['--headers', work])
    check(rc == 2 and err.count('\n') == 1 and 'broken' in err and not out,
          'headers that do not compile: one line, exit 2 (%r)' % err)
finally:
    shutil.rmtree(work)
done()
