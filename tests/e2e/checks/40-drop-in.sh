# shellcheck shell=bash
# 2c. The older librbd-only drop-in over the SDS-like vendor: the shim is
# librbd.so.1 in the directory the process searches first, the vendor's
# librbd.so.1 is in the vendor directory, librados.so.2 stays the vendor's
# (here the system's). The drop-in through the glue libraries, for both
# sonames, the vendor's CLIs and python3-rados alone, is tests/dropin/.

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

need_check "sds qemu" "drop-in/SDS: qemu-img convert file -> rbd: -> file" dropin_qemu_sds
need_check "sds consumer-sys" "drop-in/SDS: upstream C consumer" dropin_c_sds
need_check "sds python" "drop-in/SDS: python3-rbd (librados stays the vendor's)" dropin_py_sds
