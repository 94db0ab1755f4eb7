# shellcheck shell=bash
# 3. Real older Ceph as the vendor: Debian bullseye's 14.2.21 client
# libraries, in every mode. Functions 14.2.21 lacks are called on purpose
# (--newer): each must give its emulated or stub answer, with one warning
# line, and the program must go on.

# N_VERSION, N_PY_MISSING (python3-rbd's scenario) and N_C_MISSING (the C
# consumer's --newer step): setup.sh.

preload_py_n() {
    python_scenario py e2e-pre-py-n "$N_VERSION" "$N_LIB/librbd.so.1" \
        "$N_LIB/librados.so.2" "$N_PY_MISSING" --newer \
        LD_PRELOAD="$SHIM" LD_LIBRARY_PATH="$N_LIB:$N_LIB/ceph"
}

linktime_n() { # BINARY IMAGE LAST OPTS REQUIRED
    # shellcheck disable=SC2086 # OPTS is meant to split
    run_client run env LD_LIBRARY_PATH="$SHIM_LIB:$N_LIB:$N_LIB/ceph" "$1" $4 "$2"
    # shellcheck disable=SC2086
    verified run "$3" "$N_VERSION" "$N_LIB/librbd.so.1" "$N_LIB/librados.so.2" $5
}

dropin_qemu_n() {
    qemu_roundtrip e2e-drop-qemu-n "$DROPIN_N/vendor" "$N_LIB/librados.so.2" \
        LD_LIBRARY_PATH="$DROPIN_N/lib:$DROPIN_N/lib/ceph"
}

# qemu-img asked to open a LUKS image: qemu calls rbd_encryption_load,
# which 14.2.21 lacks. Its stub's -ENOSYS must reach the user as an
# error message and a clean exit, and qemu-img must work right after.
dropin_qemu_luks_n() {
    local env=(LD_LIBRARY_PATH="$DROPIN_N/lib:$DROPIN_N/lib/ceph"
        RBDCOMPAT_VENDOR_DIR="$DROPIN_N/vendor") rc=0
    rbd_cli create --size 4M rbd/e2e-drop-luks-n
    run_client luks env "${env[@]}" qemu-img info --object secret,id=sec0,data=pw \
        --image-opts "driver=rbd,pool=rbd,image=e2e-drop-luks-n,conf=$CEPH_CONF,encrypt.format=luks,encrypt.key-secret=sec0" ||
        rc=$?
    ((rc == 1)) # an error, not a crash (a signal gives 128+N)
    grep -q 'Function not implemented' luks.err
    shim_log luks.err "$DROPIN_N/vendor/librbd.so.1" "$N_LIB/librados.so.2" rbd_encryption_load
    grep -q '^rbdcompat: rbd_encryption_load is missing from .*; returns -ENOSYS$' luks.err
    run_client info env "${env[@]}" qemu-img info "rbd:rbd/e2e-drop-luks-n:conf=$CEPH_CONF"
    rbd_cli rm --no-progress rbd/e2e-drop-luks-n
    summary "rbd_encryption_load -> -ENOSYS, one warning; qemu-img: $(grep -o 'encryption load fail: Function not implemented' luks.err), exit 1; next qemu-img works"
}

dropin_c_n() {
    run_client run env LD_LIBRARY_PATH="$DROPIN_N/lib:$DROPIN_N/lib/ceph" \
        RBDCOMPAT_VENDOR_DIR="$DROPIN_N/vendor" "$E2E_BIN/consumer-sys" --newer e2e-drop-c-n
    # shellcheck disable=SC2086 # the list is meant to split
    verified run "consumer: all steps passed" "$N_VERSION" "$DROPIN_N/vendor/librbd.so.1" \
        "$N_LIB/librados.so.2" $N_C_MISSING
}

need_check "nautilus python" "LD_PRELOAD/14.2.21: python3-rbd + python3-rados I/O, newer functions" \
    preload_py_n
need_check "nautilus fio" "LD_PRELOAD/14.2.21: fio --ioengine=rbd" \
    fio_rbd e2e-pre-fio-n "$N_LIB/librbd.so.1" "$N_LIB/librados.so.2" \
    LD_PRELOAD="$SHIM" LD_LIBRARY_PATH="$N_LIB:$N_LIB/ceph"
need_check "nautilus consumer-pc" "link time/14.2.21: C consumer, newer functions" \
    linktime_n "$E2E_BIN/consumer-pc" e2e-lt-c-n "consumer: all steps passed" --newer "$N_C_MISSING"
need_check "nautilus goceph" "link time/14.2.21: go-ceph style program" \
    linktime_n "$E2E_BIN/goceph" e2e-lt-go-n "goceph: all steps passed" "" ""
need_check "nautilus qemu" "drop-in/14.2.21: qemu-img convert file -> rbd: -> file" dropin_qemu_n
need_check "nautilus qemu" "drop-in/14.2.21: qemu-img with LUKS (rbd_encryption_load missing)" \
    dropin_qemu_luks_n
need_check "nautilus consumer-sys" "drop-in/14.2.21: upstream C consumer, newer functions" dropin_c_n
