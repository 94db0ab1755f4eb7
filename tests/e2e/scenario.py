# SPDX-License-Identifier: LGPL-2.1-or-later
"""python3-rbd / python3-rados through whatever librbd and librados the
process loads (the end-to-end tests preload the shim over a vendor's).

    /usr/bin/python3 scenario.py [--newer] IMAGE

Uses the cluster named by CEPH_CONF, pool "rbd": rados object I/O; an
image written, read back and verified; a snapshot; the trash listed,
restored and purged. --newer also calls functions that Ceph 14.2 lacks
(only where the vendor lacks them: on a newer vendor they would really
run): an emulation must answer right, a stub with ENOSYS, and the program
goes on. Prints "ok: STEP" per step; on the first failure
"not ok: STEP: why" and exit status 1.
"""

import errno
import os
import sys
import traceback

MiB = 1 << 20


def step(name):
    """Run the decorated function now as step NAME; stop at a failure."""
    def run(fn):
        try:
            fn()
        except Exception as e:  # report any failure as the step's
            print("not ok: %s: %r" % (name, e))
            traceback.print_exc()
            sys.exit(1)
        print("ok: " + name)
        sys.stdout.flush()
        return fn
    return run


def main():
    args = sys.argv[1:]
    newer = args[:1] == ["--newer"]
    if newer:
        args = args[1:]
    if len(args) != 1 or not os.environ.get("CEPH_CONF"):
        sys.exit("usage: CEPH_CONF=... scenario.py [--newer] IMAGE")
    name = args[0]
    # Imported here: the import itself is what fails without the shim.
    import rados
    import rbd

    cluster = rados.Rados(conffile=os.environ["CEPH_CONF"],
                          name="client.admin")
    print("librados version %s, librbd version %s" %
          (cluster.version(), ".".join(map(str, rbd.RBD().version()))))
    s = {}

    @step("connect")
    def _():
        cluster.connect(timeout=30)
        s["io"] = cluster.open_ioctx("rbd")
    io = s["io"]
    r = rbd.RBD()

    @step("rados object write, read, stat, remove")
    def _():
        data = os.urandom(100000)
        obj = name + ".obj"
        io.write_full(obj, data)
        assert io.read(obj, len(data) + 10) == data
        assert io.stat(obj)[0] == len(data)
        io.remove_object(obj)

    blocks = {0: os.urandom(MiB), 5 * MiB: os.urandom(MiB)}

    @step("create image, write 2 MiB, read back, verify")
    def _():
        r.create(io, name, 8 * MiB, old_format=False,
                 features=rbd.RBD_FEATURE_LAYERING)
        assert name in r.list(io)
        with rbd.Image(io, name) as img:
            for off, data in blocks.items():
                assert img.write(data, off) == len(data)
            img.flush()
        with rbd.Image(io, name, read_only=True) as img:
            for off, data in blocks.items():
                assert img.read(off, len(data)) == data
            assert img.read(3 * MiB, 4096) == bytes(4096)

    @step("snapshot, overwrite head, read the snapshot")
    def _():
        with rbd.Image(io, name) as img:
            img.create_snap("s1")
            assert [x["name"] for x in img.list_snaps()] == ["s1"]
            img.write(b"\xa5" * 4096, 0)
        with rbd.Image(io, name, snapshot="s1", read_only=True) as snap:
            assert snap.read(0, MiB) == blocks[0]
        with rbd.Image(io, name) as img:
            assert img.read(0, 4096) == b"\xa5" * 4096
            img.remove_snap("s1")
            img.write(blocks[0][:4096], 0)

    if newer:
        @step("functions newer than the vendor, then I/O goes on")
        def _():
            with rbd.Image(io, name) as img:
                img.create_snap("s2")
                try:
                    # emulated: must be right both ways
                    assert img.snap_exists("s2") is True
                    assert img.snap_exists("nope") is False
                    print("newer: rbd_snap_exists: answered")
                except rbd.FunctionNotSupported:
                    print("newer: rbd_snap_exists: ENOSYS")
                img.remove_snap("s2")
                try:
                    img.encryption_load(rbd.RBD_ENCRYPTION_FORMAT_LUKS1, "pw")
                    raise AssertionError("rbd_encryption_load succeeded")
                except rbd.FunctionNotSupported as e:
                    assert e.errno == errno.ENOSYS, e
                    print("newer: rbd_encryption_load: ENOSYS")
                # Void functions (rados_set_pool_full_try and the unset):
                # their stubs do nothing.
                io.set_osdmap_full_try()
                io.unset_osdmap_full_try()
                print("newer: rados_set_pool_full_try: returned")
                # python3-rados makes every aio completion with
                # rados_aio_create_completion2.
                obj = name + ".aio"
                try:
                    c = io.aio_write_full(obj, b"aio data")
                    c.wait_for_complete()
                    assert c.get_return_value() == 0
                    assert io.read(obj) == b"aio data"
                    io.remove_object(obj)
                    print("newer: rados_aio_create_completion2: answered")
                except rados.Error as e:
                    assert getattr(e, "errno", None) == errno.ENOSYS, e
                    print("newer: rados_aio_create_completion2: ENOSYS")
                for off, data in blocks.items():
                    assert img.read(off, len(data)) == data

    @step("trash move, list, restore, verify")
    def _():
        r.trash_move(io, name, 0)
        assert name not in r.list(io)
        ids = [e["id"] for e in r.trash_list(io) if e["name"] == name]
        assert len(ids) == 1, list(r.trash_list(io))
        r.trash_restore(io, ids[0], name)
        assert name in r.list(io)
        assert not [e for e in r.trash_list(io) if e["name"] == name]
        with rbd.Image(io, name, read_only=True) as img:
            for off, data in blocks.items():
                assert img.read(off, len(data)) == data

    @step("trash move, purge")
    def _():
        import datetime
        r.trash_move(io, name, 0)
        # Purge everything whose deferment ended before a minute from now.
        later = datetime.datetime.now() + datetime.timedelta(minutes=1)
        r.trash_purge(io, later)
        assert not [e for e in r.trash_list(io) if e["name"] == name]
        assert name not in r.list(io)

    io.close()
    cluster.shutdown()
    print("scenario: all steps passed")


if __name__ == "__main__":
    main()
