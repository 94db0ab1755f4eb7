#!/usr/bin/env python3
"""Lists of functions the build, the tests and the README need, generated
from the function table (gen/functable.py) so that no other file keeps one.

  lists.py --emit KIND [options] -o OUT INPUT...

INPUT: the headers and the emulation sources (as for functable.py), plus,
for some kinds, the files named below. KIND:

  exports      what `nm -D --defined-only --with-symbol-versions` of the
               library must print: one row per line, "name" or
               "name@@VERSION" (the hidden base definitions show as
               "name"), sorted. --baseline FILE also compares it with
               the checked-in baseline and fails on any difference.
  emulated     the names of every emulated function, one per line
               (--lib rbd|rados for one library); tests/emulation/run.sh
               intersects it with what the older vendor exports. A name
               is followed by " by-version" when every symbol version of
               it is emulated from the vendor's other version:
               RBDCOMPAT_DISABLE (which disables a name in every version)
               cannot force such an emulation to answer.
  mock-omit    a header of "#define MOCK_OMIT_<sym>" lines for a mock
               vendor that lacks functions: every row emulated in the
               emulation sources given with --omit-from, and every name in
               a "mock-missing: NAME..." comment of the other --omit-from
               files (the tests that call those names).
  readme       the README's generated blocks; --check FILE fails if FILE's
               blocks are not current, --update FILE rewrites them. A block
               is the text between "<!-- gen:NAME -->" and
               "<!-- /gen:NAME -->" (NAME: decisions, emulations, counts).
"""
import argparse
import difflib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import functable  # noqa: E402


def load(inputs, allow_undecided=False):
    headers, emus = functable.split_inputs(inputs)
    rows = functable.read_table_files(headers)
    functable.read_emulations(emus, rows)
    functable.REQUIRE_DECISIONS = not allow_undecided
    functable.decide(rows)
    return rows


# ------------------------------------------------------------ exports

# Not a function: the data symbol by which any copy of librbdcompat knows
# another one (lib/self_marker.c, a version node of its own).
MARKER = 'librbdcompat_marker@@LIBRBDCOMPAT_1'


def exports(rows):
    out = {MARKER}
    for r in rows:
        v = r['version']
        out.add(r['name'] if v in (None, 'Base') else
                '%s@@%s' % (r['name'], v))
    return sorted(out)


def check_baseline(got, path):
    """The library's exports may change only with the checked-in baseline:
    a declaration removed from a header must not remove an export
    silently. Returns the problems found."""
    want = [ln.strip() for ln in open(path)
            if ln.strip() and not ln.startswith('#')]
    removed = sorted(set(want) - set(got))
    added = sorted(set(got) - set(want))
    msgs = []
    if removed:
        msgs.append('%d exports of the baseline are gone (a declaration was'
                    ' removed or renamed?): %s' % (len(removed),
                                                    ', '.join(removed)))
    if added:
        msgs.append('%d exports are not in the baseline: %s' % (
            len(added), ', '.join(added)))
    if msgs:
        msgs.append('if that is intended, regenerate the baseline:'
                    ' python3 gen/lists.py --emit exports -o %s'
                    ' include/rbd/librbd.h include/rados/librados.h'
                    ' shim/abi-only.h shim/emulate/*.c (and review the diff)'
                    % path)
    return msgs


BASELINE_HEAD = '''\
# The exports of librbdcompat.so.1, checked in: the build fails when the
# table's exports differ (gen/lists.py --emit exports --baseline), so that
# removing a declaration never removes an export silently. Regenerate with
# gen/lists.py --emit exports (see HACKING.md) and review the diff.
'''


# ------------------------------------------------------------ mock-omit

# "mock-missing: NAME..." in a comment, over lines that start with " * ",
# up to the end of the comment.
MARK_RE = re.compile(r'mock-missing:((?:\s|\*(?!/)|,|\w)+)')


def mock_omit(rows, files):
    by_sym = {r['sym']: r for r in rows}
    emu_re = functable.EMU_RE
    omit, why = [], {}
    for path in files:
        src = open(path).read()
        if '/shim/emulate/' in '/' + path.replace(os.sep, '/'):
            syms = [m.group('sym') for m in emu_re.finditer(src)]
            if not syms:
                raise functable.TableError('%s emulates nothing' % path)
        else:
            syms = [s for m in MARK_RE.finditer(src)
                    for s in re.split(r'[\s,*]+', m.group(1)) if s]
            if not syms:
                raise functable.TableError(
                    '%s has no "mock-missing: NAME..." comment' % path)
        for s in syms:
            if s not in by_sym:
                raise functable.TableError('%s: %s is no row of the table'
                                           % (path, s))
            if s not in why:
                omit.append(s)
                why[s] = os.path.basename(path)
    out = ['/* Generated by gen/lists.py: do not edit. */']
    out += ['#define MOCK_OMIT_%s 1 /* %s */' % (s, why[s]) for s in omit]
    return out


# ------------------------------------------------------------ readme

def block_decisions(rows):
    n = {}
    for r in rows:
        n[r['decision']] = n.get(r['decision'], 0) + 1
    return ['Decisions: %d rows emulated, %d stubbed with a recorded reason,'
            ' %d forwarded only (functions of the oldest release the table'
            ' covers, %s).' % (n.get('emulated', 0), n.get('stubbed', 0),
                               n.get('forwarded', 0), functable.FLOOR)]


def _md(text):
    return text.replace('|', '\\|')


def block_emulations(rows):
    out = ['| function | since | emulation |', '| --- | --- | --- |']
    for r in rows:
        if r['decision'] != 'emulated':
            continue
        name = r['name'] + ('@' + r['version'] if r['version'] else '')
        out.append('| `%s` | %s | %s |' % (name, r['since'], _md(r['why'])))
    return out


def block_counts(rows):
    out = ['| | functions | deprecated | ABI-only | emulated | stubbed |'
           ' forwarded only |',
           '| --- | --- | --- | --- | --- | --- | --- |']
    for lib in ('rbd', 'rados'):
        lr = [r for r in rows if r['lib'] == lib]
        names = {r['name'] for r in lr}
        extra = len(lr) - len(names)
        out.append('| lib%s | %d%s | %d | %d | %d | %d | %d |' % (
            lib, len(names),
            ' (%d rows: %d with two symbol versions)' % (len(lr), extra)
            if extra else '',
            len({r['name'] for r in lr if r['deprecated']}),
            len({r['name'] for r in lr if r['abi_only']}),
            sum(r['decision'] == 'emulated' for r in lr),
            sum(r['decision'] == 'stubbed' for r in lr),
            sum(r['decision'] == 'forwarded' for r in lr)))
    out.append('')
    out.append('%d table rows in all (symbols exported), %d function names.' % (
        len(rows), len({r['name'] for r in rows})))
    return out


BLOCKS = {'decisions': block_decisions, 'emulations': block_emulations,
          'counts': block_counts}
BLOCK_RE = re.compile(r'(<!-- gen:(\w+) -->\n)(.*?)(<!-- /gen:\2 -->)', re.S)


def render_readme(rows, text, path):
    seen = set()

    def repl(m):
        name = m.group(2)
        if name not in BLOCKS:
            raise functable.TableError('%s: unknown generated block %r' % (
                path, name))
        seen.add(name)
        body = '\n'.join(BLOCKS[name](rows)) + '\n'
        return m.group(1) + body + m.group(4)
    new = BLOCK_RE.sub(repl, text)
    missing = sorted(set(BLOCKS) - seen)
    if missing:
        raise functable.TableError('%s lacks the generated blocks %s'
                                   ' (<!-- gen:NAME --> ... <!-- /gen:NAME -->)'
                                   % (path, ', '.join(missing)))
    return new


# ------------------------------------------------------------ main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--emit', required=True,
                    choices=['exports', 'emulated', 'mock-omit', 'readme'])
    ap.add_argument('inputs', nargs='+', metavar='INPUT')
    ap.add_argument('-o', '--output', default='-')
    ap.add_argument('--lib', choices=['rbd', 'rados'])
    ap.add_argument('--baseline', help='exports: compare with this file')
    ap.add_argument('--omit-from', nargs='+', default=[],
                    help='mock-omit: emulation sources and marked tests')
    ap.add_argument('--check', metavar='README', help='readme: check FILE')
    ap.add_argument('--update', metavar='README', help='readme: rewrite FILE')
    ap.add_argument('--allow-undecided', action='store_true')
    a = ap.parse_args()
    try:
        rows = load(a.inputs, a.allow_undecided)
        if a.emit == 'exports':
            lines = exports(rows)
            if a.baseline:
                msgs = check_baseline(lines, a.baseline)
                if msgs:
                    sys.exit('lists: ' + '\nlists: '.join(msgs))
            if a.output != '-':
                lines = BASELINE_HEAD.rstrip('\n').split('\n') + lines
        elif a.emit == 'emulated':
            lines, seen = [], set()
            for r in rows:
                if r['decision'] != 'emulated' or r['name'] in seen or \
                        (a.lib and r['lib'] != a.lib):
                    continue
                seen.add(r['name'])
                same = [x for x in rows if x['name'] == r['name']]
                by_version = len(same) > 1 and all(
                    x['decision'] == 'emulated' for x in same)
                lines.append(r['name'] + (' by-version' if by_version
                                          else ''))
        elif a.emit == 'mock-omit':
            if not a.omit_from:
                ap.error('mock-omit needs --omit-from FILE...')
            lines = mock_omit(rows, a.omit_from)
        else:
            path = a.check or a.update
            if not path or (a.check and a.update):
                ap.error('readme needs --check README or --update README')
            old = open(path).read()
            new = render_readme(rows, old, path)
            if a.check:
                if new != old:
                    sys.stdout.writelines(difflib.unified_diff(
                        old.splitlines(True), new.splitlines(True),
                        path, path + ' (generated)'))
                    sys.exit('lists: %s is not current: run gen/lists.py'
                             ' --emit readme --update %s INPUT...'
                             ' (or scripts/update-lists.sh)' % (path, path))
                lines = ['%s: generated blocks current' % path]
            else:
                if new != old:
                    with open(path, 'w') as f:
                        f.write(new)
                lines = ['%s: %s' % (path, 'updated' if new != old
                                     else 'already current')]
    except (functable.TableError, OSError) as e:
        sys.exit('lists: ' + str(e))
    text = '\n'.join(lines) + '\n'
    functable.write_output(a.output, text)


if __name__ == '__main__':
    main()
