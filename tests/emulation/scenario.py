#!/usr/bin/python3
"""The everyday python3-rbd scenario, printed in a run-independent form
(image names without the run's prefix, no ids). run.sh runs it through the
shim (LD_PRELOAD) on Ceph 14.2.21's libraries and on Pacific's, and without
the shim on Pacific, and compares the three."""
import os
import sys

import rados
import rbd

MiB = 1 << 20
P = os.environ.get("SCENARIO_PREFIX", "scen-")


def show(label, fn):
    try:
        value = fn()
    except Exception as e:  # noqa: BLE001 - the error is the result
        value = "%s(errno %s)" % (type(e).__name__, getattr(e, "errno", None))
    print("%s: %s" % (label, value))
    sys.stdout.flush()
    return value


def ours(names):
    return sorted(n[len(P):] for n in names if n.startswith(P))


def main():
    cluster = rados.Rados(conffile=os.environ["CEPH_CONF"])
    cluster.connect()
    ioctx = cluster.open_ioctx("rbd")
    r = rbd.RBD()
    feats = rbd.RBD_FEATURE_LAYERING | rbd.RBD_FEATURE_EXCLUSIVE_LOCK

    show("create", lambda: r.create(ioctx, P + "img", 8 * MiB,
                                    old_format=False, features=feats))
    show("list", lambda: ours(r.list(ioctx)))
    with rbd.Image(ioctx, P + "img") as img:
        show("write", lambda: img.write(b"a" * 4096, 0))
        show("read", lambda: img.read(0, 8))
        show("resize", lambda: img.resize(16 * MiB))
        show("size", lambda: img.size())
        show("features", lambda: r.features_to_string(img.features()))
        show("create_snap", lambda: img.create_snap("s1"))
        show("create_snap again", lambda: img.create_snap("s1"))
        show("list_snaps", lambda: [(s["name"], s["size"], s["namespace"])
                                    for s in img.list_snaps()])
        show("snap_exists s1", lambda: img.snap_exists("s1"))
        show("snap_exists nope", lambda: img.snap_exists("nope"))
        sid = img.snap_get_id("s1")
        show("snap_get_id matches list", lambda: sid == [s["id"] for s in
                                                         img.list_snaps()][0])
        show("snap_get_name", lambda: img.snap_get_name(sid))
        show("snap_get_name unknown", lambda: img.snap_get_name(sid + 999))
        show("snap_get_id unknown", lambda: img.snap_get_id("nope"))
        show("write after snap", lambda: img.write(b"b" * 4096, 0))
        show("rollback_to_snap", lambda: img.rollback_to_snap("s1"))
        show("read after rollback", lambda: img.read(0, 8))
        show("protect_snap", lambda: img.protect_snap("s1"))
        show("is_protected_snap", lambda: img.is_protected_snap("s1"))
    show("clone", lambda: r.clone(ioctx, P + "img", "s1", ioctx, P + "clone",
                                  features=rbd.RBD_FEATURE_LAYERING))
    with rbd.Image(ioctx, P + "clone") as child:
        show("clone parent", lambda: (lambda p: (p[0], p[1][len(P):], p[2]))(
            child.parent_info()))
        show("clone read", lambda: child.read(0, 8))
    show("features_to_string", lambda: r.features_to_string(61))
    show("features_to_string bad", lambda: r.features_to_string(1 << 40))
    show("features_from_string",
         lambda: r.features_from_string("layering,exclusive-lock"))
    show("features_from_string bad", lambda: r.features_from_string("nope"))

    show("create t", lambda: r.create(ioctx, P + "t", MiB, old_format=False,
                                      features=rbd.RBD_FEATURE_LAYERING))
    show("trash_move", lambda: r.trash_move(ioctx, P + "t", 0))
    entries = [e for e in r.trash_list(ioctx) if e["name"].startswith(P)]
    show("trash_list", lambda: [e["name"][len(P):] for e in entries])
    tid = entries[0]["id"] if entries else "none"
    show("trash_get", lambda: r.trash_get(ioctx, tid)["name"][len(P):])
    show("trash_restore", lambda: r.trash_restore(ioctx, tid, P + "t"))
    show("list after restore", lambda: ours(r.list(ioctx)))
    show("remove t", lambda: r.remove(ioctx, P + "t"))

    with rados.WriteOpCtx() as op:
        ioctx.set_omap(op, ("k1", "k2"), (b"v1", b"v2"))
        show("omap set", lambda: ioctx.operate_write_op(op, P + "obj"))
    with rados.ReadOpCtx() as op:
        it, ret = ioctx.get_omap_vals_by_keys(op, ("k2", "zz"))
        ioctx.operate_read_op(op, P + "obj")
        show("omap get", lambda: list(it))
    show("rados remove", lambda: ioctx.remove_object(P + "obj"))

    show("remove clone", lambda: r.remove(ioctx, P + "clone"))
    with rbd.Image(ioctx, P + "img") as img:
        show("unprotect_snap", lambda: img.unprotect_snap("s1"))
        show("remove_snap", lambda: img.remove_snap("s1"))
        show("list_snaps after remove", lambda: list(img.list_snaps()))
    show("remove", lambda: r.remove(ioctx, P + "img"))
    show("list after remove", lambda: ours(r.list(ioctx)))
    ioctx.close()
    cluster.shutdown()


if __name__ == "__main__":
    main()
