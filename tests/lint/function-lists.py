#!/usr/bin/env python3
"""No file but the headers lists functions.

  function-lists.py SOURCE_ROOT INPUT...

INPUT: the table's headers and emulation sources (gen/functable.py reads
them). Every other file of the tree (tests/lint/scripts.sh's walk) is
searched for a list of table functions: three or more function names in a
row with nothing but list punctuation between them (commas, quotes, white
space, backslashes, "|", "+=", "*" of a comment). Such a list is a copy of
the table that can drift from it; generate it with gen/lists.py instead.

Allowed, and only these: the headers; tests/table/exports.baseline (the
checked-in copy the build compares the table with, on purpose); the
README's generated blocks (<!-- gen:NAME --> ... <!-- /gen:NAME -->); a
"mock-missing:" comment (the functions a test calls to see them missing,
read by gen/lists.py --emit mock-omit); and a list on the line right after
a "function-list: WHY" comment, for a test's expected output (the reason
is required, and the test prints every such exemption).
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT_GEN = os.path.join(HERE, '..', '..', 'gen')
sys.path.insert(0, ROOT_GEN)
import functable  # noqa: E402

ALLOWED_FILES = {'tests/table/exports.baseline'}
SEP = r'''[\s,'"`|\\*+=]*'''
GEN_BLOCK = re.compile(r'<!-- gen:(\w+) -->.*?<!-- /gen:\1 -->', re.S)
MARKER = re.compile(r'mock-missing:(?:\s|\*(?!/)|,|\w)+')
MIN_RUN = 3
EXEMPT = re.compile(r'function-list:\s*(\S.*)')


def blank(m):
    return re.sub(r'[^\n]', ' ', m.group(0))


def main():
    if len(sys.argv) < 3:
        sys.exit('usage: function-lists.py SOURCE_ROOT INPUT...')
    root = sys.argv[1]
    headers, _ = functable.split_inputs(sys.argv[2:])
    rows = functable.read_table_files(headers)
    names = sorted({r['name'] for r in rows} | {r['sym'] for r in rows},
                   key=len, reverse=True)
    name_re = r'\b(?:%s)\b' % '|'.join(map(re.escape, names))
    run_re = re.compile(r'%s(?:%s%s){%d,}' % (name_re, SEP, name_re,
                                               MIN_RUN - 1))
    skip = {os.path.relpath(os.path.realpath(h), os.path.realpath(root))
            for h in headers}
    walk = subprocess.run(
        ['find', '.', '(', '-type', 'd', '(', '-name', 'build*', '-o',
         '-name', 'obj-*', '-o', '-name', '.git', '-o', '-name',
         '__pycache__', '-o', '-name', '.debhelper', ')', '-prune', ')',
         '-o', '-type', 'f', '-print'],
        cwd=root, check=True, capture_output=True, text=True).stdout
    found, exempt, checked = [], [], 0
    for path in sorted(p[2:] for p in walk.split('\n') if p):
        if path in skip or path in ALLOWED_FILES:
            continue
        try:
            text = open(os.path.join(root, path), encoding='utf-8').read()
        except (UnicodeDecodeError, OSError):
            continue  # binary files
        checked += 1
        text = GEN_BLOCK.sub(blank, text)
        text = MARKER.sub(blank, text)
        lines = text.split('\n')
        for m in run_re.finditer(text):
            line = text.count('\n', 0, m.start()) + 1
            got = re.findall(name_re, m.group(0))
            why = EXEMPT.search(lines[line - 2]) if line > 1 else None
            if why:
                exempt.append('%s:%d: %d functions, exempt: %s' % (
                    path, line, len(got), why.group(1).strip()))
                continue
            found.append('%s:%d: a list of %d functions: %s' % (
                path, line, len(got), ', '.join(got[:6]) +
                (', ...' if len(got) > 6 else '')))
    for f in exempt:
        print(f)
    for f in found:
        print(f)
    if found:
        print('FAIL: %d lists of functions outside the headers (generate'
              ' them: gen/lists.py, see HACKING.md)' % len(found))
        sys.exit(1)
    print('PASS: %d files checked, no list of functions outside the headers'
          ' (%d names of the table)' % (checked, len(names)))


if __name__ == '__main__':
    main()
