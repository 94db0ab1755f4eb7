# shellcheck shell=bash disable=SC2034 # its globals are for the checks
# Sourced by run.sh: installs the shim from the build directory into a
# private tree and lays out the vendor sets and drop-in trees the checks
# use. Whatever is not available (Go, qemu, fio, the Debian archive for
# 14.2.21) is recorded in E2E_MISSING[name]=why, and the checks that need
# it are skipped with that reason.
#
# Sets (paths canonical, as the loader reports them):
#   E2E_DEST        the `meson install --destdir` tree
#   SHIM            .../librbdcompat.so.1 in it; SHIM_LIB its directory
#   SDS_LIB SDS_INC the SDS-like vendor (Pacific librbd without
#                   rbd_trash_list_cleanup, headers without
#                   RBD_FEATURE_JOURNALING); librados is the system's
#   N_LIB           Ceph 14.2.21's client libraries (use $N_LIB:$N_LIB/ceph)
#   DROPIN_SDS DROPIN_N   drop-in installs over each vendor: lib/ holds the
#                   shim as librbd.so.1 (and, for 14.2.21, the rest of the
#                   vendor's directory), vendor/ the vendor's librbd.so.1
#   SYS_RADOS SYS_RBD_VERSION   the system's librados, librbd's version
#   E2E_BIN         where the consumers are built
#   N_VERSION N_PY_MISSING N_C_MISSING   14.2.21's librbd version, and what
#                   the python3-rbd scenario and the C consumer's --newer
#                   step call that 14.2.21 lacks (each one warning line)

declare -A E2E_MISSING=()

N_VERSION=1.12.0 # librbd's version in Ceph 14.2
# function-list: the warnings the nautilus checks expect, not a copy of the table
N_PY_MISSING="rbd_snap_create2 rbd_snap_exists rbd_encryption_load
 rados_set_pool_full_try rados_unset_pool_full_try rados_aio_create_completion2"
N_C_MISSING="rbd_snap_exists rbd_encryption_load"

SYS_LIBDIR=/usr/lib/x86_64-linux-gnu
SYS_PY=/usr/bin/python3
QEMU_RBD_MODULE=$SYS_LIBDIR/qemu/block-rbd.so

# The shim, as `meson install` lays it out, under E2E_DEST.
install_shim() {
    local pc
    E2E_DEST=$E2E_WORK/dest
    # --no-rebuild: this runner builds nothing of the project's own.
    if ! meson install -C "$BUILD" --destdir "$E2E_DEST" --no-rebuild --quiet \
        >"$E2E_WORK/install.log" 2>&1; then
        sed 's/^/    | /' "$E2E_WORK/install.log" | tail -n 20
        return 1
    fi
    SHIM=$(find "$E2E_DEST" -name librbdcompat.so.1 | head -n 1)
    pc=$(find "$E2E_DEST" -name librbdcompat.pc | head -n 1)
    [[ -n $SHIM && -n $pc ]] || {
        echo "    | no librbdcompat.so.1 or librbdcompat.pc in $E2E_DEST"
        return 1
    }
    SHIM_LIB=$(cd "$(dirname "$SHIM")" && pwd -P)
    SHIM=$SHIM_LIB/librbdcompat.so.1
    # pkg-config sees only our .pc, with its paths moved into the tree.
    export PKG_CONFIG_LIBDIR=${pc%/*}
    export PKG_CONFIG_SYSROOT_DIR=$E2E_DEST
    unset PKG_CONFIG_PATH
}

# The vendor sets, cached across runs in E2E_CACHE.
vendor_sets() {
    local out rc=0
    out=$(t "$CLUSTER_TOOLS/vendor-libs.sh" sds "$E2E_CACHE" 2>"$E2E_WORK/sds.log") || rc=$?
    if ((rc == 0)); then
        SDS_LIB=$(cd "$out/lib" && pwd -P)
        SDS_INC=$out/include
    else
        E2E_MISSING[sds]="no SDS-like vendor set: ${out:-vendor-libs.sh sds failed ($rc)}"
        tail -n 5 "$E2E_WORK/sds.log" | sed 's/^/    | /'
    fi
    rc=0
    out=$(t "$CLUSTER_TOOLS/vendor-libs.sh" fetch "$E2E_CACHE" 2>"$E2E_WORK/fetch.log") || rc=$?
    if ((rc == 0)); then
        N_LIB=$(cd "$out" && pwd -P)
    else
        E2E_MISSING[nautilus]="no Ceph 14.2.21 libraries: ${out:-vendor-libs.sh fetch failed ($rc)}"
        tail -n 5 "$E2E_WORK/fetch.log" | sed 's/^/    | /'
    fi
    SYS_RADOS=$SYS_LIBDIR/librados.so.2
    SYS_RBD_VERSION=$(readlink -f "$SYS_LIBDIR/librbd.so.1")
    SYS_RBD_VERSION=${SYS_RBD_VERSION##*.so.}
}

# A drop-in install over a vendor: DIR/lib is what the process searches
# first (LD_LIBRARY_PATH); librbd.so.1 there is the shim. The vendor's
# librbd.so.1 is moved to DIR/vendor (RBDCOMPAT_VENDOR_DIR). The rest of
# the vendor's directory, if given, stays in DIR/lib (as links).
make_dropin() {
    local dir=$1 vendor_librbd=$2 vendor_dir=${3:-} f
    mkdir -p "$dir/lib" "$dir/vendor"
    if [[ -n $vendor_dir ]]; then
        for f in "$vendor_dir"/*; do
            case ${f##*/} in
            librbd.so*) ;;
            *) ln -s "$f" "$dir/lib/${f##*/}" ;;
            esac
        done
    fi
    ln -s "$SHIM" "$dir/lib/librbd.so.1"
    cp "$(readlink -f "$vendor_librbd")" "$dir/vendor/librbd.so.1"
}

dropin_trees() {
    DROPIN_SDS=$E2E_WORK/dropin-sds
    DROPIN_N=$E2E_WORK/dropin-14.2.21
    [[ -n ${E2E_MISSING[sds]:-} ]] || make_dropin "$DROPIN_SDS" "$SDS_LIB/librbd.so.1"
    [[ -n ${E2E_MISSING[nautilus]:-} ]] || make_dropin "$DROPIN_N" "$N_LIB/librbd.so.1" "$N_LIB"
}

# The consumers' tools.
tools() {
    command -v "${CC:-cc}" >/dev/null || E2E_MISSING[cc]="no C compiler (${CC:-cc})"
    command -v pkg-config >/dev/null || E2E_MISSING[cc]="no pkg-config"
    command -v go >/dev/null || E2E_MISSING[go]="Go is not installed (golang-go)"
    command -v fio >/dev/null || E2E_MISSING[fio]="fio is not installed"
    if ! command -v qemu-img >/dev/null; then
        E2E_MISSING[qemu]="qemu-img is not installed (qemu-utils)"
    elif [[ ! -e $QEMU_RBD_MODULE ]]; then
        E2E_MISSING[qemu]="$QEMU_RBD_MODULE is not installed (qemu-block-extra)"
    fi
    "$SYS_PY" -c 'import rbd, rados' 2>/dev/null ||
        E2E_MISSING[python]="$SYS_PY cannot import rbd and rados (python3-rbd, python3-rados)"
    E2E_BIN=$E2E_WORK/bin
    mkdir -p "$E2E_BIN"
    # Go: private caches, no modules, no network, no toolchain download.
    export GO111MODULE=off GOPATH=$E2E_WORK/go/path GOCACHE=$E2E_WORK/go/cache
    export GOTMPDIR=$E2E_WORK/go/tmp GOPROXY=off GOFLAGS='' GOTOOLCHAIN=local CGO_ENABLED=1
    mkdir -p "$GOTMPDIR"
}

setup() {
    install_shim || return 1
    vendor_sets
    dropin_trees
    tools
}

# need_check "NEEDS" DESC FUNC [ARGS...]: check DESC, or skip it when one
# of NEEDS (names in E2E_MISSING) is not available.
need_check() {
    local needs=$1 desc=$2 n
    shift 2
    for n in $needs; do
        if [[ -n ${E2E_MISSING[$n]:-} ]]; then
            skip "$desc: ${E2E_MISSING[$n]}"
            return 0
        fi
    done
    check "$desc" "$@"
}

# built NAME FILE WHAT: after the check that builds FILE, record NAME as
# missing if it did not (the checks that run it are then skipped).
built() {
    [[ -x $2 ]] || E2E_MISSING[$1]="$3 did not build (see above)"
}
