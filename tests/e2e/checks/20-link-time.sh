# shellcheck shell=bash
# 2a. Link time: consumers built with nothing but `pkg-config librbdcompat`
# (our headers, -lrbd -lrados finding the shim) run over the SDS-like
# vendor, which the shim finds by soname through LD_LIBRARY_PATH. The
# 14.2.21 runs of the same binaries are in 50-nautilus.sh.

# pkg-config points into the installed tree, at our headers and the links.
pc_flags() {
    local cflags libs inc libdir
    read -ra cflags <<<"$(pkg-config --cflags librbdcompat)"
    read -ra libs <<<"$(pkg-config --libs librbdcompat)"
    echo "cflags: ${cflags[*]}"
    echo "libs:   ${libs[*]}"
    ((${#cflags[@]} == 1 && ${#libs[@]} == 3))
    inc=${cflags[0]#-I}
    libdir=${libs[0]#-L}
    [[ $inc == "$E2E_DEST"/* && -f $inc/rbd/librbd.h && -f $inc/rados/librados.h ]]
    grep -Eq '#define RBD_FEATURE_JOURNALING\b' "$inc/rbd/features.h"
    [[ $libdir == "$E2E_DEST"/* && ${libs[1]} == -lrbd && ${libs[2]} == -lrados ]]
    [[ $(readlink -f "$libdir/librbd.so") == "$(readlink -f "$SHIM")" ]]
    [[ $(readlink -f "$libdir/librados.so") == "$(readlink -f "$SHIM")" ]]
    summary "${cflags[*]//"$E2E_DEST"/\$DESTDIR} ${libs[*]//"$E2E_DEST"/\$DESTDIR}"
}

# The binary must need the shim, not the vendor's libraries.
needs_shim_only() {
    local needed
    needed=$(needed_libs "$1" | paste -sd' ' -)
    echo "NEEDED: $needed"
    [[ " $needed " == *" librbdcompat.so.1 "* ]]
    [[ " $needed " != *" librbd.so.1 "* && " $needed " != *" librados.so.2 "* ]]
}

c_build_pc() {
    # shellcheck disable=SC2046 # pkg-config output is meant to split
    t "${CC:-cc}" -std=c11 -Wall -Wextra -Werror $(pkg-config --cflags librbdcompat) \
        -o "$E2E_BIN/consumer-pc" "$E2E_SRC/consumer.c" $(pkg-config --libs librbdcompat)
    needs_shim_only "$E2E_BIN/consumer-pc"
    summary "cc \$(pkg-config --cflags --libs librbdcompat); NEEDED librbdcompat.so.1"
}

go_build_pc() {
    mkdir -p src
    cp "$E2E_SRC/goceph/main.go" src/
    (
        cd src || exit 1
        CGO_CFLAGS=$(pkg-config --cflags librbdcompat)
        CGO_LDFLAGS=$(pkg-config --libs librbdcompat)
        export CGO_CFLAGS CGO_LDFLAGS
        t go build -o "$E2E_BIN/goceph" .
    )
    needs_shim_only "$E2E_BIN/goceph"
    summary "go build, CGO_CFLAGS/CGO_LDFLAGS from pkg-config; NEEDED librbdcompat.so.1"
}

# An upstream consumer, built the ordinary way against the system's
# (Pacific) headers and libraries: what a drop-in install serves.
c_build_sys() {
    t "${CC:-cc}" -std=c11 -Wall -Wextra -Werror -o "$E2E_BIN/consumer-sys" \
        "$E2E_SRC/consumer.c" -lrbd -lrados
    needed_libs "$E2E_BIN/consumer-sys" | grep -qx librbd.so.1
    summary "cc -lrbd -lrados against /usr/include (for the drop-in checks)"
}

# linktime_sds BINARY IMAGE LAST: BINARY over the SDS vendor, found by
# soname; LAST is the line it ends with when every step passed.
linktime_sds() {
    run_client run env LD_LIBRARY_PATH="$SHIM_LIB:$SDS_LIB" "$1" "$2"
    verified run "$3" "$SYS_RBD_VERSION" \
        "$SDS_LIB/librbd.so.1" "$SYS_RADOS" rbd_trash_list_cleanup
}

need_check "cc" "link time: pkg-config librbdcompat" pc_flags
need_check "cc" "link time: C consumer builds with pkg-config" c_build_pc
built consumer-pc "$E2E_BIN/consumer-pc" "the pkg-config C consumer"
need_check "go" "link time: go-ceph style program builds with pkg-config" go_build_pc
built goceph "$E2E_BIN/goceph" "the go-ceph style program"
need_check "cc" "build an upstream C consumer against the system's Ceph" c_build_sys
built consumer-sys "$E2E_BIN/consumer-sys" "the upstream C consumer"

need_check "sds consumer-pc" "link time/SDS: C consumer" \
    linktime_sds "$E2E_BIN/consumer-pc" e2e-lt-c-sds "consumer: all steps passed"
need_check "sds goceph" "link time/SDS: go-ceph style program" \
    linktime_sds "$E2E_BIN/goceph" e2e-lt-go-sds "goceph: all steps passed"
