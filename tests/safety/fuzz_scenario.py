#!/usr/bin/python3
"""One consumer run of the fuzz (fuzz.py): python3-rados and python3-rbd
through the preloaded shim, over a vendor profile with functions removed.

Every step either succeeds, and then what it did is recorded in a model of
what the cluster must now hold, or fails with a clean error (rados.Error or
rbd.Error with an errno); anything else is reported as UNCLEAN and makes
the run fail. Reads that succeed must return what the model says (a stub
that reports success with made-up data is a failure). The model goes to
MODEL (JSON); fuzz.py checks it against the cluster with the real, complete
libraries and no shim.

    fuzz_scenario.py PREFIX MODEL
"""
import json
import os
import sys

import rados
import rbd

MiB = 1 << 20
P = sys.argv[1]
MODEL_PATH = sys.argv[2]
model = {'objects': {}, 'images': {}, 'trash': {}, 'groups': {},
         'unclean': [], 'wrong': [], 'steps': [], 'known': [], 'unknown': []}


def save():
    with open(MODEL_PATH + '.tmp', 'w') as f:
        json.dump(model, f)
    os.replace(MODEL_PATH + '.tmp', MODEL_PATH)


def step(name, fn, done=None, check=None):
    """Run fn; on success apply done(result) to the model and compare
    check(result) (None when right, else what is wrong)."""
    try:
        res = fn()
    except (rados.Error, rbd.Error) as e:
        # The bindings' own error classes (python3-rados gives a few, such
        # as rados_create2's failure, no errno attribute).
        model['steps'].append([name, 'error %s' % getattr(e, 'errno', None)])
        save()
        return False, None
    except Exception as e:  # noqa: BLE001 - what the test is looking for
        model['unclean'].append('%s: %s: %r' % (name, type(e).__name__, e))
        model['steps'].append([name, 'UNCLEAN'])
        save()
        return False, None
    if check:
        bad = check(res)
        if bad:
            model['wrong'].append('%s: %s' % (name, bad))
    if done:
        done(res)
    model['steps'].append([name, 'ok'])
    save()
    return True, res


def aio_result(name, c, oid, key):
    """An asynchronous operation's return value, read as consumers do:
    after wait_for_complete(), whose own answer python3-rados ignores.
    -ENOSYS is what a vendor without rados_aio_get_return_value gives for
    every operation, done or not; and a vendor with no way at all to wait
    (FUZZ_CANNOT_WAIT, set by fuzz.py) makes the wait return at once:
    either way the outcome is unknown, so the object (or key) is not
    checked. Otherwise a wait that returned before the operation was
    complete is wrong, and what the value claims is checked against the
    cluster."""
    c.wait_for_complete()
    r = c.get_return_value()
    if os.environ.get('FUZZ_CANNOT_WAIT'):
        model['known'].append('%s: outcome unknown (the vendor has no way'
                              ' to wait, and python3-rados ignores the'
                              ' -ENOSYS of wait_for_complete())' % name)
        model['unknown'].append([oid, key])
        r = min(r, 0)
    # python3-rados' is_complete() is False for an error of the question
    # too: without any of them (FUZZ_CANNOT_ASK) it cannot tell.
    elif not c.is_complete() and not os.environ.get('FUZZ_CANNOT_ASK'):
        model['wrong'].append('%s: wait_for_complete() returned before the'
                              ' operation was complete' % name)
    if r == -38:
        model['known'].append('%s: outcome unknown (-ENOSYS from the'
                              ' completion)' % name)
        model['unknown'].append([oid, key])
    if r < 0:
        raise rados.Error('%s: %d' % (name, r), errno=-r)


def obj(name):
    return model['objects'].setdefault(P + name, {'data': '', 'omap': {},
                                                  'xattrs': {}})


def expect(value, want):
    return None if value == want else 'returned %r, the model says %r' % (
        value, want)


def rados_part(cluster):
    ok, io = step('open_ioctx', lambda: cluster.open_ioctx('rbd'))
    if not ok:
        return
    o1 = P + 'o1'
    step('write_full', lambda: io.write_full(o1, b'first'),
         lambda _: obj('o1').update(data='first'))
    if o1 in model['objects']:
        step('read', lambda: io.read(o1), check=lambda r: expect(
            r, model['objects'][o1]['data'].encode()))
        step('stat', lambda: io.stat(o1)[0], check=lambda r: expect(
            r, len(model['objects'][o1]['data'])))
    step('set_xattr', lambda: io.set_xattr(o1, 'x1', b'v1'),
         lambda _: obj('o1')['xattrs'].update(x1='v1'))
    if 'x1' in model['objects'].get(o1, {}).get('xattrs', {}):
        step('get_xattr', lambda: io.get_xattr(o1, 'x1'),
             check=lambda r: expect(r, b'v1'))
        step('get_xattrs', lambda: sorted(
            (k, v) for k, v in io.get_xattrs(o1)),
            check=lambda r: expect(r, [('x1', b'v1')]))
    step('set_xattr x2', lambda: io.set_xattr(o1, 'x2', b'v2'),
         lambda _: obj('o1')['xattrs'].update(x2='v2'))
    step('rm_xattr x2', lambda: io.rm_xattr(o1, 'x2'),
         lambda _: obj('o1')['xattrs'].pop('x2', None))
    if o1 in model['objects']:
        step('append', lambda: io.append(o1, b'+tail'),
             lambda _: obj('o1').update(data=obj('o1')['data'] + '+tail'))
        # Truncating to a size beyond the end extends with zeros.
        step('trunc', lambda: io.trunc(o1, 3), lambda _: obj('o1').update(
            data=obj('o1')['data'][:3].ljust(3, '\0')))
        step('read after trunc', lambda: io.read(o1), check=lambda r: expect(
            r, model['objects'][o1]['data'].encode()))

    def write_op(name, build, done):
        def run():
            with rados.WriteOpCtx() as op:
                build(op)
                io.operate_write_op(op, o1)
        step(name, run, lambda _: done())

    keys = ('k1', 'k2', 'k3', 'k4')
    write_op('omap set', lambda op: io.set_omap(
        op, keys, tuple(b'v' + k.encode() for k in keys)),
        lambda: obj('o1')['omap'].update({k: 'v' + k for k in keys}))
    write_op('omap rm_keys', lambda op: io.remove_omap_keys(op, ('k2',)),
             lambda: obj('o1')['omap'].pop('k2', None))
    if hasattr(io, 'remove_omap_range2'):
        write_op('omap rm_range2', lambda op: io.remove_omap_range2(
            op, 'k3', 'k4'), lambda: obj('o1')['omap'].pop('k3', None))
    # One operation of three steps: all of it or nothing.

    def combined(op):
        op.write_full(b'second')
        io.set_omap(op, ('k5',), (b'vk5',))
        io.remove_omap_keys(op, ('k1',))

    def combined_done():
        o = obj('o1')
        o['data'] = 'second'
        o['omap']['k5'] = 'vk5'
        o['omap'].pop('k1', None)
    write_op('combined op', combined, combined_done)

    def aio_rm():
        with rados.WriteOpCtx() as op:
            io.remove_omap_keys(op, ('k4',))
            c = io.operate_aio_write_op(op, o1)
            aio_result('aio omap rm_keys', c, o1, 'k4')
    step('aio omap rm_keys', aio_rm,
         lambda _: obj('o1')['omap'].pop('k4', None))

    # Fails on the OSD (-ENOENT) after the call returned: only a wait that
    # waits tells the consumer.
    def aio_rm_absent():
        with rados.WriteOpCtx() as op:
            io.remove_omap_keys(op, ('k1',))
            c = io.operate_aio_write_op(op, P + 'absent')
            aio_result('aio omap rm_keys, no object', c, P + 'absent', None)
    step('aio omap rm_keys, no object', aio_rm_absent,
         lambda _: obj('absent'))
    if o1 in model['objects']:
        def known(d):  # without the keys of operations of unknown outcome
            return {k: v for k, v in d.items() if [o1, k] not in
                    model['unknown']}
        want = known(model['objects'][o1]['omap'])

        def read_vals():
            with rados.ReadOpCtx() as op:
                it, _ = io.get_omap_vals(op, '', '', 100)
                io.operate_read_op(op, o1)
                return known({k: v.decode() for k, v in it})
        step('omap get_vals', read_vals, check=lambda r: expect(r, want))

        def read_keys():
            with rados.ReadOpCtx() as op:
                it, _ = io.get_omap_vals_by_keys(op, ('k4', 'k5', 'zz'))
                io.operate_read_op(op, o1)
                return known({k: v.decode() for k, v in it})
        step('omap get_vals_by_keys', read_keys, check=lambda r: expect(
            r, {k: v for k, v in want.items() if k in ('k4', 'k5')}))
        step('read after ops', lambda: io.read(o1), check=lambda r: expect(
            r, model['objects'][o1]['data'].encode()))

    o2 = P + 'o2'

    def aio_write():
        c = io.aio_write_full(o2, b'async')
        aio_result('aio_write_full', c, o2, None)
    step('aio_write_full', aio_write, lambda _: obj('o2').update(data='async'))
    if o2 in model['objects']:
        step('read o2', lambda: io.read(o2), check=lambda r: expect(
            r, b'async'))
    def must_list():  # without the objects of operations of unknown outcome
        return set(model['objects']) - {o for o, k in model['unknown']
                                         if k is None}
    step('list_objects', lambda: sorted(
        o.key for o in io.list_objects() if o.key.startswith(P)),
        check=lambda r: None if must_list() <= set(r) else
        'misses %s' % sorted(must_list() - set(r)))
    step('remove o2', lambda: io.remove_object(o2),
         lambda _: model['objects'].pop(o2, None))
    rbd_part(io)
    step('ioctx close', io.close)


def rbd_part(io):
    r = rbd.RBD()
    name = P + 'img'
    ok, _ = step('rbd create', lambda: r.create(
        io, name, 8 * MiB, old_format=False,
        features=rbd.RBD_FEATURE_LAYERING | rbd.RBD_FEATURE_EXCLUSIVE_LOCK),
        lambda _: model['images'].update(
            {name: {'size': 8 * MiB, 'data': {}, 'snaps': [], 'meta': {}}}))
    step('rbd list', lambda: sorted(n for n in r.list(io)
                                    if n.startswith(P)),
         check=lambda res: expect(res, sorted(model['images'])))
    if not ok:
        return
    img_model = model['images'][name]
    ok, img = step('rbd open', lambda: rbd.Image(io, name))
    if not ok:
        return
    step('rbd write', lambda: img.write(b'a' * 4096, 0),
         lambda n: img_model['data'].update({'0': 'a' * 4096}),
         check=lambda n: expect(n, 4096))
    if '0' in img_model['data']:
        step('rbd read', lambda: img.read(0, 4096), check=lambda res: expect(
            res, img_model['data']['0'].encode()))

    def aio_write():
        comp = img.aio_write(b'b' * 4096, 4096, lambda c: None)
        comp.wait_for_complete_and_cb()
        r = comp.get_return_value()
        if os.environ.get('FUZZ_CANNOT_WAIT_RBD'):
            # python3-rbd ignores what rbd_aio_wait_for_complete returns.
            model['known'].append('rbd aio_write: outcome unknown (the vendor'
                                  ' has neither rbd_aio_wait_for_complete nor'
                                  ' rbd_aio_is_complete)')
            raise rbd.OSError('rbd aio_write: outcome unknown', errno=38)
        # python3-rbd's is_complete() is False for an error of the question
        # too: without rbd_aio_is_complete it cannot tell.
        if not comp.is_complete() and not os.environ.get('FUZZ_RBD_CANNOT_ASK'):
            model['wrong'].append('rbd aio_write: wait_for_complete_and_cb()'
                                  ' returned before the write was complete')
        if r < 0:
            raise rbd.OSError('rbd aio_write: %d' % r, errno=-r)
        return r
    # Not recorded when it fails: what the image holds there is not checked.
    step('rbd aio_write', aio_write,  # 0: librbd's answer for a write
         lambda n: img_model['data'].update({'4096': 'b' * 4096}),
         check=lambda n: expect(n, 0))
    if '4096' in img_model['data']:
        step('rbd read aio', lambda: img.read(4096, 4096),
             check=lambda res: expect(res, b'b' * 4096))
    step('rbd metadata_set', lambda: img.metadata_set('mk', 'mv'),
         lambda _: img_model['meta'].update(mk='mv'))
    if 'mk' in img_model['meta']:
        step('rbd metadata_get', lambda: img.metadata_get('mk'),
             check=lambda r: expect(r, 'mv'))
    step('rbd metadata_list', lambda: dict(img.metadata_list()),
         check=lambda r: expect(r, img_model['meta']))
    step('rbd resize', lambda: img.resize(16 * MiB),
         lambda _: img_model.update(size=16 * MiB))
    step('rbd size', img.size, check=lambda res: expect(
        res, img_model['size']))
    step('rbd stat', lambda: img.stat()['size'], check=lambda res: expect(
        res, img_model['size']))
    step('rbd create_snap', lambda: img.create_snap('s1'),
         lambda _: img_model['snaps'].append('s1'))
    step('rbd list_snaps', lambda: sorted(s['name'] for s in
                                          img.list_snaps()),
         check=lambda res: expect(res, sorted(img_model['snaps'])))
    step('rbd snap_exists', lambda: img.snap_exists('s1'),
         check=lambda res: expect(res, 's1' in img_model['snaps']))
    if 's1' in img_model['snaps']:
        clone_part(io, r, img, name, img_model)
    step('rbd remove_snap', lambda: img.remove_snap('s1'),
         lambda _: img_model['snaps'].remove('s1'))
    step('rbd flush', img.flush)
    step('rbd close', img.close)
    # Into the trash and back (what Cloudpods does on delete and undo).
    step('rbd trash_move', lambda: r.trash_move(io, name, 0),
         lambda _: model['trash'].update({name: model['images'].pop(name)}))
    ok, entries = step('rbd trash_list', lambda: sorted(
        (e['name'], e['id']) for e in r.trash_list(io)
        if e['name'].startswith(P)), check=lambda res: expect(
            [n for n, _ in res], sorted(model['trash'])))
    image_id = dict(entries).get(name) if ok else None
    if name in model['trash'] and image_id:
        step('rbd trash_restore', lambda: r.trash_restore(io, image_id, name),
             lambda _: model['images'].update(
                 {name: model['trash'].pop(name)}))
    if name in model['images']:
        step('rbd remove', lambda: r.remove(io, name),
             lambda _: model['images'].pop(name))
    group_part(io, r)


def clone_part(io, r, img, name, img_model):
    """Protect snapshot s1, clone it, read the clone, remove the clone and
    unprotect: what ceph-csi and Cloudpods do for every volume from an
    image. The clone holds the parent's data and size as of s1 (taken
    after the writes and the resize)."""
    cl = P + 'cl'
    protected = {}
    step('rbd protect_snap', lambda: img.protect_snap('s1'),
         lambda _: protected.update(s1=True))
    step('rbd is_protected_snap', lambda: img.is_protected_snap('s1'),
         check=lambda res: expect(res, bool(protected)))
    ok, _ = step('rbd clone', lambda: r.clone(
        io, name, 's1', io, cl, features=rbd.RBD_FEATURE_LAYERING),
        lambda _: model['images'].update({cl: {
            'size': img_model['size'], 'data': dict(img_model['data']),
            'snaps': [], 'meta': dict(img_model['meta'])}}))
    if ok:
        def read_clone():
            with rbd.Image(io, cl, read_only=True) as c:
                return c.read(0, 4096)
        if '0' in img_model['data']:
            step('rbd read clone', read_clone, check=lambda res: expect(
                res, img_model['data']['0'].encode()))
        step('rbd remove clone', lambda: r.remove(io, cl),
             lambda _: model['images'].pop(cl))
    step('rbd unprotect_snap', lambda: img.unprotect_snap('s1'),
         lambda _: protected.clear())


def group_part(io, r):
    g = P + 'grp'
    ok, _ = step('group_create', lambda: r.group_create(io, g),
                 lambda _: model['groups'].update({g: []}))
    if ok:
        grp = rbd.Group(io, g)
        step('group create_snap', lambda: grp.create_snap('gs1'),
             lambda _: model['groups'][g].append('gs1'))
        # python3-rbd frees the entries after an error: double free once.
        step('group list_snaps', lambda: sorted(
            s['name'] for s in grp.list_snaps()), check=lambda res: expect(
                res, sorted(model['groups'][g])))
        step('group remove_snap', lambda: grp.remove_snap('gs1'),
             lambda _: model['groups'][g].remove('gs1'))
    step('group_remove', lambda: r.group_remove(io, g),
         lambda _: model['groups'].pop(g, None))


def main():
    save()
    ok, cluster = step('Rados', lambda: rados.Rados(
        conffile=os.environ['CEPH_CONF']))
    if not ok:
        return
    ok, _ = step('connect', cluster.connect)
    if ok:
        rados_part(cluster)
    step('shutdown', cluster.shutdown)
    save()


if __name__ == '__main__':
    main()
