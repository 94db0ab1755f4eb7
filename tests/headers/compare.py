#!/usr/bin/env python3
"""Compare our headers with another release's Ceph C headers.

  compare.py --ours DIR --theirs DIR --out-dir OUT [--release-neutral]

Parses both sets (gen/cheader.py) and writes:
  OUT/missing.txt  what the other set declares that ours lacks (must be empty)
  OUT/dump.c       prints every constant (macro or enum member) and every
                   struct's size and member offsets that both sets define;
                   built once against each set, the outputs must be equal
  OUT/protos.c     for every function of the other set, a pointer of the
                   other set's type initialised with our declaration; it
                   must compile against ours with -Werror
Prints what it compared. --release-neutral skips the macros that name a
release (LIB*_VER_*, *_SUPPORTS_*) for comparisons across releases.
"""
import argparse
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', '..', 'gen'))
import cheader  # noqa: E402

FILES = ['rbd/librbd.h', 'rbd/features.h', 'rados/librados.h',
         'rados/rados_types.h']
RELEASE_MACROS = re.compile(r'^LIB(RBD|RADOS)_(VER_|VERSION_CODE|SUPPORTS_)')


def parse(root):
    macros, enums, structs, funcs = {}, {}, {}, {}
    for f in FILES:
        path = os.path.join(root, f)
        if not os.path.exists(path):
            continue
        for it in cheader.split(open(path).read()):
            if it.kind == 'pp':
                m = re.match(r'^#\s*define\s+(\w+)(\(?)\s*(.*)$', it.text)
                if m and not m.group(2):
                    val = m.group(3).strip()
                    if val and '__attribute__' not in val:
                        macros[m.group(1)] = val
                continue
            if it.kind != 'stmt':
                continue
            fn = cheader.parse_function(it.text)
            if fn:
                funcs[fn['name']] = fn
                continue
            m = re.match(r'^(typedef\s+)?(enum|struct)\s*(\w*)\s*\{(.*)\}\s*(\w*)',
                         it.text)
            if not m:
                continue
            kind, tag, body, tdname = m.group(2), m.group(3), m.group(4), m.group(5)
            if kind == 'enum':
                for mem in body.split(','):
                    name = mem.split('=')[0].strip()
                    if name:
                        enums[name] = True
            else:
                cname = tdname if m.group(1) else 'struct ' + tag
                members = []
                for decl in body.split(';'):
                    decl = decl.strip()
                    if decl:
                        mm = re.search(r'(\w+)\s*(\[[^\]]*\])?$', decl)
                        members.append(mm.group(1))
                structs[cname] = members
    return macros, enums, structs, funcs


def c_str(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ours', required=True)
    ap.add_argument('--theirs', required=True)
    ap.add_argument('--out-dir', required=True)
    ap.add_argument('--release-neutral', action='store_true')
    a = ap.parse_args()
    om, oe, os_, of = parse(a.ours)
    tm, te, ts, tf = parse(a.theirs)
    if not tf:
        sys.exit('compare.py: no functions found under %s' % a.theirs)

    skip = (lambda n: RELEASE_MACROS.match(n)) if a.release_neutral else \
        (lambda n: False)
    missing = []
    missing += ['macro %s' % n for n in sorted(tm) if n not in om and not skip(n)]
    missing += ['enum constant %s' % n for n in sorted(te) if n not in oe]
    missing += ['struct %s' % n for n in sorted(ts) if n not in os_]
    for s in sorted(ts):
        if s in os_:
            missing += ['member %s.%s' % (s, m) for m in ts[s] if m not in os_[s]]
    missing += ['function %s' % n for n in sorted(tf) if n not in of]
    os.makedirs(a.out_dir, exist_ok=True)
    with open(os.path.join(a.out_dir, 'missing.txt'), 'w') as f:
        f.write(''.join(x + '\n' for x in missing))

    consts = [n for n in sorted(tm) if n in om and not skip(n)]
    consts += [n for n in sorted(te) if n in oe]
    out = ['#include <stddef.h>', '#include <stdio.h>',
           '#include <rbd/librbd.h>', '#include <rados/librados.h>',
           '#pragma GCC diagnostic ignored "-Wdeprecated-declarations"',
           'static void str(const char *n, const char *s)',
           '{ printf("%s str", n); for (; *s; s++) printf(" %02x", (unsigned char)*s);'
           ' printf("\\n"); }',
           'int main(void)', '{']
    for n in consts:
        if tm.get(n, '').startswith('"'):
            out.append('  str("%s", %s);' % (n, n))
        else:
            out.append('  printf("%%s = %%llu (size %%zu)\\n", "%s",'
                       ' (unsigned long long)(%s), sizeof(%s));' % (n, n, n))
    nlayout = 0
    for s in sorted(ts):
        if s not in os_:
            continue
        out.append('  printf("sizeof(%%s) = %%zu\\n", %s, sizeof(%s));' % (
            c_str(s), s))
        for m in ts[s]:
            if m in os_[s]:
                out.append('  printf("offsetof(%%s, %%s) = %%zu\\n", %s, "%s",'
                           ' offsetof(%s, %s));' % (c_str(s), m, s, m))
                nlayout += 1
    out += ['  return 0;', '}']
    with open(os.path.join(a.out_dir, 'dump.c'), 'w') as f:
        f.write('\n'.join(out) + '\n')

    protos = ['#include <rbd/librbd.h>', '#include <rados/librados.h>',
              '#pragma GCC diagnostic ignored "-Wdeprecated-declarations"']
    nproto = 0
    for k, n in enumerate(sorted(tf)):
        if n not in of:
            continue
        fn = tf[n]
        types = []
        for p in fn['params'] or ['void']:
            # Drop the parameter name (keep a function pointer's shape).
            p = re.sub(r'\(\s*\*\s*\w+\s*\)', '(*)', p)
            if '(*)' not in p and p != 'void':
                p = re.sub(r'\b\w+\s*$', '', p).strip() if \
                    len(re.findall(r'\w+', p)) > 1 else p
            types.append(p)
        protos.append('typedef %s (*t_%d)(%s);' % (fn['ret'], k, ', '.join(types)))
        protos.append('t_%d p_%d = %s;' % (k, k, n))
        nproto += 1
    with open(os.path.join(a.out_dir, 'protos.c'), 'w') as f:
        f.write('\n'.join(protos) + '\n')
    print('compared with %s: %d constants, %d structs (%d member offsets),'
          ' %d function prototypes; %d declarations of theirs missing from'
          ' ours' % (a.theirs, len(consts), len([s for s in ts if s in os_]),
                     nlayout, nproto, len(missing)))


if __name__ == '__main__':
    main()
