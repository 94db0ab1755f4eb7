# shellcheck shell=bash
# 2b. LD_PRELOAD over the SDS-like vendor: the process loads the SDS
# librbd.so.1 itself (LD_LIBRARY_PATH) and the preloaded shim, which
# finds that library already loaded and forwards to it.

preload_py_sds() {
    python_scenario py "$1" "$SYS_RBD_VERSION" "$SDS_LIB/librbd.so.1" "$SYS_RADOS" \
        rbd_trash_list_cleanup "" LD_PRELOAD="$SHIM" LD_LIBRARY_PATH="$SDS_LIB"
}

need_check "sds python" "LD_PRELOAD/SDS: python3-rbd I/O, snapshot, trash list/restore/purge" \
    preload_py_sds e2e-pre-py-sds
need_check "sds fio" "LD_PRELOAD/SDS: fio --ioengine=rbd" \
    fio_rbd e2e-pre-fio-sds "$SDS_LIB/librbd.so.1" "$SYS_RADOS" \
    LD_PRELOAD="$SHIM" LD_LIBRARY_PATH="$SDS_LIB"
