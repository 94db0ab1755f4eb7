"""Shared helpers of the rbdcompat-probe tests (tests/probe/test_*.py).

Each test is a plain script run by meson: exit 0 pass, 1 fail, 77 skip.
The probe and its helpers come from the environment meson sets
(tools/probe/meson.build): PROBE, PROBE_ELF_DUMP, PROBE_SRCDIR.

What the probe says is checked against sources that do not go through its
C code: the function table as gen/functable.py emits it, and what binutils'
nm says a library defines or a binary needs.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

PROBE = os.environ.get('PROBE', '')
ELF_DUMP = os.environ.get('PROBE_ELF_DUMP', '')
SRCDIR = os.environ.get('PROBE_SRCDIR', '')
HERE = os.path.dirname(os.path.abspath(__file__))
SYSLIB = '/usr/lib/x86_64-linux-gnu'
PY_RBD = '/usr/lib/python3/dist-packages/rbd.cpython-311-x86_64-linux-gnu.so'
QEMU_RBD = '/usr/lib/x86_64-linux-gnu/qemu/block-rbd.so'

failures = []


def check(cond, what):
    """Record one assertion; the script fails at the end if any failed."""
    print(('ok    ' if cond else 'FAIL  ') + what)
    if not cond:
        failures.append(what)
    return cond


def check_eq(got, want, what):
    ok = got == want
    check(ok, what)
    if not ok and isinstance(got, list) and isinstance(want, list):
        extra = [x for x in got if x not in want]
        lack = [x for x in want if x not in got]
        print('      only in got:  %r\n      only in want: %r' % (
            extra[:20], lack[:20]))
        if not extra and not lack:
            print('      same items, other order')
    elif not ok:
        print('      got:  %r\n      want: %r' % (got, want))
    return ok


def done():
    if failures:
        print('%d check(s) failed' % len(failures))
        sys.exit(1)
    print('all checks passed')
    sys.exit(0)


def skip(why):
    print('SKIP: ' + why)
    sys.exit(77)


def clean_env(**extra):
    """The environment without anything that changes how the shim finds
    the vendor libraries (a test must not inherit a developer's setting)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith('RBDCOMPAT_') and k != 'LD_PRELOAD'}
    env.update(extra)
    return env


def run_probe(args, env=None, check_json=True):
    """Run the probe; returns (status, stdout, stderr, parsed JSON or None).
    A crash (death by a signal) fails the test at once."""
    p = subprocess.run([PROBE] + list(args), capture_output=True, text=True,
                       env=env if env is not None else clean_env(),
                       timeout=600)
    if p.returncode < 0:
        print('probe %s died of signal %d\n%s' % (args, -p.returncode,
                                                  p.stderr))
        sys.exit(1)
    doc = None
    if '--json' in args and p.returncode in (0, 1) and check_json:
        doc = json.loads(p.stdout)
    return p.returncode, p.stdout, p.stderr, doc


def table():
    """The function table as gen/functable.py emits it, with decisions."""
    emus = sorted(os.path.join(SRCDIR, 'shim', 'emulate', f)
                  for f in os.listdir(os.path.join(SRCDIR, 'shim', 'emulate'))
                  if f.endswith('.c'))
    cmd = [sys.executable, os.path.join(SRCDIR, 'gen', 'functable.py'),
           '--emit', 'json', '--root', SRCDIR, '--emulations'] + emus
    if os.environ.get('PROBE_ALLOW_UNDECIDED') == '1':
        cmd.append('--allow-undecided')
    return json.loads(subprocess.run(cmd, check=True, capture_output=True,
                                     text=True).stdout)


def label(name, version):
    return name + ('@' + version if version else '')


def nm_defined(path):
    """{name, name@VERSION, name@@VERSION} nm -D says path defines."""
    out = subprocess.run(['nm', '-D', '--defined-only', path], check=True,
                         capture_output=True, text=True).stdout
    return {line.split()[-1] for line in out.splitlines() if line.strip()}


def nm_has(defined, row):
    """Whether a library defining `defined` (nm_defined) has table row
    `row`: plain rows by name; the hidden base definition of a versioned
    function is listed by nm without a version, the others as @@VERSION
    (or @VERSION); a library without versions has only the base one."""
    name, ver = row['name'], row['version']
    if ver is None:
        return name in defined or any(d.startswith(name + '@')
                                      for d in defined)
    if ver == 'Base':
        return name in defined
    return name + '@@' + ver in defined or name + '@' + ver in defined


def expected_missing(rows, rbd_path, rados_path):
    """Labels of the rows the two libraries lack, according to nm."""
    defined = {'rbd': nm_defined(rbd_path), 'rados': nm_defined(rados_path)}
    return sorted(label(r['name'], r['version']) for r in rows
                  if not nm_has(defined[r['lib']], r))


def nm_needs(path):
    """[(name, version or None, weak)] of rbd_/rados_ symbols path needs,
    according to nm (rados_striper_ is libradosstriper's)."""
    out = subprocess.run(['nm', '-D', '--undefined-only', path], check=True,
                         capture_output=True, text=True).stdout
    needs = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) != 2:
            continue
        kind, sym = parts
        name, _, ver = sym.partition('@')
        if not re.match(r'^(rbd|rados)_', name) or \
                name.startswith('rados_striper_'):
            continue
        needs.append((name, ver or None, kind in ('w', 'v')))
    return sorted(needs)


def probe_missing(doc):
    return sorted(label(f['name'], f['version']) for f in doc['functions']
                  if f['status'] != 'present')


def check_statuses(doc, rows, what):
    """Every missing row is emulated exactly when the table has an
    emulation for it, stubbed otherwise; present rows are the vendor's."""
    by = {label(r['name'], r['version']): r for r in rows}
    bad = []
    for f in doc['functions']:
        r = by[label(f['name'], f['version'])]
        if f['status'] == 'present':
            ok = f['vendor_has'] and not f['disabled']
        elif r['decision'] == 'emulated':
            ok = f['status'] == 'missing-emulated'
        else:
            ok = f['status'] == 'missing-stubbed'
        if not ok:
            bad.append(f['name'])
    check_eq(bad, [], what + ': each status follows the table\'s decision')


def check_table_matches(doc, rows):
    got = [(f['name'], f['version'], f['since'], f['decision'])
           for f in doc['functions']]
    want = [(r['name'], r['version'], r['since'], r['decision'])
            for r in rows]
    check_eq(got, want, 'the JSON lists every row of gen/functable.py, in'
             ' order, with its release and decision')


def vendor_cache():
    return os.environ.get('RBDCOMPAT_VENDOR_CACHE') or \
        os.environ.get('PROBE_DEFAULT_CACHE') or \
        os.path.join(tempfile.gettempdir(), 'rbdcompat-vendor-cache')


def vendor_libs(kind):
    """Run tests/cluster/vendor-libs.sh KIND CACHE: the path it prints, or
    exit 77 when it cannot provide the set (no network, no apt)."""
    script = os.path.join(SRCDIR, 'tests', 'cluster', 'vendor-libs.sh')
    p = subprocess.run(['bash', script, kind, vendor_cache()],
                       capture_output=True, text=True, timeout=1200)
    if p.returncode == 77:
        skip('vendor-libs.sh %s: %s' % (kind, p.stdout.strip()))
    if p.returncode != 0:
        print(p.stdout + p.stderr)
        check(False, 'vendor-libs.sh %s works' % kind)
        done()
    return p.stdout.strip().splitlines()[-1]


def make_elf(path, *args):
    subprocess.run([sys.executable, os.path.join(HERE, 'make_elf.py'), path]
                   + list(args), check=True)
    return path


def require_system_ceph():
    for f in ('librbd.so.1', 'librados.so.2'):
        if not os.path.exists(os.path.join(SYSLIB, f)):
            skip('no system %s (Debian librbd1/librados2)' % f)
