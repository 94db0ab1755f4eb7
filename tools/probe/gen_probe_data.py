#!/usr/bin/env python3
"""Data the probe needs from our headers and the function table, made at
build time so that nothing in tools/probe is a hand-kept copy of them.

  gen_probe_data.py --emit checks --root SRCDIR --headers H... -o OUT.c
      The header comparison (--headers): the list of checks (every constant,
      type, struct member, typedef and function prototype our headers
      declare), the C program that prints their values (compiled at run
      time against the vendor's headers and against ours) with, for each of
      its lines, the check it belongs to (to map compiler errors to
      checks), and the text of our headers.

  gen_probe_data.py --emit releases --root SRCDIR -o releases.c
      Ceph release names by major version, from gen/functable.py.

  gen_probe_data.py --emit names --include DIR --headers H... [--release-neutral]
      Every declaration (constant, type, member, typedef, function) of the
      headers H (by their rbd/..., rados/... names) under DIR, one
      "kind name" a line, parsed as for the checks: the header tests
      (tests/headers/compare.sh) ask it whether another release's headers
      declare anything ours do not. --release-neutral leaves out the
      release macros.

H are our header files, in the order a program including <rbd/librbd.h>
reads them (meson's public_headers: the one list of them).
"""
import argparse
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


# Macros whose value says which release the headers belong to: they differ
# between any two releases, so a difference is reported, not held against
# the vendor. A naming rule, not a list.
RELEASE_MACRO_RE = re.compile(r'^LIB(RBD|RADOS)_(VER_|VERSION|SUPPORTS_)')


def c_string(text):
    """Text as a sequence of C string literals, one per source line. Quotes,
    backslashes, '?' (no trigraph can form under -std=c11) and anything
    outside printable ASCII are written as octal escapes."""
    out = []
    for line in text.splitlines(True):
        out.append('"%s"' % ''.join(
            '\\%03o' % ord(ch) if ch in '"\\?' or ord(ch) < 32 or
            ord(ch) > 126 else ch for ch in line))
    return '\n  '.join(out) or '""'


class Checks:
    """The checks, and the probe program's code for each of them."""

    def __init__(self):
        self.items = []     # dicts: name, kind, cls, header, ours, family
        self.scope = []     # per check: lines at file scope (incl. function)
        self.families = {}  # family key -> number (from 1)

    def add(self, name, kind, header, cls='plain', ours=None, body=(),
            family=None):
        n = len(self.items)
        fam = 0
        if family:
            fam = self.families.setdefault(family, len(self.families) + 1)
        self.items.append({'name': name, 'kind': kind, 'cls': cls,
                           'header': header, 'ours': ours, 'family': fam})
        fn = ['static void check_%d(void)' % n, '{']
        fn += ['  ' + b.replace('@N', str(n)) for b in body]
        fn.append('}')
        self.scope.append(fn)
        return n


def _ident_tokens(expr):
    return set(re.findall(r'\b[A-Za-z_]\w*\b', expr))


def read_macros(path, rel, known):
    """Object-like #define NAME VALUE with a value: constants."""
    import cheader
    found = []
    for it in cheader.split(open(path).read()):
        if it.kind != 'pp':
            continue
        m = re.match(r'^#\s*define\s+(\w+)(\(?)\s*(.*)$', it.text)
        if not m or m.group(2) or not m.group(3).strip():
            continue   # function-like, or a guard / empty marker
        name, value = m.group(1), m.group(3).strip()
        if '__attribute__' in value:
            continue   # an attribute spelling, not a value
        found.append((name, value))
    for name, value in found:
        known.add(name)
    return [(name, value, rel) for name, value in found]


def _enumerators(body):
    import cheader
    out = []
    for part in cheader.split_params(body):
        m = re.match(r'^(\w+)\s*(?:=\s*(.*))?$', part.strip())
        if m:
            out.append((m.group(1), m.group(2) or ''))
    return out


def _members(body):
    """Member declarations of a struct body: [(name, is_bitfield, decl)],
    decl the member's own declaration ("uint64_t size"), or None when it
    cannot be written alone (a nested struct or union)."""
    out = []
    for decl in body.split(';'):
        decl = ' '.join(decl.split())
        if not decl:
            continue
        fp = re.search(r'\(\s*\*\s*(\w+)\s*\)\s*\(', decl)
        if fp:
            out.append((fp.group(1), False, decl))
            continue
        bits = ':' in decl
        decl = decl.split(':')[0].strip()
        # "type a, *b": the first declarator carries the type.
        parts = decl.split(',')
        first = re.search(r'[\s*]*\w+\s*(\[[^\]]*\]\s*)*$', parts[0])
        base = parts[0][:first.start()] if first else ''
        for k, d in enumerate(parts):
            full = (d if k == 0 else base + ' ' + d).strip()
            m = re.search(r'(\w+)\s*(\[[^\]]*\]\s*)*$', full)
            if m:
                out.append((m.group(1), bits,
                            None if '{' in full or not base.strip() else full))
    return out


def _typedef_of(decl, name, alias):
    """decl with its declared name replaced: a typedef of its type."""
    fp = re.search(r'\(\s*\*\s*(%s)\s*\)' % re.escape(name), decl)
    m = list(re.finditer(r'\b%s\b' % re.escape(name), decl))[-1]
    if fp:
        m = fp
        return 'typedef %s%s%s;' % (decl[:m.start(1)], alias, decl[m.end(1):])
    return 'typedef %s%s%s;' % (decl[:m.start()], alias, decl[m.end():])


def read_types(path, rel, checks, known_consts, typedef_names):
    """Enumerators, struct layouts and typedefs of one header."""
    import cheader
    for it in cheader.split(open(path).read()):
        if it.kind != 'stmt':
            continue
        s = it.text
        m = re.match(r'^(typedef\s+)?(enum|struct)\s*(\w*)\s*\{(.*)\}\s*(\w*)'
                     r'[^;]*;$', s)
        if m:
            is_typedef, what, tag, body, tname = m.groups()
            ctype = tname if is_typedef and tname else \
                ('%s %s' % (what, tag) if tag else None)
            if what == 'enum':
                for name, value in _enumerators(body):
                    known_consts.add(name)
                    checks.add(name, 'enumerator', rel,
                               body=['PUT(@N, %s);' % name],
                               family=('enum', rel, ctype or tag or body))
                if ctype:
                    _add_type(checks, ctype, rel)
                continue
            if not ctype:
                continue   # an anonymous struct cannot be named
            _add_type(checks, ctype, rel)
            for member, bits, decl in _members(body):
                if bits:
                    continue   # no offsetof(); the size check covers it
                # Offset, size, and whether the member's type is ours
                # (uint64_t vs int64_t has the same offset and size).
                expr = '((%s *)0)->%s' % (ctype, member)
                same = '__builtin_types_compatible_p(__typeof__(%s),' \
                    ' ours_@N)' % expr if decl else '1'
                n = checks.add('%s.%s' % (ctype, member), 'member', rel,
                               ours=decl + ';' if decl else None, body=[
                    'printf("%%d member %%zu %%zu %%d\\n", @N,'
                    ' offsetof(%s, %s), sizeof(%s), %s);'
                    % (ctype, member, expr, same)])
                if decl:
                    checks.scope[n].insert(0, _typedef_of(
                        decl, member, 'ours_%d' % n))
            continue
        m = re.match(r'^typedef\s+(.*);$', s)
        if not m or '{' in s:
            continue
        decl = m.group(1)
        fp = re.search(r'\(\s*\*\s*(\w+)\s*\)', decl)
        name = fp.group(1) if fp else re.search(r'(\w+)\s*$', decl).group(1)
        typedef_names.add(name)
        ours = ' '.join(decl.split())
        local = re.sub(r'\b%s\b' % name, 'ours_@N', decl, count=1)
        n = checks.add(name, 'typedef', rel, ours='typedef %s;' % ours, body=[
            'printf("%%d compat %%d %%zu\\n", @N,'
            ' __builtin_types_compatible_p(ours_@N, %s), sizeof(%s));'
            % (name, name)])
        checks.scope[n].insert(0, 'typedef %s;' % local.replace('@N', str(n)))


def _add_type(checks, ctype, rel):
    checks.add(ctype, 'type', rel, body=[
        'printf("%%d size %%zu %%zu\\n", @N, sizeof(%s), _Alignof(%s));'
        % (ctype, ctype)])


def add_functions(root, checks):
    """Prototype of every function our public headers declare."""
    import functable
    seen = set()
    for r in functable.read_table(root):
        if r['abi_only'] or r['name'] in seen:
            continue
        seen.add(r['name'])
        params = ', '.join(functable._decl(t, n) for t, n in r['params'])
        ours = '%s %s(%s);' % (r['ret'], r['name'], params or 'void')
        ptr = functable._decl_typedef(r, 'ours_@N')
        n = checks.add(r['name'], 'function', r['header'].replace(
            'include/', ''), ours=ours, body=[
            'printf("%%d compat %%d\\n", @N, __builtin_types_compatible_p('
            '__typeof__(&%s), ours_@N));' % r['name']])
        checks.scope[n].insert(0, 'typedef %s;' % ptr.replace('@N', str(n)))


def macro_family(name, value, rel):
    """Constants that upstream extends at the end, in our headers' order:
    same header, same first two words of the name, same kind of value
    (RBD_FEATURE_JOURNALING with RBD_FEATURE_DATA_POOL, but not with
    RBD_FEATURE_NAME_JOURNALING, a string). A constant missing from the
    vendor's headers while a later one of its family is there was removed
    by the vendor, not added after their release."""
    return ('macro', rel, '_'.join(name.split('_')[:2]),
            'str' if value.startswith('"') else 'num')


def header_names(paths):
    """rbd/librbd.h for .../include/rbd/librbd.h."""
    return ['/'.join(os.path.normpath(p).split(os.sep)[-2:]) for p in paths]


def build_checks(root, headers):
    checks, known, typedefs = Checks(), set(), set()
    macros = []
    for rel, path in headers:
        macros += read_macros(path, rel, known)
    for rel, path in headers:
        read_types(path, rel, checks, known, typedefs)
    for name, value, rel in macros:
        if RELEASE_MACRO_RE.match(name):
            cls = 'release'
        elif _ident_tokens(value) & (known - {name}):
            cls = 'derived'
        else:
            cls = 'plain'
        checks.add(name, 'macro', rel, cls=cls, body=[
            '#ifdef %s' % name, 'PUT(@N, %s);' % name, '#else',
            'printf("%d undef\\n", @N);', '#endif'],
            family=macro_family(name, value, rel) if cls == 'plain' else None)
    add_functions(root, checks)
    return checks


PROGRAM_HEAD = r'''/* Generated from librbdcompat's headers for rbdcompat-probe.
 * Prints the value of every constant, the layout of every type and
 * whether every prototype matches ours, as the headers it is compiled
 * against see them. */
#include "skip.h"
#include <stddef.h>
#include <stdio.h>
#include <rados/librados.h>
#include <rbd/librbd.h>

static void put_i(int n, long long v) { printf("%d i %lld\n", n, v); }
static void put_u(int n, unsigned long long v) { printf("%d u %llu\n", n, v); }
static void put_f(int n, long double v) { printf("%d f %La\n", n, v); }
static void put_s(int n, const char *s)
{
  printf("%d s ", n);
  while (*s)
    printf("%02x", (unsigned char)*s++);
  printf("\n");
}
#define PUT(n, x) _Generic((x), char *: put_s, const char *: put_s, \
  _Bool: put_u, unsigned int: put_u, unsigned long: put_u, \
  unsigned long long: put_u, float: put_f, double: put_f, \
  long double: put_f, default: put_i)(n, (x))
'''


def emit_checks(root, headers):
    checks = build_checks(root, headers)
    lines = PROGRAM_HEAD.split('\n')
    owner = [0] * len(lines)
    for n, scope in enumerate(checks.scope):
        block = ['#ifndef SKIP_%d' % n] + scope + ['#endif']
        lines += block
        owner += [n + 1] * len(block)
    lines.append('int main(void)')
    lines.append('{')
    owner += [0, 0]
    for n in range(len(checks.items)):
        lines += ['#ifndef SKIP_%d' % n, '  check_%d();' % n, '#endif']
        owner += [n + 1] * 3
    lines += ['  return 0;', '}', '']
    owner += [0, 0, 0]

    out = ['/* Generated by tools/probe/gen_probe_data.py from the headers:'
           ' do not edit. */', '#include <stddef.h>',
           '#include "header_checks.h"', '']
    out.append('const struct header_check header_checks[] = {')
    for c in checks.items:
        out.append('  { %s, HC_%s, HC_%s, %s, %s, %d },' % (
            json.dumps(c['name']), c['kind'].upper(), c['cls'].upper(),
            json.dumps(c['header']),
            json.dumps(c['ours']) if c['ours'] else 'NULL', c['family']))
    out.append('};')
    out.append('const unsigned header_nchecks = %d;' % len(checks.items))
    out.append('')
    out.append('const char header_program[] =\n  %s;' % c_string(
        '\n'.join(lines)))
    out.append('')
    out.append('/* For each line of header_program: its check + 1, or 0. */')
    out.append('const unsigned short header_program_owner[] = {')
    for k in range(0, len(owner), 16):
        out.append('  ' + ', '.join(str(o) for o in owner[k:k + 16]) + ',')
    out.append('};')
    out.append('const unsigned header_program_lines = %d;' % len(owner))
    out.append('')
    out.append('const struct header_file our_headers[] = {')
    for rel, path in headers:
        text = open(path).read()
        out.append('  { "%s",\n  %s },' % (rel, c_string(text)))
    out.append('};')
    out.append('const unsigned our_nheaders = %d;' % len(headers))
    if len(checks.items) >= 65535:
        sys.exit('gen_probe_data: too many checks for unsigned short')
    return '\n'.join(out) + '\n'


def emit_releases(root):
    import functable
    out = ['/* Generated by tools/probe/gen_probe_data.py from'
           ' gen/functable.py: do not edit. */', '#include "releases.h"', '',
           'const struct ceph_release ceph_releases[] = {']
    for major, name in sorted(functable.RELEASES.items()):
        out.append('  { %d, "%s" },' % (major, name))
    out.append('};')
    out.append('const unsigned ceph_nreleases = %d;' % len(
        functable.RELEASES))
    return '\n'.join(out) + '\n'


def emit_names(include, rels, release_neutral):
    """What emit_checks would check, for any set of headers, by name."""
    import cheader
    checks, known, names = Checks(), set(), set()
    headers = [(r, os.path.join(include, r)) for r in rels
               if os.path.exists(os.path.join(include, r))]
    for rel, path in headers:
        for name, _, _ in read_macros(path, rel, known):
            if not (release_neutral and RELEASE_MACRO_RE.match(name)):
                names.add('macro ' + name)
    for rel, path in headers:
        read_types(path, rel, checks, known, set())
        for it in cheader.split(open(path).read()):
            fn = it.kind == 'stmt' and cheader.parse_function(it.text)
            if fn:
                names.add('function ' + fn['name'])
    names |= {'%s %s' % (c['kind'], c['name']) for c in checks.items}
    return ''.join(n + '\n' for n in sorted(names))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--emit', required=True,
                    choices=['checks', 'releases', 'names'])
    ap.add_argument('--root', default=os.path.join(HERE, '..', '..'))
    ap.add_argument('--headers', nargs='+', default=[])
    ap.add_argument('--include', help='for --emit names')
    ap.add_argument('--release-neutral', action='store_true')
    ap.add_argument('-o', '--output', default='-')
    a = ap.parse_args()
    sys.path.insert(0, os.path.join(a.root, 'gen'))
    if a.emit == 'checks':
        text = emit_checks(a.root, list(zip(header_names(a.headers),
                                            a.headers)))
    elif a.emit == 'names':
        text = emit_names(a.include, header_names(a.headers),
                          a.release_neutral)
    else:
        text = emit_releases(a.root)
    if a.output == '-':
        sys.stdout.write(text)
    else:
        with open(a.output, 'w') as f:
            f.write(text)


if __name__ == '__main__':
    main()
