#!/usr/bin/env bash
# Vendor client-library sets for librbdcompat's compatibility tests.
#
#   vendor-libs.sh fetch CACHE_DIR
#       Debian bullseye's Ceph 14.2.21 (Nautilus) client libraries: librbd1,
#       librados2, librbd-dev, librados-dev and libssl1.1, downloaded with a
#       private apt state (the system's apt lists/cache are not touched) and
#       unpacked with `dpkg -x` into CACHE_DIR/nautilus/root (nothing is
#       installed).  No-op (offline) when already cached.  Prints the
#       directory holding librbd.so.1, librados.so.2 and libssl.so.1.1; use
#         LD_LIBRARY_PATH=DIR:DIR/ceph        (DIR/ceph has libceph-common.so.0)
#       and -I CACHE_DIR/nautilus/root/usr/include to build against it.
#       Exit 77 with "SKIP: ..." if the Debian archive cannot be reached.
#
#   vendor-libs.sh sds CACHE_DIR
#       The "SDS-like" simulated vendor set in CACHE_DIR/sds: lib/librbd.so.1
#       is Debian's Pacific librbd with the dynamic symbol
#       rbd_trash_list_cleanup renamed (rbd_trash_list_cleanuX, see
#       rename-dynsym.py) so that it is not exported; include/{rbd,rados} are
#       Debian's headers without the RBD_FEATURE_JOURNALING define.
#       Use LD_LIBRARY_PATH=CACHE_DIR/sds/lib (librados is the system's).
#       Prints CACHE_DIR/sds.  No-op when already built from the same librbd.
#
#   vendor-libs.sh check CACHE_DIR
#       Verifies both sets (fetching/building them if needed): library
#       versions, the missing symbol (nm -D, dlsym, python3-rbd import error);
#       with CEPH_CONF set (e.g. under with-cluster.sh) also connects with
#       librados 14.2.21 and does librbd I/O through the SDS librbd.
#
# Exit status: 0 ok, 1 failure, 2 usage, 77 skipped.

set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
PROG=${0##*/}
SYS_PY=/usr/bin/python3
ARCH_TRIPLET=x86_64-linux-gnu
NAUTILUS_PKGS=(librbd1 librados2 librbd-dev librados-dev libssl1.1)
NAUTILUS_VERSION=14.2.21
SYS_LIBRBD=/usr/lib/$ARCH_TRIPLET/librbd.so.1
MISSING_SYM=rbd_trash_list_cleanup
RENAMED_SYM=rbd_trash_list_cleanuX

log() { printf '%s: %s\n' "$PROG" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }

usage() {
    echo "usage: $PROG {fetch|sds|check} CACHE_DIR" >&2
    exit 2
}

# ---------------------------------------------------------------- fetch

nautilus_libdir() { echo "$CACHE/nautilus/root/usr/lib/$ARCH_TRIPLET"; }

do_fetch() {
    local n=$CACHE/nautilus pkg ver
    # The download itself (private apt state, cached, 77 when offline).
    "$HERE/debian-fetch.sh" bullseye "$n" "${NAUTILUS_PKGS[@]}" >/dev/null
    while IFS='=' read -r pkg ver; do
        case $pkg in
        librbd1 | librados2 | librbd-dev | librados-dev)
            [[ $ver == "$NAUTILUS_VERSION"-* ]] ||
                die "$pkg in bullseye is $ver, expected $NAUTILUS_VERSION-*" ;;
        esac
    done < <(tail -n +2 "$n/.complete")
    local lib
    lib=$(nautilus_libdir)
    [[ -e $lib/librbd.so.1 && -e $lib/librados.so.2 && -e $lib/libssl.so.1.1 &&
        -e $lib/ceph/libceph-common.so.0 ]] ||
        die "unpacked packages lack the expected libraries"
    echo "$lib"
}

# ---------------------------------------------------------------- sds

sds_complete() {
    local stamp=$1
    [[ -f $CACHE/sds/.complete && $(cat "$CACHE/sds/.complete") == "$stamp" &&
        -e $CACHE/sds/lib/librbd.so.1 && -d $CACHE/sds/include/rbd ]]
}

do_sds() {
    local s=$CACHE/sds stamp
    [[ -r $SYS_LIBRBD ]] || skip "$SYS_LIBRBD not installed (Debian's librbd1)"
    [[ -d /usr/include/rbd && -d /usr/include/rados ]] ||
        skip "/usr/include/{rbd,rados} not installed (Debian's librbd-dev, librados-dev)"
    [[ -x $SYS_PY ]] || skip "$SYS_PY not installed"
    mkdir -p "$CACHE"
    exec 9>"$CACHE/.sds.lock"
    flock -w 600 9 || die "cannot lock $CACHE/.sds.lock"
    stamp="$(sha256sum <"$SYS_LIBRBD" | cut -d' ' -f1) $(cat /usr/include/rbd/*.h /usr/include/rados/*.h | sha256sum | cut -d' ' -f1)"
    if sds_complete "$stamp"; then
        echo "$s"
        return 0
    fi
    rm -rf "$s.tmp" "$s"
    mkdir -p "$s.tmp/lib" "$s.tmp/include"
    "$SYS_PY" "$HERE/rename-dynsym.py" rename "$SYS_LIBRBD" "$s.tmp/lib/librbd.so.1" \
        "$MISSING_SYM" "$RENAMED_SYM" >&2
    chmod 644 "$s.tmp/lib/librbd.so.1"
    ln -s librbd.so.1 "$s.tmp/lib/librbd.so"
    cp -a /usr/include/rbd /usr/include/rados "$s.tmp/include/"
    sed -i '/^[[:space:]]*#[[:space:]]*define[[:space:]]\{1,\}RBD_FEATURE_JOURNALING[[:space:]]/d' \
        "$s.tmp/include/rbd/features.h"
    if grep -rqE '#[[:space:]]*define[[:space:]]+RBD_FEATURE_JOURNALING[[:space:]]' "$s.tmp/include"; then
        die "RBD_FEATURE_JOURNALING is still defined in $s.tmp/include"
    fi
    if nm -D --defined-only "$s.tmp/lib/librbd.so.1" | grep -qw "$MISSING_SYM"; then
        die "nm -D still lists $MISSING_SYM"
    fi
    echo "$stamp" >"$s.tmp/.complete"
    mv "$s.tmp" "$s"
    log "built $s (lib/librbd.so.1 without $MISSING_SYM, include/ without RBD_FEATURE_JOURNALING)"
    echo "$s"
}

# ---------------------------------------------------------------- check

do_check() {
    local nlib sds rc=0 out
    local cc=("$SYS_PY" "$HERE/ctypes-client.py")
    nlib=$(do_fetch) || { rc=$?; echo "$nlib"; exit "$rc"; }
    sds=$(do_sds) || { rc=$?; echo "$sds"; exit "$rc"; }

    echo "== Nautilus set: $nlib"
    local connect=()
    [[ -n ${CEPH_CONF:-} ]] && connect=(--connect --rbd-io)
    LD_LIBRARY_PATH="$nlib:$nlib/ceph" "${cc[@]}" --expect-ceph "$NAUTILUS_VERSION" \
        --expect-rados 3.0.0 --expect-rbd 1.12.0 "${connect[@]}" || rc=1

    echo "== SDS set: $sds"
    if nm -D "$sds/lib/librbd.so.1" | grep -qw "$MISSING_SYM"; then
        echo "FAIL: nm -D lists $MISSING_SYM"
        rc=1
    else
        echo "PASS: nm -D does not list $MISSING_SYM ($(nm -D "$sds/lib/librbd.so.1" | grep -c ' T ') defined functions)"
    fi
    if "$SYS_PY" "$HERE/rename-dynsym.py" lookup "$sds/lib/librbd.so.1" "$MISSING_SYM" "$RENAMED_SYM"; then
        echo "FAIL: the loader would still find the renamed symbol"
        rc=1
    else
        echo "PASS: the loader finds neither $MISSING_SYM nor $RENAMED_SYM"
    fi
    out=$(LD_LIBRARY_PATH="$sds/lib" "$SYS_PY" -c 'import rbd' 2>&1) && true
    if [[ $out == *"undefined symbol: $MISSING_SYM"* ]]; then
        echo "PASS: python3-rbd import fails: ${out##*$'\n'}"
    else
        echo "FAIL: python3-rbd import did not fail on $MISSING_SYM: ${out:-imported}"
        rc=1
    fi
    if grep -rqw RBD_FEATURE_JOURNALING "$sds/include/rbd/features.h" &&
        ! grep -qE '#[[:space:]]*define[[:space:]]+RBD_FEATURE_JOURNALING[[:space:]]' "$sds/include/rbd/features.h"; then
        echo "PASS: include/rbd/features.h has no RBD_FEATURE_JOURNALING define"
    else
        echo "FAIL: include/rbd/features.h still defines RBD_FEATURE_JOURNALING"
        rc=1
    fi
    local io=()
    [[ -n ${CEPH_CONF:-} ]] && io=(--connect --rbd-io)
    LD_LIBRARY_PATH="$sds/lib" "${cc[@]}" --expect-missing "$MISSING_SYM" \
        --expect-missing "$RENAMED_SYM" "${io[@]}" || rc=1
    [[ -n ${CEPH_CONF:-} ]] || echo "note: CEPH_CONF not set; cluster checks skipped (run under with-cluster.sh)"
    echo "vendor-libs check: $([[ $rc == 0 ]] && echo ok || echo FAILED)"
    return "$rc"
}

# ---------------------------------------------------------------- main

(($# == 2)) || usage
CMD=$1
CACHE=$2
[[ -n $CACHE ]] || usage
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd -P)

case $CMD in
fetch) do_fetch ;;
sds) do_sds ;;
check) do_check ;;
*) usage ;;
esac
