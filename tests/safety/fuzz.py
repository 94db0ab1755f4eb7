#!/usr/bin/python3
"""A bounded fuzz run: random vendor profiles (Debian's real librbd and
librados with functions removed, strip_symbols.py) driven by python3-rados
and python3-rbd through the preloaded shim on the test cluster.

Each run must end with no signal, no hang (60 s, then SIGKILL), every
failing step a clean rados.Error/rbd.Error, and a cluster that holds
exactly what the steps that succeeded say (checked here, without the shim,
with the complete libraries): no operation reported done that was not
done, none reported failed that was done (half-done).

    fuzz.py SHIM WORKDIR    (inside tests/cluster/with-cluster.sh)

Environment: RBDCOMPAT_FUZZ_SEED (default: DEFAULT_SEED; 'random' for a new one, printed),
RBDCOMPAT_FUZZ_BUDGET seconds for starting runs (default 150),
RBDCOMPAT_FUZZ_RUNS at most (default 300), RBDCOMPAT_FUZZ_ONLY=N runs only
run N of the seed's sequence (the runs before it are drawn, not run).
"""
import glob
import json
import os
import random
import subprocess
import sys
import time

import rados
import rbd

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import strip_symbols  # noqa: E402

SYSLIB = '/usr/lib/x86_64-linux-gnu'
LIBS = {'rbd': SYSLIB + '/librbd.so.1', 'rados': SYSLIB + '/librados.so.2'}
SONAME = {'rbd': 'librbd.so.1', 'rados': 'librados.so.2'}
PYEXT = '/usr/lib/python3/dist-packages/%s.cpython-*.so'
# Consumer paths that cannot survive a missing function even when the shim
# answers as upstream does on error (the README lists them): a wrong answer
# of the step while one of the functions is removed is reported, not failed.
KNOWN = {  # function-list: the functions of one known case
    'list_objects': ('python3-rados ends list_objects() at any error of'
                     ' the listing as if the pool held nothing more',
                     ('rados_nobjects_list_next', 'rados_nobjects_list_next2',
                      'rados_nobjects_list_open')),
    'rbd metadata_list': ("python3-rbd's metadata iterator formats its error"
                          " with an attribute rbd.Image does not have: any"
                          " error of rbd_metadata_list raises AttributeError",
                          ('rbd_metadata_list',)),
}
# Every way librados has to learn that an operation is done: without all
# of them a wait cannot wait (shim/emulate/aio_wait.c); without the ASKS,
# is_complete() cannot answer (python3-rados then says False).
ASKS = {  # function-list: what is_complete can be made of
    'rados_aio_is_complete', 'rados_aio_is_safe',
    'rados_aio_is_complete_and_cb', 'rados_aio_is_safe_and_cb'}
WAITS = ASKS | {  # function-list: and the blocking waits
    'rados_aio_wait_for_complete', 'rados_aio_wait_for_safe',
    'rados_aio_wait_for_complete_and_cb', 'rados_aio_wait_for_safe_and_cb'}
RBD_ASKS = {'rbd_aio_is_complete'}
RBD_WAITS = RBD_ASKS | {'rbd_aio_wait_for_complete'}
# What the scenario cannot tell when a profile removes all of a set: it
# gets the variable set to 1 (fuzz_scenario.py says what each changes).
CANNOT = {'FUZZ_CANNOT_WAIT': WAITS, 'FUZZ_CANNOT_ASK': ASKS,
          'FUZZ_CANNOT_WAIT_RBD': RBD_WAITS, 'FUZZ_RBD_CANNOT_ASK': RBD_ASKS}
# Profiles every run starts with: the cases of issue 12.
# function-list: fuzz profiles, each the functions removed together
FIXED = [
    ('omap builders', ['rados_write_op_omap_rm_keys',
                       'rados_write_op_omap_rm_keys2',
                       'rados_write_op_omap_rm_range2']),
    ('identity only', ['rbd_version', 'rados_version']),
    # function-list: a profile
    ('omap iterators', ['rados_read_op_omap_get_vals2',
                        'rados_read_op_omap_get_vals_by_keys2',
                        'rados_omap_get_next2']),
    ('librados call librbd makes', ['rados_aio_get_return_value']),
    # seed 946138295, run 217: waiting emulated from is_complete alone
    # returned at once, and an aio op that failed was reported done
    ('waiting', ['rados_aio_wait_for_complete', 'rados_aio_is_complete']),
    ('no way to wait', sorted(WAITS)),
    ('rbd waiting', ['rbd_aio_wait_for_complete']),
    ('group snapshot listing', ['rbd_group_snap_list', 'rbd_snap_list']),
    # function-list: a profile
    ('completions', ['rbd_aio_create_completion', 'rados_aio_create_completion2',
                     'rados_aio_create_completion']),
]


def symbols(path, defined):
    elf = strip_symbols.rd.DynElf(bytearray(open(path, 'rb').read()))
    out = set()
    for i in range(1, elf.nsyms):
        st_name, st_info, shndx, _v = elf.sym(i)
        name = elf.cstr(st_name).decode() if st_name else ''
        if name.startswith(('rbd_', 'rados_')) and (shndx != 0) == defined:
            out.add(name)
    return out


def make_profile(d, names):
    os.makedirs(d, exist_ok=True)
    removed = []
    for lib, path in LIBS.items():
        mine = [n for n in names if n.startswith(lib + '_')]
        data = bytearray(open(path, 'rb').read())
        done, _skipped = strip_symbols.strip(data, mine)
        removed += done
        with open(os.path.join(d, SONAME[lib]), 'wb') as f:
            f.write(data)
    return removed


def verify(io, prefix, model):
    """What is wrong with the cluster against the model (a list)."""
    bad = []
    listed = {o.key for o in io.list_objects() if o.key.startswith(prefix)}
    # What an operation of unknown outcome touched is not checked.
    unknown = model.get('unknown', [])
    skip_objects = {o for o, k in unknown if k is None}
    skip_keys = {(o, k) for o, k in unknown if k is not None}
    listed -= skip_objects
    for name, want in model['objects'].items():
        if name in skip_objects:
            continue
        if name not in listed:
            bad.append('%s: reported written, does not exist' % name)
            continue
        data = io.read(name, 1 << 20).decode()
        if data != want['data']:
            bad.append('%s: holds %r, reported %r' % (name, data,
                                                      want['data']))
        with rados.ReadOpCtx() as op:
            it, _ = io.get_omap_vals(op, '', '', 1000)
            io.operate_read_op(op, name)
            omap = {k: v.decode() for k, v in it
                    if (name, k) not in skip_keys}
        want['omap'] = {k: v for k, v in want['omap'].items()
                        if (name, k) not in skip_keys}
        if omap != want['omap']:
            bad.append('%s: omap %r, reported %r' % (name, omap, want['omap']))
        xattrs = {k: v.decode() for k, v in io.get_xattrs(name)}
        if xattrs != want['xattrs']:
            bad.append('%s: xattrs %r, reported %r' % (name, xattrs,
                                                       want['xattrs']))
    for name in sorted(listed - set(model['objects'])):
        bad.append('%s: exists, although no step that succeeded made it'
                   ' (half-done)' % name)
    r = rbd.RBD()
    images = {n for n in r.list(io) if n.startswith(prefix)}
    for name, want in model['images'].items():
        if name not in images:
            bad.append('image %s: reported created, does not exist' % name)
            continue
        with rbd.Image(io, name, read_only=True) as img:
            if img.size() != want['size']:
                bad.append('image %s: size %d, reported %d' % (
                    name, img.size(), want['size']))
            for off, data in want['data'].items():
                got = img.read(int(off), len(data)).decode()
                if got != data:
                    bad.append('image %s: at %s holds %r..., reported %r...'
                               % (name, off, got[:8], data[:8]))
            meta = dict(img.metadata_list())
            if meta != want.get('meta', {}):
                bad.append('image %s: metadata %r, reported %r' % (
                    name, meta, want.get('meta', {})))
            snaps = sorted(s['name'] for s in img.list_snaps())
            if snaps != sorted(want['snaps']):
                bad.append('image %s: snapshots %s, reported %s' % (
                    name, snaps, want['snaps']))
    trash = {e['name'] for e in r.trash_list(io)
             if e['name'].startswith(prefix)}
    if trash != set(model.get('trash', {})):
        bad.append('trash %s, reported %s' % (sorted(trash),
                                              sorted(model.get('trash', {}))))
    for name in sorted(images - set(model['images'])):
        bad.append('image %s: exists, although its removal was reported or'
                   ' its creation failed' % name)
    groups = {g for g in r.group_list(io) if g.startswith(prefix)}
    if groups != set(model.get('groups', {})):
        bad.append('groups %s, reported %s' % (sorted(groups),
                                               sorted(model['groups'])))
    for g in groups & set(model.get('groups', {})):
        snaps = sorted(s['name'] for s in rbd.Group(io, g).list_snaps())
        if snaps != sorted(model['groups'][g]):
            bad.append('group %s: snapshots %s, reported %s' % (
                g, snaps, model['groups'][g]))
    return bad


def cleanup(io, prefix):
    r = rbd.RBD()
    for g in [g for g in r.group_list(io) if g.startswith(prefix)]:
        grp = rbd.Group(io, g)
        for snap in list(grp.list_snaps()):
            grp.remove_snap(snap['name'])
        r.group_remove(io, g)
    # Out of the trash first: an image there may still have snapshots,
    # which only an open image can remove.
    for e in list(r.trash_list(io)):
        if e['name'].startswith(prefix):
            r.trash_restore(io, e['id'], e['name'])
    # Clones first: their parent's snapshot cannot be unprotected before.
    for name in sorted((n for n in r.list(io) if n.startswith(prefix)),
                       key=lambda n: not n.endswith('-cl')):
        with rbd.Image(io, name) as img:
            for s in list(img.list_snaps()):
                if img.is_protected_snap(s['name']):
                    img.unprotect_snap(s['name'])
                img.remove_snap(s['name'])
        r.remove(io, name)
    for o in [o.key for o in io.list_objects() if o.key.startswith(prefix)]:
        io.remove_object(o)


def run_one(shim, work, n, label, names, io):
    d = os.path.join(work, 'p%d' % n)
    removed = make_profile(d, names)
    prefix = 'fz%d-%d-' % (os.getpid(), n)
    model_path = os.path.join(d, 'model.json')
    env = dict(os.environ, LD_PRELOAD=shim, LD_LIBRARY_PATH=d,
               RBDCOMPAT_LIBRBD=os.path.join(d, 'librbd.so.1'),
               RBDCOMPAT_LIBRADOS=os.path.join(d, 'librados.so.2'))
    env.update((var, '1' if names <= set(removed) else '')
               for var, names in CANNOT.items())
    t0 = time.monotonic()
    p = subprocess.run(['timeout', '-s', 'KILL', '60', '/usr/bin/python3',
                        '-X', 'faulthandler',
                        os.path.join(HERE, 'fuzz_scenario.py'), prefix,
                        model_path], env=env, capture_output=True, text=True)
    secs = time.monotonic() - t0
    problems = []
    if p.returncode in (-9, 137):
        problems.append('hang: killed after 60 s')
    elif p.returncode < 0 or p.returncode > 128:
        problems.append('signal %d' % (-p.returncode if p.returncode < 0
                                       else p.returncode - 128))
    elif p.returncode != 0:
        problems.append('exit status %d' % p.returncode)
    try:
        model = json.load(open(model_path))
    except (OSError, ValueError):
        model = {'objects': {}, 'images': {}, 'groups': {}, 'unclean': [],
                 'wrong': [], 'steps': []}
        problems.append('no model written')
    known = ['known limitation: ' + k for k in model.get('known', [])]
    # An unclean error or a wrong answer of a known consumer path is known
    # when the profile removed one of that path's functions.
    for what, entries in (('unclean error', model['unclean']),
                          ('wrong answer', model['wrong'])):
        for e in entries:
            why, funcs = KNOWN.get(e.split(':')[0], (None, ()))
            if set(funcs) & set(removed):
                known.append('known consumer limitation: %s (%s)' % (e, why))
            else:
                problems.append('%s: %s' % (what, e))
    try:
        problems += ['cluster: ' + b for b in verify(io, prefix, model)]
    finally:
        cleanup(io, prefix)
    steps = model['steps']
    oks = sum(1 for s in steps if s[1] == 'ok')
    print('run %2d %-28s removed %3d (rbd %d, rados %d): %2d steps, %2d ok,'
          ' %2d clean errors, %4.1f s: %s' % (
              n, label, len(removed),
              sum(x.startswith('rbd_') for x in removed),
              sum(x.startswith('rados_') for x in removed), len(steps), oks,
              len(steps) - oks, secs, 'FAIL' if problems else 'pass'))
    for k in known:
        print('    ' + k)
    if problems:
        for pr in problems:
            print('    ' + pr)
        print('    removed: ' + ' '.join(sorted(removed)))
        print('    steps: ' + ', '.join('%s=%s' % (s[0], s[1]) for s in steps))
        for line in p.stderr.splitlines()[-int(os.environ.get("RBDCOMPAT_FUZZ_TAIL", "15")):]:
            print('    | ' + line)
    sys.stdout.flush()
    return not problems


DEFAULT_SEED = 20261201


def main():
    shim, work = sys.argv[1], sys.argv[2]
    # A fixed seed by default, so that the suite gives the same answer on
    # every run; RBDCOMPAT_FUZZ_SEED=random explores new profiles.
    env_seed = os.environ.get('RBDCOMPAT_FUZZ_SEED') or str(DEFAULT_SEED)
    seed = (random.SystemRandom().randrange(1 << 30)
            if env_seed == 'random' else int(env_seed))
    budget = float(os.environ.get('RBDCOMPAT_FUZZ_BUDGET', '150'))
    max_runs = int(os.environ.get('RBDCOMPAT_FUZZ_RUNS', '300'))
    only = os.environ.get('RBDCOMPAT_FUZZ_ONLY')
    if only is not None:
        max_runs = int(only) + 1
    print('fuzz: seed %d (RBDCOMPAT_FUZZ_SEED=%d repeats this run), budget'
          ' %.0f s' % (seed, seed, budget))
    exported = symbols(LIBS['rbd'], True) | symbols(LIBS['rados'], True)
    imported = set()
    for mod in ('rbd', 'rados'):
        for path in glob.glob(PYEXT % mod):
            imported |= symbols(path, False)
    imported &= exported
    rng = random.Random(seed)
    cluster = rados.Rados(conffile=os.environ['CEPH_CONF'])
    cluster.connect()
    io = cluster.open_ioctx('rbd')
    start, failed, n = time.monotonic(), 0, 0
    plan = list(FIXED)
    while n < max_runs and time.monotonic() - start < budget:
        # The fixed profiles draw nothing: adding one leaves every seed's
        # random profiles as they were.
        kind = None if plan else rng.random()
        if plan:
            label, names = plan.pop(0)
        elif kind < 0.4:
            # A few functions the bindings import: gets past connecting,
            # so the later steps meet the missing ones.
            names = rng.sample(sorted(imported), rng.randint(1, 6))
            label = 'imported, %d' % len(names)
        else:
            pool = sorted(imported) if kind < 0.8 else sorted(exported)
            rate = rng.uniform(0.05, 0.5)
            names = rng.sample(pool, max(1, int(rate * len(pool))))
            label = '%s %2d%%' % ('imported' if kind < 0.8 else 'exported',
                                  rate * 100)
        if only is None or n == int(only):
            failed += not run_one(shim, work, n, label, names, io)
        n += 1
    io.close()
    cluster.shutdown()
    print('fuzz: %d runs, %d failed (seed %d)' % (n, failed, seed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
