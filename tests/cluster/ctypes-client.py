#!/usr/bin/python3
"""Minimal ctypes client of whatever librados.so.2 / librbd.so.1 the dynamic
linker finds (i.e. what LD_LIBRARY_PATH selects), used to check vendor
library sets against the test cluster.

    ctypes-client.py [--expect-ceph VER] [--expect-rados VER] [--expect-rbd VER]
                     [--connect] [--rbd-io] [--expect-missing SYM ...]

Versions: rados_version() is the librados *API* version (3.0.0 for both
Nautilus 14.2 and Pacific 16.2); the Ceph release of the loaded client stack
comes from ceph_version_to_str() (C++ symbol _Z19ceph_version_to_strv of
libceph-common, which librados loads), e.g. "14.2.21".

--connect   rados_create, rados_conf_read_file($CEPH_CONF), rados_connect,
            rados_pool_list (must contain "rbd")
--rbd-io    additionally: creates and opens an image, writes, reads back and
            closes it, moves it to the trash, lists and restores it, and
            removes it (the trash list cleanup only if the library has it)
--expect-missing SYM   librbd must not export SYM (dlsym fails)

Prints PASS/FAIL lines; exit status 0 only if all checks passed.
CEPH_CONF must name the cluster's config (never connect without one: a
client without a config does DNS SRV lookups).
"""

import argparse
import ctypes
import os
import sys

failed = 0


def report(ok, what):
    global failed
    print("%s: %s" % ("PASS" if ok else "FAIL", what))
    if not ok:
        failed += 1
    return ok


def loaded_path(soname):
    with open("/proc/self/maps") as f:
        for line in f:
            if line.rstrip().endswith("/" + soname) or ("/" + soname) in line:
                return os.path.realpath(line.split()[-1])
    return "?"


def version(fn):
    a, b, c = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
    fn(ctypes.byref(a), ctypes.byref(b), ctypes.byref(c))
    return "%d.%d.%d" % (a.value, b.value, c.value)


def check(rc, what):
    if rc < 0:
        raise RuntimeError("%s failed: %s" % (what, os.strerror(-rc)))
    return rc


class TrashInfo(ctypes.Structure):
    _fields_ = [("id", ctypes.c_char_p), ("name", ctypes.c_char_p),
                ("source", ctypes.c_int), ("deletion_time", ctypes.c_long),
                ("deferment_end_time", ctypes.c_long)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--expect-ceph")
    ap.add_argument("--expect-rados")
    ap.add_argument("--expect-rbd")
    ap.add_argument("--connect", action="store_true")
    ap.add_argument("--rbd-io", action="store_true")
    ap.add_argument("--expect-missing", action="append", default=[])
    args = ap.parse_args()

    rados = ctypes.CDLL("librados.so.2")
    rv = version(rados.rados_version)
    print("librados API %s from %s" % (rv, loaded_path("librados.so.2")))
    try:
        # dlsym on the librados handle also searches its dependencies.
        fn = rados._Z19ceph_version_to_strv
        fn.restype = ctypes.c_char_p
        cv = fn().decode()
    except AttributeError:
        cv = "?"
    print("ceph client release %s (libceph-common from %s)"
          % (cv, loaded_path("libceph-common.so")))
    if args.expect_ceph:
        report(cv == args.expect_ceph, "ceph client release %s == %s" % (cv, args.expect_ceph))
    if args.expect_rados:
        report(rv == args.expect_rados, "librados version %s == %s" % (rv, args.expect_rados))

    rbd = None
    if args.expect_rbd or args.rbd_io or args.expect_missing:
        rbd = ctypes.CDLL("librbd.so.1")
        bv = version(rbd.rbd_version)
        print("librbd %s from %s" % (bv, loaded_path("librbd.so.1")))
        if args.expect_rbd:
            report(bv == args.expect_rbd, "librbd version %s == %s" % (bv, args.expect_rbd))
        for sym in args.expect_missing:
            report(not hasattr(rbd, sym), "librbd does not export %s (dlsym fails)" % sym)

    if not (args.connect or args.rbd_io):
        return

    conf = os.environ.get("CEPH_CONF")
    if not conf:
        report(False, "CEPH_CONF is not set: refusing to connect")
        return
    cluster = ctypes.c_void_p()
    try:
        check(rados.rados_create(ctypes.byref(cluster), b"admin"), "rados_create")
        check(rados.rados_conf_read_file(cluster, conf.encode()), "rados_conf_read_file")
        check(rados.rados_conf_set(cluster, b"client_mount_timeout", b"30"), "rados_conf_set")
        check(rados.rados_connect(cluster), "rados_connect")
        buf = ctypes.create_string_buffer(4096)
        n = check(rados.rados_pool_list(cluster, buf, len(buf)), "rados_pool_list")
        pools = [p.decode() for p in buf.raw[:n].split(b"\0") if p]
        report("rbd" in pools, "connected to %s, pools %s" % (conf, pools))
    except RuntimeError as e:
        report(False, str(e))
        return

    if args.rbd_io:
        try:
            rbd_io(rados, rbd, cluster)
        except RuntimeError as e:
            report(False, str(e))
    rados.rados_shutdown(cluster)


def rbd_io(rados, rbd, cluster):
    io = ctypes.c_void_p()
    check(rados.rados_ioctx_create(cluster, b"rbd", ctypes.byref(io)), "rados_ioctx_create")
    name = b"ctypes-%d" % os.getpid()
    order = ctypes.c_int(0)
    check(rbd.rbd_create(io, name, ctypes.c_uint64(8 << 20), ctypes.byref(order)), "rbd_create")
    img = ctypes.c_void_p()
    check(rbd.rbd_open(io, name, ctypes.byref(img), None), "rbd_open")
    rbd.rbd_write.restype = ctypes.c_ssize_t
    rbd.rbd_read.restype = ctypes.c_ssize_t
    data = bytes(range(256)) * 256
    n = rbd.rbd_write(img, ctypes.c_uint64(1 << 20), ctypes.c_size_t(len(data)), data)
    check(n, "rbd_write")
    out = ctypes.create_string_buffer(len(data))
    n = rbd.rbd_read(img, ctypes.c_uint64(1 << 20), ctypes.c_size_t(len(data)), out)
    check(n, "rbd_read")
    check(rbd.rbd_close(img), "rbd_close")
    report(out.raw == data, "librbd write/read back of %d bytes" % len(data))

    check(rbd.rbd_trash_move(io, name, ctypes.c_uint64(0)), "rbd_trash_move")
    entries = (TrashInfo * 16)()
    num = ctypes.c_size_t(16)
    n = check(rbd.rbd_trash_list(io, entries, ctypes.byref(num)), "rbd_trash_list")
    found = [entries[i] for i in range(num.value) if entries[i].name == name]
    report(len(found) == 1, "rbd_trash_move + rbd_trash_list (%d entries)" % num.value)
    image_id = found[0].id if found else b""
    if hasattr(rbd, "rbd_trash_list_cleanup"):
        rbd.rbd_trash_list_cleanup(entries, num)
    else:
        print("note: rbd_trash_list_cleanup missing; trash list entries leaked")
    if image_id:
        check(rbd.rbd_trash_restore(io, image_id, name), "rbd_trash_restore")
    check(rbd.rbd_remove(io, name), "rbd_remove")
    report(True, "rbd_trash_restore + rbd_remove")
    rados.rados_ioctx_destroy(io)


if __name__ == "__main__":
    main()
    print("ctypes-client: %s" % ("FAILED" if failed else "ok"))
    sys.exit(1 if failed else 0)
