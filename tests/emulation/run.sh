#!/usr/bin/env bash
# The shim's emulations against the real functions, on a real cluster.
#
#   run.sh SHIM EMUCMP [CACHE]
#
# SHIM: the built librbdcompat.so.1; EMUCMP: emucmp (linked to the shim);
# CACHE: where vendor-libs.sh keeps Ceph 14.2.21's client libraries.
#
#  1. Counts, for Debian's consumers (python3-rbd, python3-rados, qemu's
#     block-rbd, fio), the functions they need that 14.2.21 lacks, by the
#     shim's decision (consumers.py).
#  2. Starts a cluster (tests/cluster/with-cluster.sh) and runs emucmp:
#       pacific   vendor: Debian's Pacific librbd/librados (real functions
#                 where Pacific has them)
#       nautilus  vendor: 14.2.21 (emulations for what it lacks)
#       emulated  vendor: 14.2.21 with RBDCOMPAT_DISABLE naming every
#                 function it has that the shim also emulates, so that the
#                 emulation answers
#     and requires pacific == emulated and nautilus == emulated.
#  3. Runs scenario.py (python3-rbd) without the shim on Pacific, and with
#     it (LD_PRELOAD) on Pacific and on 14.2.21; all three must agree.
# Exit: 0 same everywhere, 1 a difference, 77 no Ceph or no 14.2.21.

set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd "$HERE/../.." && pwd -P)
CLUSTER=$ROOT/tests/cluster
SYS_PY=/usr/bin/python3
SYS_LIB=/usr/lib/x86_64-linux-gnu

if (($# < 2)); then
    echo "usage: ${0##*/} SHIM EMUCMP [CACHE]" >&2
    exit 2
fi
SHIM=$(realpath "$1")
EMUCMP=$(realpath "$2")
CACHE=${3:-${TMPDIR:-/tmp}/rbdcompat-vendor-cache}

# Functions 14.2.21 has whose emulation the "emulated" run uses instead.
DISABLE=rbd_snap_remove_by_id,rbd_snap_set_by_id
DISABLE+=,rados_write_op_omap_set2,rados_write_op_omap_rm_keys2
DISABLE+=,rados_write_op_omap_cmp2,rados_read_op_omap_cmp2
DISABLE+=,rados_read_op_omap_get_vals_by_keys2
DISABLE+=,rbd_snap_list_end,rbd_snap_spec_cleanup,rbd_image_spec_cleanup
DISABLE+=,rbd_image_spec_list_cleanup,rbd_linked_image_spec_cleanup
DISABLE+=,rbd_linked_image_spec_list_cleanup,rbd_watchers_list_cleanup
DISABLE+=,rbd_lock_get_owners_cleanup,rbd_config_image_list_cleanup
DISABLE+=,rbd_config_pool_list_cleanup,rbd_trash_get_cleanup
DISABLE+=,rbd_trash_list_cleanup,rbd_group_image_list_cleanup
DISABLE+=,rbd_group_snap_list_cleanup,rbd_mirror_peer_list_cleanup
DISABLE+=,rados_buffer_free,rados_object_list_free

if [[ -z ${RBDCOMPAT_TEST_CLUSTER:-} || -z ${CEPH_CONF:-} ]]; then
    N14=$("$CLUSTER/vendor-libs.sh" fetch "$CACHE")
    rc=$?
    if ((rc == 77)); then
        echo "SKIP: no Ceph 14.2.21 client libraries"
        exit 77
    elif ((rc != 0)) || [[ ! -e $N14/librbd.so.1 ]]; then
        echo "FAIL: vendor-libs.sh fetch: status $rc"
        exit 1
    fi
    echo "== what Debian's consumers need that 14.2.21 lacks"
    "$SYS_PY" "$HERE/consumers.py" "$ROOT" "$N14" || exit 1
    export EMULATION_N14=$N14
    exec "$CLUSTER/with-cluster.sh" "$0" "$@"
fi

N14=${EMULATION_N14:?run.sh starts the cluster itself}
WORK=$(mktemp -d "$RBDCOMPAT_TEST_CLUSTER/emulation.XXXXXX")
FAILED=0

# The two vendors, as command prefixes.
PACIFIC=(env "RBDCOMPAT_LIBRBD=$SYS_LIB/librbd.so.1"
         "RBDCOMPAT_LIBRADOS=$SYS_LIB/librados.so.2")
NAUTILUS=(env "LD_LIBRARY_PATH=$N14:$N14/ceph"
          "RBDCOMPAT_LIBRBD=$N14/librbd.so.1"
          "RBDCOMPAT_LIBRADOS=$N14/librados.so.2")

# run NAME CMD...: stdout to WORK/NAME.out, stderr (the shim's lines on
# what it emulated or stubbed) to WORK/NAME.err.
run() {
    local name=$1 rc
    shift
    timeout 600 "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
    rc=$?
    if ((rc != 0)) || [[ ! -s $WORK/$name.out ]]; then
        echo "FAIL: $name: status $rc, $(wc -l <"$WORK/$name.out") lines"
        tail -n 20 "$WORK/$name.err" | sed 's/^/    | /'
        FAILED=1
    fi
    echo "$name: $(wc -l <"$WORK/$name.out") lines;" \
        "$(grep -c 'emulated:' "$WORK/$name.err") functions emulated," \
        "$(grep -Ec 'returns |does nothing' "$WORK/$name.err") stubbed"
}

same() {
    if diff -u "$WORK/$1.out" "$WORK/$2.out" >"$WORK/$1-$2.diff"; then
        echo "PASS: $1 == $2"
    else
        echo "FAIL: $1 != $2"
        sed 's/^/    | /' "$WORK/$1-$2.diff" | head -n 60
        FAILED=1
    fi
}

echo "== emucmp: emulations against real functions"
run pacific "${PACIFIC[@]}" EMUCMP_PREFIX=p- "$EMUCMP"
run nautilus "${NAUTILUS[@]}" EMUCMP_PREFIX=n- "$EMUCMP"
run emulated "${NAUTILUS[@]}" EMUCMP_PREFIX=e- RBDCOMPAT_DISABLE="$DISABLE" \
    "$EMUCMP"
same pacific emulated
same nautilus emulated
grep -h 'emulated:' "$WORK/emulated.err" | sed 's/^/    /' | sort -u

echo "== python3-rbd scenario"
run py-plain env SCENARIO_PREFIX=pp- "$SYS_PY" "$HERE/scenario.py"
run py-pacific "${PACIFIC[@]}" SCENARIO_PREFIX=ps- LD_PRELOAD="$SHIM" \
    "$SYS_PY" "$HERE/scenario.py"
run py-nautilus "${NAUTILUS[@]}" SCENARIO_PREFIX=ns- LD_PRELOAD="$SHIM" \
    "$SYS_PY" "$HERE/scenario.py"
same py-plain py-pacific
same py-plain py-nautilus
grep -h 'emulated:\|returns \|does nothing' "$WORK/py-nautilus.err" |
    sed 's/^/    /' | sort -u

if ((FAILED)); then
    echo "emulation: FAIL (outputs kept in $WORK only while the cluster runs)"
    exit 1
fi
echo "emulation: PASS"
exit 0
