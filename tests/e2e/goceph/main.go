// SPDX-License-Identifier: LGPL-2.1-or-later

// A librbd consumer written the way go-ceph's rbd package is: cgo with
// "-lrbd -lrados", <rbd/librbd.h>, C.RBD_FEATURE_JOURNALING and the trash
// list with its cleanup function. It builds only where those exist (our
// headers and the shim); against the SDS-like vendor it does not.
//
//	goceph IMAGE
//
// Uses the cluster named by CEPH_CONF, pool "rbd": creates IMAGE, writes,
// reads back, snapshots, resizes, moves it to the trash, restores it and
// removes it. Prints "ok: STEP" per step, "not ok: STEP: why" and exit
// status 1 on the first failure.
package main

/*
#cgo LDFLAGS: -lrbd -lrados
#include <errno.h>
#include <stdlib.h>
#include <rados/librados.h>
#include <rbd/librbd.h>
*/
import "C"

import (
	"bytes"
	"fmt"
	"os"
	"unsafe"
)

const mib = 1 << 20

func fail(step string, format string, args ...interface{}) {
	fmt.Printf("not ok: %s: %s\n", step, fmt.Sprintf(format, args...))
	os.Exit(1)
}

// check turns a negative errno return into a failure, as go-ceph's
// getError does into an error value.
func check(step string, what string, ret C.int) {
	if ret < 0 {
		fail(step, "%s returned %d (%s)", what, int(ret),
			C.GoString(C.strerror(-ret)))
	}
}

func ok(step string) { fmt.Printf("ok: %s\n", step) }

func pattern(off int64, gen byte) []byte {
	b := make([]byte, mib)
	for i := range b {
		b[i] = byte((off+int64(i))*7) ^ gen
	}
	return b
}

type image struct {
	h    C.rbd_image_t
	name string
}

func (img image) writeAt(step string, data []byte, off int64) {
	n := C.rbd_write(img.h, C.uint64_t(off), C.size_t(len(data)),
		(*C.char)(unsafe.Pointer(&data[0])))
	if int(n) != len(data) {
		fail(step, "rbd_write returned %d", int(n))
	}
	check(step, "rbd_flush", C.rbd_flush(img.h))
}

func (img image) readAt(step string, n int, off int64) []byte {
	buf := make([]byte, n)
	r := C.rbd_read(img.h, C.uint64_t(off), C.size_t(n),
		(*C.char)(unsafe.Pointer(&buf[0])))
	if int(r) != n {
		fail(step, "rbd_read returned %d", int(r))
	}
	return buf
}

func (img image) expect(step string, off int64, gen byte) {
	if !bytes.Equal(img.readAt(step, mib, off), pattern(off, gen)) {
		fail(step, "data at %d differs from generation %d", off, gen)
	}
}

func open(step string, ioctx C.rados_ioctx_t, name string, snap *C.char) image {
	cname := C.CString(name)
	defer C.free(unsafe.Pointer(cname))
	var h C.rbd_image_t
	check(step, "rbd_open", C.rbd_open(ioctx, cname, &h, snap))
	return image{h, name}
}

// trashID lists the trash and returns the id of the entry called name.
func trashID(ioctx C.rados_ioctx_t, name string) (string, bool) {
	size := C.size_t(16)
	entries := make([]C.rbd_trash_image_info_t, size)
	r := C.rbd_trash_list(ioctx, &entries[0], &size)
	check("trash list", "rbd_trash_list", r)
	defer C.rbd_trash_list_cleanup(&entries[0], C.size_t(r))
	for _, e := range entries[:int(r)] {
		if C.GoString(e.name) == name {
			return C.GoString(e.id), true
		}
	}
	return "", false
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: goceph IMAGE")
		os.Exit(2)
	}
	name := os.Args[1]
	conf := os.Getenv("CEPH_CONF")
	if conf == "" {
		fmt.Fprintln(os.Stderr, "goceph: CEPH_CONF must name the cluster's config")
		os.Exit(2)
	}
	var major, minor, extra C.int
	C.rbd_version(&major, &minor, &extra)
	fmt.Printf("librbd version %d.%d.%d\n", major, minor, extra)

	// Connection: go-ceph's NewConnWithClusterAndUser, ReadConfigFile, Connect.
	var cluster C.rados_t
	cc, cu, cf := C.CString("ceph"), C.CString("client.admin"), C.CString(conf)
	check("connect", "rados_create2", C.rados_create2(&cluster, cc, cu, 0))
	check("connect", "rados_conf_read_file", C.rados_conf_read_file(cluster, cf))
	check("connect", "rados_connect", C.rados_connect(cluster))
	cpool := C.CString("rbd")
	var ioctx C.rados_ioctx_t
	check("connect", "rados_ioctx_create", C.rados_ioctx_create(cluster, cpool, &ioctx))
	ok("connect")

	// CreateImage: rbd_create4 with an options object.
	var opts C.rbd_image_options_t
	C.rbd_image_options_create(&opts)
	check("create", "set features", C.rbd_image_options_set_uint64(opts,
		C.RBD_IMAGE_OPTION_FEATURES, C.RBD_FEATURE_LAYERING))
	cname := C.CString(name)
	check("create", "rbd_create4", C.rbd_create4(ioctx, cname, 4*mib, opts))
	C.rbd_image_options_destroy(opts)
	ok("create 4 MiB image")

	img := open("open", ioctx, name, nil)
	var features C.uint64_t
	check("features", "rbd_get_features", C.rbd_get_features(img.h, &features))
	if features&C.RBD_FEATURE_JOURNALING != 0 || features&C.RBD_FEATURE_LAYERING == 0 {
		fail("features", "features are %#x", uint64(features))
	}
	ok("features (C.RBD_FEATURE_JOURNALING off)")

	img.writeAt("write", pattern(0, 1), 0)
	img.writeAt("write", pattern(2*mib, 1), 2*mib)
	img.expect("read back", 0, 1)
	img.expect("read back", 2*mib, 1)
	ok("write 2 MiB, read back")

	csnap := C.CString("snap1")
	check("snapshot", "rbd_snap_create", C.rbd_snap_create(img.h, csnap))
	snaps := make([]C.rbd_snap_info_t, 8)
	max := C.int(len(snaps))
	n := C.rbd_snap_list(img.h, &snaps[0], &max)
	if n != 1 || C.GoString(snaps[0].name) != "snap1" {
		fail("snapshot", "rbd_snap_list returned %d", int(n))
	}
	C.rbd_snap_list_end(&snaps[0])
	img.writeAt("snapshot", pattern(0, 2), 0)
	snap := open("snapshot", ioctx, name, csnap)
	snap.expect("snapshot", 0, 1)
	check("snapshot", "rbd_close", C.rbd_close(snap.h))
	ok("snapshot keeps the old data")

	check("resize", "rbd_resize", C.rbd_resize(img.h, 8*mib))
	var size C.uint64_t
	check("resize", "rbd_get_size", C.rbd_get_size(img.h, &size))
	if size != 8*mib {
		fail("resize", "size %d", uint64(size))
	}
	img.writeAt("resize", pattern(7*mib, 3), 7*mib)
	ok("resize to 8 MiB")
	check("close", "rbd_close", C.rbd_close(img.h))

	check("trash", "rbd_trash_move", C.rbd_trash_move(ioctx, cname, 0))
	id, found := trashID(ioctx, name)
	if !found {
		fail("trash", "image not listed in the trash")
	}
	ok("trash move, list (rbd_trash_list_cleanup)")
	cid := C.CString(id)
	check("trash", "rbd_trash_restore", C.rbd_trash_restore(ioctx, cid, cname))
	if _, found = trashID(ioctx, name); found {
		fail("trash", "image still in the trash after restore")
	}
	img = open("restore", ioctx, name, nil)
	img.expect("restore", 0, 2)
	img.expect("restore", 2*mib, 1)
	img.expect("restore", 7*mib, 3)
	ok("trash restore, data intact")

	check("remove", "rbd_snap_remove", C.rbd_snap_remove(img.h, csnap))
	check("remove", "rbd_close", C.rbd_close(img.h))
	check("remove", "rbd_remove", C.rbd_remove(ioctx, cname))
	ok("remove")

	C.rados_ioctx_destroy(ioctx)
	C.rados_shutdown(cluster)
	for _, p := range []*C.char{cc, cu, cf, cpool, cname, csnap, cid} {
		C.free(unsafe.Pointer(p))
	}
	fmt.Println("goceph: all steps passed")
}
