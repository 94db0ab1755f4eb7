#!/usr/bin/env bash
# The shim's emulations against the real functions, on a real cluster.
#
#   run.sh SHIM EMUCMP EMULATED [CACHE]
#
# SHIM: the built librbdcompat.so.1; EMUCMP: emucmp (linked to the shim);
# EMULATED: every emulated function, one name a line (gen/lists.py --emit
# emulated); CACHE: where vendor-libs.sh keeps Ceph 14.2.21's client
# libraries.
#
#  1. Counts, for Debian's consumers (python3-rbd, python3-rados, qemu's
#     block-rbd, fio), the functions they need that 14.2.21 lacks, by the
#     shim's decision (consumers.py).
#  2. Starts a cluster (tests/cluster/with-cluster.sh) and runs emucmp:
#       pacific   vendor: Debian's Pacific librbd/librados (real functions
#                 where Pacific has them)
#       nautilus  vendor: 14.2.21 (emulations for what it lacks)
#       emulated  vendor: 14.2.21 with RBDCOMPAT_DISABLE naming every
#                 function it has that the shim also emulates (EMULATED
#                 and nm -D of its libraries; the count is printed), so
#                 that the emulation answers
#     and requires pacific == emulated, nautilus == emulated, and that
#     each of those functions was called (the shim's line for it).
#     Then rbd_mirror_uuid_get: Pacific's function and, with mirroring
#     still enabled, the emulation over 14.2.21 must give the same uuid.
#  3. Runs scenario.py (python3-rbd) without the shim on Pacific, and with
#     it (LD_PRELOAD) on Pacific and on 14.2.21; all three must agree.
# Exit: 0 same everywhere, 1 a difference, 77 no Ceph or no 14.2.21.

set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd "$HERE/../.." && pwd -P)
CLUSTER=$ROOT/tests/cluster
SYS_PY=/usr/bin/python3
SYS_LIB=/usr/lib/x86_64-linux-gnu

if (($# < 3)); then
    echo "usage: ${0##*/} SHIM EMUCMP EMULATED [CACHE]" >&2
    exit 2
fi
SHIM=$(realpath "$1")
EMUCMP=$(realpath "$2")
EMULATED=$(realpath "$3")
CACHE=${4:-${TMPDIR:-/tmp}/rbdcompat-vendor-cache}
if [[ ! -s $EMULATED ]]; then
    echo "FAIL: $EMULATED: no list of emulated functions"
    exit 1
fi

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

# The emulated functions 14.2.21 has: the "emulated" run forces each
# through its emulation instead of the real function.
nm -D --defined-only "$N14/librbd.so.1" "$N14/librados.so.2" |
    awk 'NF == 3 { sub(/@.*/, "", $3); print $3 }' | LC_ALL=C sort -u \
    >"$WORK/n14-exports.txt"
awk '{ print $1 }' "$EMULATED" | LC_ALL=C sort -u >"$WORK/emulated.txt"
LC_ALL=C comm -12 "$WORK/n14-exports.txt" "$WORK/emulated.txt" \
    >"$WORK/in-n14.txt"
# A function whose every symbol version is emulated from the vendor's
# other version cannot be forced: RBDCOMPAT_DISABLE disables a name in
# all its versions (the unit test 'versions' covers those emulations).
awk '$2 == "by-version" { print $1 }' "$EMULATED" | LC_ALL=C sort -u \
    >"$WORK/by-version.txt"
LC_ALL=C comm -23 "$WORK/in-n14.txt" "$WORK/by-version.txt" \
    >"$WORK/disable.txt"
DISABLE=$(paste -sd, "$WORK/disable.txt")
echo "== $(wc -l <"$WORK/in-n14.txt") of the $(wc -l <"$WORK/emulated.txt")" \
    "emulated functions are in 14.2.21; $(wc -l <"$WORK/disable.txt") of them" \
    "are forced through the emulation and compared with the real one"
LC_ALL=C comm -12 "$WORK/in-n14.txt" "$WORK/by-version.txt" |
    sed 's/$/: not forceable by name (each version emulated from the other)/;s/^/   /'

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
# Each disabled function must have answered through its emulation: the
# shim says so once per function ("NAME[@VERSION] is disabled by ...").
ran=0
while read -r fn; do
    if grep -Eq "rbdcompat: $fn(@[A-Za-z0-9_.]+)? is disabled by RBDCOMPAT_DISABLE; emulated:" \
        "$WORK/emulated.err"; then
        ran=$((ran + 1))
    else
        echo "FAIL: $fn: emucmp never called it (no emulated answer)"
        FAILED=1
    fi
done <"$WORK/disable.txt"
echo "emulated functions of 14.2.21 compared with the real ones:" \
    "$ran of $(wc -l <"$WORK/disable.txt")"
grep -h 'emulated:' "$WORK/emulated.err" | sed 's/^/    /' | sort -u
echo "stubbed in the emulated run:"
grep -hE 'returns |does nothing' "$WORK/emulated.err" | grep -v 'emulated:' | sed 's/^/    /' | sort -u

echo "== rbd_mirror_uuid_get: Pacific's function against the emulation"
run uuid-pacific "${PACIFIC[@]}" EMUCMP_PREFIX=u- "$EMUCMP" uuid-on uuid
run uuid-nautilus "${NAUTILUS[@]}" EMUCMP_PREFIX=u- "$EMUCMP" uuid-on uuid
run uuid-off-nautilus "${NAUTILUS[@]}" EMUCMP_PREFIX=u- "$EMUCMP" uuid-off uuid
run uuid-off-pacific "${PACIFIC[@]}" EMUCMP_PREFIX=u- "$EMUCMP" uuid-off uuid
# Sections run in emucmp's order: uuid-on, uuid-off, then uuid.
same uuid-pacific uuid-nautilus
same uuid-off-pacific uuid-off-nautilus
sed 's/^/    /' "$WORK/uuid-pacific.out" "$WORK/uuid-off-pacific.out"
if ! grep -q 'rbd_mirror_uuid_get is missing from .*; emulated:' \
    "$WORK/uuid-nautilus.err"; then
    echo "FAIL: the 14.2.21 run did not use the rbd_mirror_uuid_get emulation"
    FAILED=1
fi
if ! grep -Eq '^mirror_uuid_get: 0 len=37 uuid=[0-9a-f-]{36}$' \
    "$WORK/uuid-pacific.out"; then
    echo "FAIL: Pacific's rbd_mirror_uuid_get gave no uuid: nothing compared"
    FAILED=1
fi

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
