#!/usr/bin/env python3
"""Handle families and the stubs that leave nothing half-done, derived from
the prototypes of the function table (gen/functable.py reads the headers).

A family is one opaque handle type of the C API (a `typedef void *X;` such
as rbd_image_t or rados_write_op_t) and:
  - its creators: functions that return an X, or fill an `X *` out
    parameter, and do not take an X themselves (rados_object_list() hands
    out a cursor but needs one; rbd_poll_io_events() returns completions
    the caller made; getters such as rados_ioctx_get_cluster() return a
    handle that already exists);
  - its destroys: functions whose first parameter is an X and whose name
    says they end it (close, destroy, release, shutdown, *_end, *_free);
  - its members: every function taking an X by value.
The runtime (lib/family.c) stubs a whole family when none of its creators
can be used (every use of a handle nobody could make would reach the vendor
with garbage), and widens an RBDCOMPAT_DISABLE list that names a destroy (a
handle that cannot be released must not be made).

This file also writes the stubs that set their outputs: every non-const
pointer parameter gets upstream's empty answer on error (counts and lengths
0, pointers NULL, structs zeroed, prval -ENOSYS) instead of keeping what the
caller passed, and a void builder of a write or read operation makes the
whole operation fail when it is operated (shim/op_fail.c) instead of
silently leaving its step out.

  functable.py --emit families ...   (this module's emit_families)
"""
import re

import functable as ft

DESTROY_RE = re.compile(r'(close|destroy|release|shutdown|_end|_free)$|'
                        r'^rados_release_')
# Functions that return or fill a handle without making one.
NOT_CREATORS = {
    'rbd_poll_io_events': 'returns completions the caller made',
    'rados_ioctx_get_cluster': 'returns the cluster the ioctx was made from',
    'rados_cct': 'returns the cluster\'s configuration',
    'rados_ioctx_cct': 'returns the cluster\'s configuration',
}
# Names that look like a destroy but are not one of the first parameter's
# type, and the destroy whose handle is not its first parameter.
NOT_DESTROYS = {'rbd_lock_release', 'rados_object_list_is_end',
                'rados_object_list_cursor_free'}
DESTROY_OF = {'rados_object_list_cursor_free': 'rados_object_list_cursor'}
# Functions that are of no use, or harmful, without others: they answer
# their stub when one of these is unavailable. An image notification
# (eventfd) that nobody can drain with rbd_poll_io_events(), or whose
# completions rbd_aio_get_arg() cannot map back, stays readable for ever:
# fio's rbd engine polls it in a loop that never ends.
REQUIRES = {
    'rbd_set_image_notification': ('rbd_poll_io_events', 'rbd_aio_get_arg'),
}
# Non-const pointer parameters that are inputs in upstream's API.
INPUT_POINTERS = {'mtime', 'duration', 'order', 'c_order', 'mode_filter'}
# How many entries an array parameter has room for / was given.
COUNT_RE = re.compile(r'^(max|num|nr)|^(len|result_size)$')
INTEGER = {'size_t', 'int', 'int64_t', 'uint64_t', 'uint32_t', 'uint8_t',
           'unsigned char', 'time_t', 'rados_snap_t', 'unsigned int',
           'uint16_t'}
# Rows that free what the caller holds: their stubs must touch nothing.
CLEANUP_RE = re.compile(r'(_cleanup|_end|_free|release|destroy)$')


def handle_types(headers):
    """The opaque handle typedefs of the table's headers, in header order."""
    out = []
    for path in headers:
        for m in re.finditer(r'^typedef\s+void\s*\*\s*(\w+)\s*;', open(
                path).read(), re.M):
            out.append(m.group(1))
    return out


def _norm(t):
    t = ' '.join(t.replace('*', ' * ').split()).replace('* *', '**')
    # A by-value handle may be declared const: the same type to us.
    return t[6:] if t.startswith('const ') and '*' not in t else t


def _pointee(t):
    """The type a non-const pointer parameter points to, or None for
    by-value, const-pointee and function pointer parameters."""
    t = _norm(t)
    if '(' in t or not t.endswith('*'):
        return None
    rem = t[:-1].strip()
    words = rem.replace('*', ' ').split()
    if rem.endswith('const') or (not rem.endswith('*') and 'const' in words):
        return None
    return rem


def derive(rows, handles):
    """[{'type', 'creators', 'destroys', 'members', 'void_creators'}]:
    one per handle type that has a creator."""
    fams = []
    for h in handles:
        fam = {'type': h, 'creators': [], 'destroys': [], 'members': [],
               'void_creators': []}
        for r in rows:
            byval = [n for t, n in r['params'] if _norm(t) == h]
            r.setdefault('handles', set(handles))
            makes = _norm(r['ret']) == h or any(
                _pointee(t) == h for t, _ in r['params'])
            if byval:
                fam['members'].append(r['idx'])
                first = _norm(r['params'][0][0])
                if DESTROY_OF.get(r['name']) == h or (
                        first == h and DESTROY_RE.search(r['name']) and
                        r['name'] not in NOT_DESTROYS and
                        r['retclass'] in ('void', 'signed')):
                    fam['destroys'].append(r['idx'])
            elif makes and r['name'] not in NOT_CREATORS:
                fam['creators'].append(r['idx'])
                if r['retclass'] == 'void':
                    fam['void_creators'].append(r['idx'])
        if fam['creators']:
            fams.append(fam)
    return fams


# ------------------------------------------------------------ the stubs

def _outputs(r):
    """C statements giving each output parameter its empty answer."""
    if CLEANUP_RE.search(r['name']):
        return []
    params = r['params']
    # A row with a count fills arrays (plural names: snaps, image_ids):
    # those are left alone, the count says they are empty.
    def plural(n):
        return n.endswith('s') and not COUNT_RE.search(n)
    array_row = any(COUNT_RE.search(n) for _, n in params) and any(
        plural(n) for t, n in params if _pointee(t))
    sizes = [n for t, n in params if _pointee(t) is None and
             (n.endswith('_size') or n == 'infosize')]
    out = []
    # Upstream zeroes a list's whole array before it fills it (librbd's
    # rbd_snap_list), so that the list's cleanup, which walks the array
    # to the first empty entry (rbd_snap_list_end) or frees each entry,
    # finds nothing to free after an error: do the same, for the capacity
    # the caller's count pointer gives, before the count is set to 0.
    # The capacity: a by-value maximum where there is one (then the count
    # pointer is an output only, its value garbage), else the one in/out
    # count pointer.
    counts = [n for t, n in params if _pointee(t) in INTEGER and
              re.search(r'^(max_|num_)|^(size|len)$', n)]
    cap = [n for t, n in params if _pointee(t) is None and '*' not in t and
           re.search(r'^(max|num)', n)]
    if array_row and (cap or len(counts) == 1):
        c = cap[0] if cap else counts[0]
        have = '%s > 0' % c if cap else '%s && *%s > 0' % (c, c)
        size = '(size_t)%s' % c if cap else '(size_t)*%s' % c
        for t, n in params:
            p = _pointee(t)
            if p is None or not plural(n) or p in INTEGER or \
                    p in ('void', 'char') or n in INPUT_POINTERS:
                continue
            elem = sizes[0] if sizes and not p.endswith('*') else \
                'sizeof *%s' % n
            out.append('  if (%s && %s)\n    memset(%s, 0, %s * %s);' % (
                n, have, n, size, elem))
    for t, n in params:
        p = _pointee(t)
        if p is None or p in ('void', 'char') or n in INPUT_POINTERS:
            continue
        if p in r.get('handles', ()):
            if r['name'] not in NOT_CREATORS:
                out.append('  if (%s)\n    *%s = NULL;' % (n, n))
            continue
        if array_row and plural(n):
            continue
        if p.endswith('*'):
            out.append('  if (%s)\n    *%s = NULL;' % (n, n))
        elif p in INTEGER:
            val = '-ENOSYS' if n in ('prval', 'rval') else '0'
            out.append('  if (%s)\n    *%s = %s;' % (n, n, val))
        elif sizes:
            out.append('  if (%s)\n    memset(%s, 0, %s < sizeof *%s ? %s :'
                       ' sizeof *%s);' % (n, n, sizes[0], n, sizes[0], n))
        else:
            out.append('  if (%s)\n    memset(%s, 0, sizeof *%s);' % (n, n, n))
    return out


def _op_kind(r):
    """'write' or 'read' for a void builder of an operation."""
    if r['retclass'] != 'void' or not r['params'] or \
            CLEANUP_RE.search(r['name']) or DESTROY_RE.search(r['name']):
        return None  # releasing an operation is not a step of it
    first = _norm(r['params'][0][0])
    return {'rados_write_op_t': 'write',
            'rados_read_op_t': 'read'}.get(first)


def _safe_stub(r, fn):
    outs = _outputs(r)
    kind = _op_kind(r)
    if not outs and not kind:
        return None
    body = ['  (void)%s;' % n for _, n in r['params']]
    body += outs
    if kind:
        prval = 'prval' if 'prval' in [n for _, n in r['params']] else 'NULL'
        body.append('  rbdcompat_fail_%s_op(%s, %s);' % (
            kind, r['params'][0][1], prval))
    body.append({
        'void': '',
        'signed': '  return -ENOSYS;',
        'unsigned': '  errno = ENOSYS;\n  return 0;',
        'pointer': '  errno = ENOSYS;\n  return NULL;',
    }[r['retclass']])
    return '%s\n{\n%s\n}\n' % (ft._proto(r, fn, True), '\n'.join(
        b for b in body if b))


def safe_stub_name(r):
    return 'rbdcompat_safe_stub_%d' % r['idx']


def safe_stub_rows(rows):
    """The rows whose stub sets outputs or fails its operation, with the
    declaration of that stub (for the resolvers in forwarders.c)."""
    return {r['idx']: 'RBDCOMPAT_HIDDEN %s;' % ft._proto(r, safe_stub_name(r))
            for r in rows if _outputs(r) or _op_kind(r)}


def emit_families(rows, headers):
    handles = handle_types(headers)
    fams = derive(rows, handles)
    if len(fams) > 32:
        raise ft.TableError('more than 32 handle families')
    n = len(rows)
    out = ['/* Generated by gen/families.py from the headers: do not edit. */',
           '#include "rbdcompat_internal.h"', '#include "family.h"',
           '#include <errno.h>', '#include <stdatomic.h>',
           '#include <string.h>', '']
    for i, f in enumerate(fams):
        for key in ('creators', 'destroys'):
            out.append('static const unsigned short fam_%d_%s[] = { %s };' % (
                i, key, ', '.join(str(x) for x in f[key]) or '0'))
    out.append('const struct rbdcompat_family rbdcompat_families[%d] = {'
               % len(fams))
    for i, f in enumerate(fams):
        out.append('  { "%s", fam_%d_creators, %d, fam_%d_destroys, %d, %d },'
                   % (f['type'], i, len(f['creators']), i, len(f['destroys']),
                      len(f['members'])))
    out.append('};')
    out.append('const unsigned rbdcompat_nfamilies = %d;' % len(fams))
    uses, makes = [0] * n, [0] * n
    for i, f in enumerate(fams):
        for x in f['members']:
            uses[x] |= 1 << i
        for x in f['creators']:
            makes[x] |= 1 << i
    by_name = {r['name']: r['idx'] for r in rows if not r['version']}
    req = {}
    for name, needs in REQUIRES.items():
        if name not in by_name or any(x not in by_name for x in needs):
            raise ft.TableError('families.REQUIRES names a function the'
                                ' table lacks: %s %s' % (name, needs))
        req[by_name[name]] = [by_name[x] + 1 for x in needs] + [0, 0]
    out.append('const struct rbdcompat_row_family rbdcompat_row_families[%d]'
               ' = {' % n)
    out += ['  { 0x%xu, 0x%xu, { %d, %d } },' % (
        uses[i], makes[i], *req.get(i, [0, 0])[:2]) for i in range(n)]
    out.append('};')
    # Stubs that set their outputs (the generated plain ones do not). Each
    # row's resolver passes its safe stub itself (functable.py
    # emit_forwarders, through safe_stub_rows()): no table of their
    # addresses to relocate at load, only a flag per row.
    safe = {}
    for r in rows:
        name = safe_stub_name(r)
        s = _safe_stub(r, name)
        if s:
            out.append('RBDCOMPAT_HIDDEN ' + s[len('static '):])
            safe[r['idx']] = name
    out.append('const unsigned char rbdcompat_has_safe_stub[%d] = {' % n)
    out += ['  %d,' % (i in safe) for i in range(n)]
    out.append('};')
    # Guards for the members of families a void creator makes handles of.
    guarded = {}
    for i, f in enumerate(fams):
        if not f['void_creators'] or len(f['creators']) < 2:
            continue  # a lone creator missing stubs the whole family
        for x in f['members']:
            guarded[x] = f['type']
    for idx in sorted(guarded):
        r = rows[idx]
        stub = safe.get(idx)
        out.append('typedef %s;' % ft._decl_typedef(r, 'fn_t_%d' % idx))
        out.append('static _Atomic(rbdcompat_fnptr) real_%d;' % idx)
        if not stub:
            # Nothing to set: the answer of the plain stub, inline.
            stub = 'plain_stub_%d' % idx
            body = ''.join('  (void)%s;\n' % n for _, n in r['params'])
            body += {'void': '', 'signed': '  return -ENOSYS;\n',
                     'unsigned': '  errno = ENOSYS;\n  return 0;\n',
                     'pointer': '  errno = ENOSYS;\n  return NULL;\n'}[
                         r['retclass']]
            out.append('%s\n{\n%s}\n' % (ft._proto(r, stub, True), body))
        h = [nm for t, nm in r['params'] if _norm(t) == guarded[idx]][0]
        ret = '' if r['retclass'] == 'void' else 'return '
        out.append('%s\n{\n  if (!%s) {\n    %s%s(%s);\n%s  }\n'
                   '  %s((fn_t_%d)atomic_load_explicit(&real_%d,'
                   ' memory_order_acquire))(%s);\n}\n' % (
                       ft._proto(r, 'guard_%d' % idx, True), h, ret, stub,
                       ft._args(r), '    return;\n' if not ret else '',
                       ret, idx, idx, ft._args(r)))
    out.append('const struct rbdcompat_guard rbdcompat_guards[%d] = {' % n)
    out += ['  { (rbdcompat_fnptr)guard_%d, &real_%d },' % (i, i)
            if i in guarded else '  { NULL, NULL },' for i in range(n)]
    out.append('};')
    return '\n'.join(out) + '\n'


def describe(rows, headers):
    """The families in words (functable.py --emit families-text)."""
    fams = derive(rows, handle_types(headers))
    out = []
    for f in fams:
        out.append('%s: %d creators (%s), %d members, destroys: %s' % (
            f['type'], len(f['creators']),
            ', '.join(rows[x]['name'] for x in f['creators']),
            len(f['members']),
            ', '.join(rows[x]['name'] for x in f['destroys']) or 'none'))
    return '\n'.join(out) + '\n'
