# shellcheck shell=bash
# 1. Without the shim: the failures librbdcompat exists to remove. Each
# check passes only if the consumer fails, and fails in the expected way.

# A C consumer against the SDS headers: the constant is not there.
c_sds_headers() {
    # gcc's words, then clang's.
    expect_fail_with "RBD_FEATURE_JOURNALING.? undeclared|undeclared identifier .RBD_FEATURE_JOURNALING" \
        "${CC:-cc}" -std=gnu11 -I"$SDS_INC" -c -o consumer.o "$E2E_SRC/consumer.c"
}

# Against the system's headers it compiles; the SDS library lacks a symbol.
c_sds_library() {
    expect_fail_with "undefined reference to .rbd_trash_list_cleanup" \
        "${CC:-cc}" -std=gnu11 -o consumer "$E2E_SRC/consumer.c" -L"$SDS_LIB" -lrbd -lrados
}

# go_fail PATTERN: `go build` of the go-ceph style program in the check's
# directory must fail, with PATTERN (CGO_* come from the caller).
go_fail() {
    mkdir -p src
    cp "$E2E_SRC/goceph/main.go" src/
    cd src || return 1
    expect_fail_with "$1" go build -o "$CW/goceph" .
}

# go-ceph style, against the SDS headers and library.
go_sds() {
    CGO_CFLAGS="-I$SDS_INC" CGO_LDFLAGS="-L$SDS_LIB" \
        go_fail "could not determine kind of name for C.RBD_FEATURE_JOURNALING"
}

# ... and with the system's headers: the link fails.
go_sds_library() {
    CGO_LDFLAGS="-L$SDS_LIB" go_fail "undefined reference to .rbd_trash_list_cleanup"
}

# python3-rbd / python3-rados: the import itself fails.
py_import() { # LD_LIBRARY_PATH MODULE PATTERN
    LD_LIBRARY_PATH=$1 expect_fail_with "$3" "$SYS_PY" -c "import $2"
}

# qemu-img cannot load its rbd module over 14.2.21.
qemu_n() {
    rbd_cli create --size 4M rbd/e2e-noshim-qemu
    LD_LIBRARY_PATH=$N_LIB:$N_LIB/ceph \
        expect_fail_with "undefined symbol: rbd_encryption_(format|load)" \
        qemu-img info "rbd:rbd/e2e-noshim-qemu:conf=$CEPH_CONF"
    rbd_cli rm --no-progress rbd/e2e-noshim-qemu
}

need_check "sds cc" "without shim: C consumer vs SDS headers does not compile" c_sds_headers
need_check "sds cc" "without shim: C consumer vs SDS library does not link" c_sds_library
need_check "sds go" "without shim: go-ceph style program vs SDS headers does not build" go_sds
need_check "sds go" "without shim: go-ceph style program vs SDS library does not link" go_sds_library
need_check "sds python" "without shim: python3-rbd on the SDS library does not import" \
    py_import "$SDS_LIB" rbd "undefined symbol: rbd_trash_list_cleanup"
need_check "nautilus python" "without shim: python3-rbd on 14.2.21 does not import" \
    py_import "$N_LIB:$N_LIB/ceph" rbd "undefined symbol: rbd_[a-z0-9_]+"
need_check "nautilus python" "without shim: python3-rados on 14.2.21 does not import" \
    py_import "$N_LIB:$N_LIB/ceph" rados "undefined symbol: rados_[a-z0-9_]+"
need_check "nautilus qemu" "without shim: qemu-img cannot open an rbd: image on 14.2.21" qemu_n
