#!/usr/bin/env python3
"""The --json output has exactly the members tools/probe/README-schema.md
documents, with the documented types, in every kind of object: the
document and the code cannot drift apart unnoticed."""
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probecommon import (SRCDIR, check_eq, done, make_elf,  # noqa
                         require_system_ceph, run_probe, skip)

require_system_ceph()
if not os.path.exists('/usr/include/rbd/librbd.h'):
    skip('no Pacific headers for --headers')
doc_md = open(os.path.join(SRCDIR, 'tools', 'probe',
                           'README-schema.md')).read()


def tables(section):
    """[{member: type}] of the tables under '## section'."""
    body = re.search(r'^## %s\n(.*?)(?=^## |\Z)' % section, doc_md,
                     re.M | re.S).group(1)
    result, cur = [], None
    for line in body.splitlines():
        if not line.startswith('| '):
            cur = None
            continue
        cells = [c.strip() for c in line.strip('|').split('|')]
        if cells[0] in ('member', '---'):
            if cells[0] == 'member':
                cur = {}
                result.append(cur)
            continue
        for name in re.findall(r'`([a-z_]+)`', cells[0]):
            cur[name] = cells[1]
    return result


TYPES = {'string': str, 'number': int, 'bool': bool, 'array': list,
         'object': dict}


def check_object(obj, spec, what):
    check_eq(sorted(obj), sorted(spec), what + ': members as documented')
    for k, t in spec.items():
        if k not in obj:
            continue
        allowed = tuple(TYPES[x] for x in t.split('/') if x in TYPES)
        ok = (obj[k] is None and 'null' in t) or (
            isinstance(obj[k], allowed) and
            not (isinstance(obj[k], bool) and bool not in allowed))
        if not ok:
            check_eq(type(obj[k]).__name__, t, '%s.%s type' % (what, k))


work = tempfile.mkdtemp(prefix='probe-schema-')
fixture = make_elf(os.path.join(work, 'fx.so'), '--needed', 'librbd.so.1',
                   '--undef', 'rbd_open', '--undef',
                   'rados_ioctx_pool_stat@LIBRADOS_14.2.0@librados.so.2')
rc, out, err, doc = run_probe(['--json', '--headers', '/usr/include',
                               '--binary', fixture])
check_eq(sorted(doc), sorted(['schema', 'exit_status', 'libraries',
                              'functions', 'headers', 'binaries']),
         'top-level members')
check_eq(doc['exit_status'], rc, 'exit_status is the exit status')
lib, = tables('LIBRARY')
for l in doc['libraries']:
    spec = dict(lib)
    if l['name'] != 'librbd':
        spec.pop('librados_used')
    check_object(l, spec, l['name'])
fn, = tables('FUNCTION')
for f in doc['functions'][:3] + [x for x in doc['functions']
                                 if x['status'] != 'present'][:3]:
    check_object(f, fn, 'function ' + f['name'])
hdr, diff = tables('HEADERS')
check_object(doc['headers'], hdr, 'headers')
for d in doc['headers']['differences'][:5]:
    check_object(d, diff, 'difference ' + d['name'])
binary, = tables('BINARY')
check_object(doc['binaries'][0], binary, 'binary')
os.unlink(fixture)
os.rmdir(work)
done()
