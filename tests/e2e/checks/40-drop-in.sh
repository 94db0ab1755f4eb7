# shellcheck shell=bash
# 2c. Drop-in over the SDS-like vendor: the shim is librbd.so.1 in the
# directory the process searches first, the vendor's librbd.so.1 is in the
# vendor directory, librados.so.2 stays the vendor's (here the system's).

dropin_qemu_sds() {
    qemu_roundtrip e2e-drop-qemu-sds "$DROPIN_SDS/vendor" "$SYS_RADOS" \
        LD_LIBRARY_PATH="$DROPIN_SDS/lib"
}

dropin_c_sds() {
    run_client run env LD_LIBRARY_PATH="$DROPIN_SDS/lib" \
        RBDCOMPAT_VENDOR_DIR="$DROPIN_SDS/vendor" "$E2E_BIN/consumer-sys" e2e-drop-c-sds
    verified run "consumer: all steps passed" "$SYS_RBD_VERSION" \
        "$DROPIN_SDS/vendor/librbd.so.1" "$SYS_RADOS" rbd_trash_list_cleanup
}

dropin_py_sds() {
    python_scenario py e2e-drop-py-sds "$SYS_RBD_VERSION" "$DROPIN_SDS/vendor/librbd.so.1" \
        "$SYS_RADOS" rbd_trash_list_cleanup "" \
        LD_LIBRARY_PATH="$DROPIN_SDS/lib" RBDCOMPAT_VENDOR_DIR="$DROPIN_SDS/vendor"
}

# Why no drop-in librados.so.2 is offered: with the shim also installed
# as librados.so.2 (the vendor's moved to the vendor directory), the
# vendor's librbd binds its librados dependency to the shim, which has
# none of the librados C++ interface librbd is built on, and cannot load.
dropin_rados_refused() {
    local d=$CW/both ncxx
    mkdir -p "$d/lib" "$d/vendor"
    ln -s "$SHIM" "$d/lib/librbd.so.1"
    ln -s "$SHIM" "$d/lib/librados.so.2"
    cp "$SDS_LIB/librbd.so.1" "$d/vendor/"
    cp "$(readlink -f "$SYS_RADOS")" "$d/vendor/librados.so.2"
    ncxx=$(nm -D --undefined-only "$d/vendor/librbd.so.1" | grep -c ' _Z[A-Z]*N8librados')
    echo "the vendor's librbd imports $ncxx C++ symbols of librados"
    ((ncxx > 0))
    rbd_cli create --size 4M rbd/e2e-drop-rados
    run_client qemu env LD_LIBRARY_PATH="$d/lib" RBDCOMPAT_VENDOR_DIR="$d/vendor" \
        qemu-img info "rbd:rbd/e2e-drop-rados:conf=$CEPH_CONF" && {
        echo "qemu-img opened the image: a drop-in librados.so.2 works now;"
        echo "update tests/e2e/README.md (the decision) and this check"
        return 1
    }
    grep -E "^rbdcompat: cannot load $d/vendor/librbd.so.1: .*undefined symbol: _Z[A-Z]*N8librados" qemu.err
    rbd_cli rm --no-progress rbd/e2e-drop-rados
    summary "vendor librbd imports $ncxx librados C++ symbols; with the shim as librados.so.2 it cannot load: drop-in replaces librbd.so.1 only"
}

need_check "sds qemu" "drop-in/SDS: qemu-img convert file -> rbd: -> file" dropin_qemu_sds
need_check "sds consumer-sys" "drop-in/SDS: upstream C consumer" dropin_c_sds
need_check "sds python" "drop-in/SDS: python3-rbd (librados stays the vendor's)" dropin_py_sds
need_check "sds qemu" "drop-in/SDS: the shim as librados.so.2 too breaks the vendor's librbd" \
    dropin_rados_refused
