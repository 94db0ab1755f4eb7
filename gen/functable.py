#!/usr/bin/env python3
"""The function table: every C function librbdcompat exports, and what is
generated from it.

The table is not kept anywhere by hand. It is read from the public headers
(include/rbd/librbd.h, include/rados/librados.h) and from shim/abi-only.h
(functions upstream still exports but no longer declares): each function
declaration there is one row, and the '/* since X[; key: value] */' comment
in front of it gives the release that introduced it and, for the few
functions upstream exports under two symbol versions, those versions.

Which rows have an emulation is read from the emulation sources
(shim/emulate/*.c): a definition named rbdcompat_emu_<row> preceded by a
'/* emulation: <how> */' comment.

  functable.py --emit {forwarders,table,map,decls,mock,ffi,json,counts} \
      -o OUT INPUT...

INPUT: the headers (*.h) and the emulation sources (*.c), as meson's
@INPUT@ gives them, so that meson tracks every file the output depends on.
(--root SRCDIR [--emulations FILE...] is the older form: the three headers
under SRCDIR.)
"""
import argparse
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cheader  # noqa: E402
import families  # noqa: E402

HEADERS = (('rbd', 'include/rbd/librbd.h'),
           ('rados', 'include/rados/librados.h'),
           ('rados', 'shim/abi-only.h'))

# Ceph release names, for reports ("added in Ceph 15 (octopus)").
RELEASES = {12: 'luminous', 13: 'mimic', 14: 'nautilus', 15: 'octopus',
            16: 'pacific', 17: 'quincy', 18: 'reef', 19: 'squid',
            20: 'tentacle'}

# Return types that are integers but not signed status codes: when the
# vendor lacks such a function the stub returns 0 (and sets errno).
UNSIGNED_RET = {'uint32_t', 'uint64_t', 'unsigned int', 'unsigned',
                'size_t', 'bool', 'uint8_t'}
SIGNED_RET = {'int', 'ssize_t', 'int64_t', 'long', 'time_t'}


class TableError(Exception):
    pass


def _split_param(p):
    """'const char *name' -> ('const char *', 'name');
    'int (*cb)(uint64_t, void *)' -> ('int (*)(uint64_t, void *)', 'cb')."""
    m = re.match(r'^(.*\(\s*\*\s*)(\w+)(\s*\).*)$', p)
    if m:
        return m.group(1) + m.group(3), m.group(2)
    m = re.match(r'^(.*?[\s*])(\w+)$', p)
    if not m or m.group(1).strip() in ('', 'const', 'struct') or \
            m.group(2) in ('int', 'char', 'long', 'short', 'void', 'float'):
        raise TableError('parameter without a name: %r' % p)
    return m.group(1).strip(), m.group(2)


ANNOT_KEYS = ('versions', 'stub', 'note')


def _parse_annot(annot, where):
    m = re.match(r'^since\s+(\d+)\.(\d+)\.(\d+|x)\s*(?:;\s*(.*))?$', annot or '')
    if not m:
        raise TableError('%s: expected "/* since X.Y.Z[; key: value] */"'
                         ' before the declaration, got %r' % (where, annot))
    keys = {}
    for kv in filter(None, (x.strip() for x in (m.group(4) or '').split(';'))):
        k, colon, v = kv.partition(':')
        if not colon or k.strip() not in ANNOT_KEYS:
            raise TableError('%s: "%s" is not one of "%s: value" (a ";"'
                             ' inside a value ends it)' % (
                                 where, kv, ': value", "'.join(ANNOT_KEYS)))
        keys[k.strip()] = v.strip()
    return '%s.%s.%s' % m.group(1, 2, 3), keys


def release_key(since):
    """Sort key of '14.2.0', '14.2.x' (an unpinned point release)."""
    return tuple(int(p) if p.isdigit() else 999 for p in since.split('.'))


def _symbol_id(name, version):
    if not version:
        return name
    return '%s_%s' % (name, re.sub(r'\W', '_', version))


def header_lib(path):
    """The library a header's declarations belong to, by the header's name
    (HEADERS): librbd.h is librbd's; librados.h and abi-only.h librados's."""
    for lib, rel in HEADERS:
        if os.path.basename(path) == os.path.basename(rel):
            return lib, rel
    raise TableError('%s: not one of the table\'s headers (%s)' % (
        path, ', '.join(rel for _, rel in HEADERS)))


def split_inputs(paths):
    """@INPUT@ -> (headers in HEADERS order, emulation sources)."""
    headers = [p for p in paths if p.endswith('.h')]
    emus = [p for p in paths if p.endswith('.c')]
    other = [p for p in paths if not p.endswith(('.h', '.c'))]
    if other:
        raise TableError('inputs must be headers or emulation sources: %s'
                         % ', '.join(other))
    order = [os.path.basename(rel) for _, rel in HEADERS]
    headers.sort(key=lambda p: order.index(os.path.basename(p))
                 if os.path.basename(p) in order else len(order))
    got = [os.path.basename(p) for p in headers]
    if sorted(got) != sorted(order):
        raise TableError('the table needs exactly the headers %s, got %s' % (
            ', '.join(order), ', '.join(got) or 'none'))
    return headers, emus


def read_table(root):
    return read_table_files([os.path.join(root, rel) for _, rel in HEADERS])


def read_table_files(paths):
    rows, typedefs_ptr, seen = [], set(), set()
    for path in paths:
        lib, rel = header_lib(path)
        for it in cheader.split(open(path).read()):
            if it.kind != 'stmt':
                continue
            m = re.match(r'^typedef\s+(?:const\s+)?void\s*\*\s*(\w+);$',
                         it.text)
            if m:
                typedefs_ptr.add(m.group(1))
            m = re.match(r'^typedef\s+[^{}]*\(\s*\*\s*(\w+)\s*\)\s*\(.*;$',
                         it.text)
            if m:
                typedefs_ptr.add(m.group(1))
            f = cheader.parse_function(it.text)
            if not f:
                continue
            where = '%s:%d %s' % (rel, it.line, f['name'])
            since, keys = _parse_annot(it.annot, where)
            params = [_split_param(p) for p in f['params']]
            versions = keys.get('versions', '').split() or [None]
            for ver in versions:
                key = (f['name'], ver)
                if key in seen:
                    raise TableError('%s declared twice' % where)
                seen.add(key)
                rows.append({
                    'lib': lib, 'name': f['name'], 'ret': f['ret'],
                    'params': params, 'since': since,
                    'deprecated': 'deprecated' in f['attrs'].lower(),
                    'abi_only': rel.startswith('shim/'),
                    'version': ver,
                    'sym': _symbol_id(f['name'], ver),
                    'header': rel,
                    'stub': keys.get('stub'),
                })
    for i, r in enumerate(rows):
        r['idx'] = i
        r['retclass'] = _retclass(r['ret'], typedefs_ptr, r['name'])
    return rows


FLOOR = '12.2.0'
REQUIRE_DECISIONS = True


def decide(rows):
    """Give every row its recorded decision, or fail the build.

    - emulated: an rbdcompat_emu_<row> exists (its comment says how);
    - stubbed: the row's "stub:" key says why no exact emulation exists;
    - forwarded only: a function of the oldest release the table covers
      (every vendor fork has it; the stub answers if one removed it).
    A newer function with neither an emulation nor a reason is an error:
    somebody has to decide."""
    missing = []
    for r in rows:
        if 'emulation' in r:
            r['decision'] = 'emulated'
            r['why'] = r['emulation']
        elif r.get('stub'):
            r['decision'] = 'stubbed'
            r['why'] = r['stub']
        elif r['since'] == FLOOR:
            r['decision'] = 'forwarded'
            r['why'] = 'in every release since %s; the stub answers if a' \
                ' vendor removed it' % FLOOR
        else:
            missing.append('%s (since %s)' % (r['sym'], r['since']))
    if missing and REQUIRE_DECISIONS:
        raise TableError('no decision recorded for %d functions newer than %s'
                         ' (add an emulation or "; stub: why" to its since'
                         ' line): %s' % (len(missing), FLOOR,
                                         ', '.join(missing)))
    for r in rows:
        r.setdefault('decision', 'undecided')
        r.setdefault('why', '')


def _retclass(ret, ptr_typedefs, name):
    t = ret.replace('const ', '').strip()
    if t == 'void':
        return 'void'
    if '*' in t or t in ptr_typedefs:
        return 'pointer'
    if t in SIGNED_RET:
        return 'signed'
    if t in UNSIGNED_RET:
        return 'unsigned'
    raise TableError('%s: no stub convention for return type %r' % (name, ret))


EMU_RE = re.compile(
    r'/\*\s*emulation:\s*(?P<how>.*?)\s*\*/\s*\n'
    r'[^;{]*?\brbdcompat_emu_(?P<sym>\w+)\s*\(', re.S)


def read_emulations(files, rows):
    by_sym = {r['sym']: r for r in rows}
    for path in files:
        src = open(path).read()
        for m in EMU_RE.finditer(src):
            sym = m.group('sym')
            if sym not in by_sym:
                raise TableError('%s: rbdcompat_emu_%s emulates no function'
                                 ' of the table' % (path, sym))
            row = by_sym[sym]
            if 'emulation' in row:
                raise TableError('%s emulated twice' % sym)
            # A comment may run over lines that start with ' * '.
            how = re.sub(r'\n\s*\*(?!/)', ' ', m.group('how'))
            row['emulation'] = ' '.join(how.split())
        stray = set(re.findall(r'\brbdcompat_emu_(\w+)\s*\(', src)) - \
            {m.group('sym') for m in EMU_RE.finditer(src)}
        for sym in sorted(stray):
            if not re.search(r'\brbdcompat_emu_%s\s*\([^)]*\)\s*\{' % sym,
                             src):
                continue  # a call, not a definition
            raise TableError('%s: rbdcompat_emu_%s needs a "/* emulation:'
                             ' how */" comment right above it' % (path, sym))


# ---------------------------------------------------------------- emitters

def _proto(r, name=None, static=False):
    ps = ', '.join('%s' % _decl(t, n) for t, n in r['params']) or 'void'
    ret = r['ret']
    sep = '' if ret.endswith('*') else ' '
    return '%s%s%s%s(%s)' % ('static ' if static else '', ret, sep,
                              name or r['name'], ps)


def _decl(t, n):
    if '(*)' in t.replace(' ', ''):
        return re.sub(r'\(\s*\*\s*\)', '(*%s)' % n, t, count=1)
    return t + ('' if t.endswith('*') else ' ') + n


def _args(r):
    return ', '.join(n for _, n in r['params'])


def _ftype(r):
    ps = ', '.join(t for t, _ in r['params']) or 'void'
    return '%s (*)(%s)' % (r['ret'], ps)


PRELUDE = '''/* Generated by gen/functable.py from the headers: do not edit. */
#include "rbdcompat_internal.h"
'''


def emit_forwarders(rows):
    """Per row: a slot that starts at a resolver, the exported forwarder
    and the stub for a missing vendor function. The resolver passes the
    row's stub and emulation to rbdcompat_resolve().

    The exported forwarders are assembly (gen/forwarders.py: one load of
    the slot and one indirect branch, no argument register touched) on the
    architectures it knows; the typed C forwarders here are built instead
    with RBDCOMPAT_ASM_FORWARDERS=0 (meson -Dforwarders=typed, the
    fallback for any other architecture): correct, but they re-extend
    narrow arguments and, where the ABI passes arguments on the stack,
    may copy them. Either way the forwarder's assembler name is the API
    name (or, for a versioned row, an alias that .symver exports), and the
    typed resolver, entered through the slot with the caller's registers,
    reads the real arguments."""
    out = [PRELUDE, '#include "emu_decls.h"', '#include <errno.h>',
           '#include <stdatomic.h>', '']
    safe = families.safe_stub_rows(rows)
    for r in rows:
        i, sym = r['idx'], r['sym']
        ret_kw = '' if r['ret'] == 'void' else 'return '
        out.append('typedef %s;' % _decl_typedef(r, 'fn_%d_t' % i))
        out.append('static %s;' % _proto(r, 'resolve_%d' % i))
        # Hidden, not static: the assembly forwarders (gen/forwarders.py)
        # load it by this name.
        out.append('RBDCOMPAT_HIDDEN _Atomic(rbdcompat_fnptr) slot_%d'
                   ' __asm__("rbdcompat_slot_%d") = (rbdcompat_fnptr)resolve_%d;'
                   % (i, i, i))
        exported = sym if not r['version'] else 'rbdcompat_v_' + sym
        # Typed C forwarders where there are no assembly ones.
        out.append('#if !RBDCOMPAT_ASM_FORWARDERS')
        out.append('RBDCOMPAT_EXPORT %s __asm__("%s");' % (
            _proto(r, 'forward_%d' % i), exported))
        out.append('%s\n{\n  %s((fn_%d_t)atomic_load_explicit(&slot_%d,'
                   ' memory_order_relaxed))(%s);\n}' % (
                       _proto(r, 'forward_%d' % i), ret_kw, i, i, _args(r)))
        if r['version']:
            at = '@' if r['version'] == 'Base' else '@@' + r['version']
            out.append('__asm__(".symver %s, %s%s");' % (exported, r['name'], at))
        out.append('#endif')
        # The resolver names its own stub and emulation: code refers to
        # them relative to itself, where a table of their addresses would
        # be relocated in every process at load.
        emu = ('(rbdcompat_fnptr)rbdcompat_emu_%s' % sym
               if 'emulation' in r else 'NULL')
        if i not in safe:
            out.append('%s;' % _proto(r, 'stub_%d' % i, True))
        # Where gen/families.py has a stub that sets the outputs (or fails
        # the operation), that one is the row's stub.
        stub = 'stub_%d' % i
        if i in safe:
            out.append(safe[i])
            stub = families.safe_stub_name(r)
        out.append('%s\n{\n  fn_%d_t f = (fn_%d_t)rbdcompat_resolve(%d,'
                   ' (rbdcompat_fnptr)%s, %s);\n'
                   '  atomic_store_explicit(&slot_%d, (rbdcompat_fnptr)f,'
                   ' memory_order_release);\n'
                   '  %sf(%s);\n}' % (_proto(r, 'resolve_%d' % i, True), i, i,
                                      i, stub, emu, i, ret_kw, _args(r)))
        body = ''.join('  (void)%s;\n' % n for _, n in r['params'])
        body += {
            'void': '',
            'signed': '  return -ENOSYS;\n',
            'unsigned': '  errno = ENOSYS;\n  return 0;\n',
            'pointer': '  errno = ENOSYS;\n  return NULL;\n',
        }[r['retclass']]
        if i not in safe:
            out.append('%s\n{\n%s}\n' % (_proto(r, 'stub_%d' % i, True),
                                          body))
    return '\n'.join(out) + '\n'


def _decl_typedef(r, tname):
    ps = ', '.join(t for t, _ in r['params']) or 'void'
    return '%s (*%s)(%s)' % (r['ret'], tname, ps)


def emit_decls(rows):
    """Declarations of the emulation entry points, typed from the headers so
    that an emulation whose prototype differs does not compile. Hidden in
    the declaration too, so that the resolvers take their addresses
    relative to the code, not from a GOT entry relocated at load."""
    out = ['/* Generated by gen/functable.py: do not edit. */',
           '#ifndef RBDCOMPAT_EMU_DECLS_H', '#define RBDCOMPAT_EMU_DECLS_H']
    for r in rows:
        if 'emulation' in r:
            out.append('__attribute__((visibility("hidden"))) %s;' %
                       _proto(r, 'rbdcompat_emu_' + r['sym']))
    out.append('#endif')
    return '\n'.join(out) + '\n'


def _c_bytes(b):
    """b as the body of a C string literal: printable ASCII as it is, every
    other byte as a three-digit octal escape, so that the literal has
    exactly len(b) bytes whatever follows it."""
    out = []
    for c in b:
        ch = chr(c)
        if ch in '"\\?':
            out.append('\\' + ch)
        elif 0x20 <= c < 0x7f:
            out.append(ch)
        else:
            out.append('\\%03o' % c)
    return ''.join(out)


class StringBlob:
    """One string blob with each distinct string once, the way an ELF
    string table is laid out: a row refers to a string by its offset.
    Offset 0 is the empty string, which stands for "none"."""

    def __init__(self):
        self.offsets, self.pieces, self.size = {b'': 0}, [b''], 1

    def add(self, s):
        b = s.encode('utf-8')
        if b'\0' in b:
            raise TableError('a NUL byte in table string %r' % s)
        if b not in self.offsets:
            self.offsets[b] = self.size
            self.pieces.append(b)
            self.size += len(b) + 1
        return self.offsets[b]

    def emit(self, name):
        out = ['const char %s[%d] =' % (name, self.size)]
        out += ['  "%s\\0"' % _c_bytes(b) for b in self.pieces]
        out[-1] += ';'
        return out


def emit_table(rows):
    """The runtime table. It holds no pointer: a pointer in the constant
    data of a shared library is a relocation that the dynamic linker
    applies at load, dirtying a page, in every process that loads it,
    whether it ever calls Ceph or not. So every string is an offset into
    one blob (rbdcompat_strs), and the emulations are reached from each
    row's own resolver (emit_forwarders), not from here."""
    blob = StringBlob()
    out = [PRELUDE, '/* name, version (0: none), since, why; lib, stub'
           ' answer, deprecated, decision */',
           'const struct rbdcompat_fn rbdcompat_fns[%d] = {' % len(rows)]
    for r in rows:
        out.append('  { %d, %d, %d, %d, RBDCOMPAT_LIB_%s, RBDCOMPAT_RET_%s,'
                   ' %d, RBDCOMPAT_DECISION_%s }, /* %s */' % (
                       blob.add(r['name']),
                       blob.add(r['version']) if r['version'] else 0,
                       blob.add(r['since']), blob.add(r['why']),
                       r['lib'].upper(), r['retclass'].upper(),
                       int(r['deprecated']), r['decision'].upper(),
                       r['sym']))
    out.append('};')
    out += blob.emit('rbdcompat_strs')
    out.append('const unsigned rbdcompat_nfns = %d;' % len(rows))
    out.append('_Static_assert(%d <= RBDCOMPAT_MAX_FNS, "raise RBDCOMPAT_MAX_FNS");'
               % len(rows))
    return '\n'.join(out) + '\n'


def emit_map(rows):
    """Version script: every row is exported; the rows with a symbol version
    go in their node, the rest stay at the base version like upstream's."""
    nodes = {}
    for r in rows:
        if r['version'] and r['version'] != 'Base':
            nodes.setdefault(r['version'], []).append(r['name'])
    out = ['/* Generated by gen/functable.py: do not edit. */']
    for ver, names in sorted(nodes.items()):
        out.append('%s {' % ver)
        out.append('  global:')
        out += ['    %s;' % n for n in sorted(set(names))]
        out.append('  local:')
        out.append('    rbdcompat_*;')
        # musl's crti.o makes these global; the API is all we export.
        out.append('    _init;')
        out.append('    _fini;')
        # ASan's one-definition-rule indicator of every global variable
        # (the marker's: __odr_asan.librbdcompat_marker).
        out.append('    __odr_asan*;')
        out.append('};')
    # Not a function: the marker by which any copy of librbdcompat knows
    # another one (lib/self_marker.c). Its own node, so it never mixes
    # with upstream's versions (and an anonymous node cannot coexist).
    out.append('LIBRBDCOMPAT_1 { global: librbdcompat_marker;%s };'
               % ('' if nodes else ' local: rbdcompat_*;'))
    return '\n'.join(out) + '\n'


def emit_mock(rows):
    """A mock vendor library: every function records the call and returns a
    value derived from its row. Build with -DMOCK_LIB_RBD or -DMOCK_LIB_RADOS;
    -DMOCK_UNVERSIONED builds a pre-Nautilus librados (one unversioned
    definition per name); -DMOCK_OMIT_<sym> leaves a function out."""
    out = ['/* Generated by gen/functable.py: do not edit. */',
           '#include "mock_vendor.h"', '#include <rbd/librbd.h>',
           '#pragma GCC diagnostic ignored "-Wdeprecated-declarations"',
           '#include <rados/librados.h>', '#include "abi-only.h"', '']
    for r in rows:
        sym = r['sym']
        guard = 'MOCK_LIB_' + r['lib'].upper()
        out.append('#if defined(%s) && !defined(MOCK_OMIT_%s)' % (guard, sym))
        if r['version']:
            out.append('#ifdef MOCK_UNVERSIONED')
            if r['version'] == 'Base':
                out.append(_mock_fn(r, r['name']))
            out.append('#else')
            at = '@' if r['version'] == 'Base' else '@@' + r['version']
            # rbdcompat_* so that the version script keeps it local.
            out.append(_mock_fn(r, 'rbdcompat_mock_' + sym))
            out.append('__asm__(".symver rbdcompat_mock_%s, %s%s");' % (
                sym, r['name'], at))
            out.append('#endif')
        else:
            out.append(_mock_fn(r, r['name']))
        out.append('#endif')
    return '\n'.join(out) + '\n'


def _mock_fn(r, name):
    vals = []
    for t, n in r['params']:
        if re.match(r'^\s*float\s*$', t) or re.match(r'^\s*double\s*$', t):
            vals.append('mock_bits_%s(%s)' % (t.strip(), n))
        else:
            # Through uintptr_t: right for pointers (and pointer typedefs)
            # and for integers alike on the 64-bit targets tested.
            vals.append('(uint64_t)(uintptr_t)%s' % n)
    rec = '  uint64_t a[%d] = { %s };\n  mock_record(%d, %d, a);\n' % (
        max(1, len(vals)), ', '.join(vals) or '0', r['idx'], len(vals))
    ret = {
        'void': '',
        'signed': '  return (%s)mock_ret_value(%d);\n' % (r['ret'], r['idx']),
        'unsigned': '  return (%s)mock_ret_value(%d);\n' % (r['ret'], r['idx']),
        'pointer': '  return (%s)(uintptr_t)mock_ret_value(%d);\n' % (
            r['ret'], r['idx']),
    }[r['retclass']]
    return 'MOCK_EXPORT %s\n{\n%s%s}' % (_proto(r, name), rec, ret)


def emit_ffi(rows):
    """Signatures for the libffi conformance test."""
    out = ['/* Generated by gen/functable.py: do not edit. */',
           '#include "conformance.h"', '#include <rbd/librbd.h>',
           '#pragma GCC diagnostic ignored "-Wdeprecated-declarations"',
           '#include <rados/librados.h>', '#include "abi-only.h"', '']
    for r in rows:
        types = ', '.join('FFI_ARG(%s)' % t for t, _ in r['params'])
        out.append('static const struct ffi_arg_desc args_%d[] = { %s };' % (
            r['idx'], types or '{0, 0, 0}'))
    out.append('const struct ffi_sig conformance_sigs[%d] = {' % len(rows))
    for r in rows:
        ver = json.dumps(r['version']) if r['version'] else 'NULL'
        ret = 'FFI_RET_VOID' if r['retclass'] == 'void' else \
            'FFI_ARG(%s)' % r['ret']
        out.append('  { "%s", %s, %d, %d, %s, args_%d },' % (
            r['name'], ver, r['idx'], len(r['params']), ret, r['idx']))
    out.append('};')
    out.append('const unsigned conformance_nsigs = %d;' % len(rows))
    return '\n'.join(out) + '\n'


def emit_counts(rows):
    """Functions per library and per introducing release."""
    out, libs = [], ('rbd', 'rados')
    names = {lib: sorted({r['name'] for r in rows if r['lib'] == lib})
             for lib in libs}
    out.append('function table: %d rows (%d exported names)' % (
        len(rows), sum(len(v) for v in names.values())))
    for lib in libs:
        lr = [r for r in rows if r['lib'] == lib and r['version'] != 'Base']
        out.append('lib%s: %d functions (%d deprecated, %d ABI-only)' % (
            lib, len(lr), sum(r['deprecated'] for r in lr),
            sum(r['abi_only'] for r in lr)))
        by = {}
        for r in lr:
            by.setdefault(r['since'], []).append(r['name'])
        for since in sorted(by, key=release_key):
            major = int(since.split('.')[0])
            out.append('  since %-8s (%s): %d' % (
                since, RELEASES.get(major, '?'), len(by[since])))
    dec = {}
    for r in rows:
        dec[r['decision']] = dec.get(r['decision'], 0) + 1
    out.append('decisions: ' + ', '.join('%s %d' % kv for kv in sorted(dec.items())))
    versioned = [r for r in rows if r['version']]
    out.append('versioned rows: ' + ', '.join(
        '%s@%s' % (r['name'], r['version']) for r in versioned))
    return '\n'.join(out) + '\n'


def write_output(path, text):
    """A generator's result: to PATH, or to standard output for '-'."""
    if path == '-':
        sys.stdout.write(text)
    else:
        with open(path, 'w') as f:
            f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--emit', required=True,
                    choices=['forwarders', 'table', 'map', 'decls', 'mock',
                             'ffi', 'json', 'counts', 'families',
                             'families-text'])
    ap.add_argument('inputs', nargs='*', metavar='INPUT',
                    help='the headers and the emulation sources')
    ap.add_argument('--root', help='older form: the headers under ROOT')
    ap.add_argument('--emulations', nargs='*', default=[])
    ap.add_argument('-o', '--output', default='-')
    ap.add_argument('--allow-undecided', action='store_true',
                    help='only while decisions are being recorded')
    a = ap.parse_args()
    if bool(a.inputs) == bool(a.root):
        ap.error('give the headers and emulation sources as inputs'
                 ' (or --root SRCDIR), not both or neither')
    global REQUIRE_DECISIONS
    REQUIRE_DECISIONS = not a.allow_undecided
    try:
        if a.root:
            headers = [os.path.join(a.root, rel) for _, rel in HEADERS]
            rows = read_table(a.root)
            emus = a.emulations
        else:
            headers, emus = split_inputs(a.inputs)
            rows = read_table_files(headers)
            emus += a.emulations
        read_emulations(emus, rows)
        if a.emit in ('table', 'json', 'counts'):
            decide(rows)
    except TableError as e:
        sys.exit('functable: ' + str(e))
    text = {
        'forwarders': emit_forwarders, 'table': emit_table, 'map': emit_map,
        'decls': emit_decls, 'mock': emit_mock, 'ffi': emit_ffi,
        'counts': emit_counts,
        'json': lambda rs: json.dumps(rs, indent=1) + '\n',
        # Handle families and output-setting stubs (gen/families.py).
        'families': lambda rs: families.emit_families(rs, headers),
        'families-text': lambda rs: families.describe(rs, headers),
    }[a.emit](rows)
    write_output(a.output, text)


if __name__ == '__main__':
    main()
