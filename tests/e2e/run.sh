#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# End-to-end tests of librbdcompat on a real Ceph cluster.
#
#   tests/e2e/run.sh SHIM_BUILD_DIR
#
# Installs the shim from SHIM_BUILD_DIR (`meson install --destdir`, no
# rebuild) into a private tree, starts ONE throw-away cluster
# (tests/cluster/with-cluster.sh) and runs every check in checks/, in
# order: the failures without the shim, then link time, LD_PRELOAD and
# drop-in over the SDS-like vendor, then everything over Ceph 14.2.21.
# Prints PASS/FAIL/SKIP per check and closes with
#   e2e: N passed, N failed, N skipped
# Exit status: 0 if nothing failed, 1 otherwise, 77 (everything skipped,
# with the reason) when the Ceph daemons are not installed.
#
# Environment:
#   RBDCOMPAT_VENDOR_CACHE  where the vendor sets are kept between runs
#                           (default SHIM_BUILD_DIR/tests/e2e/vendor-cache)
#   E2E_KEEP=1              keep the work directory (it is kept anyway
#                           when a check failed)
#   E2E_STEP_TIMEOUT        seconds allowed to any one command (180)
#   WITH_CLUSTER_KEEP=1     keep the cluster's directory (logs)

set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
CLUSTER_TOOLS=$(cd "$HERE/../cluster" && pwd -P)

if (($# != 1)) || [[ ! -d $1 ]]; then
    echo "usage: ${0##*/} SHIM_BUILD_DIR" >&2
    exit 2
fi
BUILD=$(cd "$1" && pwd -P)

# Outside a cluster: start one around this very script.
if [[ -z ${RBDCOMPAT_TEST_CLUSTER:-} || -z ${CEPH_CONF:-} ]]; then
    "$CLUSTER_TOOLS/with-cluster.sh" "$HERE/run.sh" "$BUILD"
    rc=$?
    if ((rc == 77)); then
        # with-cluster.sh printed the SKIP line with the reason.
        echo "e2e: 0 passed, 0 failed, 1 skipped"
    fi
    exit "$rc"
fi

# ------------------------------------------------------------ in the cluster

# ASCII diagnostics (the checks match compiler messages).
export LC_ALL=C
# The shim's own settings come from each check, never from the caller.
unset RBDCOMPAT_LIBRBD RBDCOMPAT_LIBRADOS RBDCOMPAT_VENDOR_DIR RBDCOMPAT_DISABLE \
    RBDCOMPAT_LOG LD_PRELOAD LD_LIBRARY_PATH

E2E_SRC=$HERE
E2E_CACHE=${RBDCOMPAT_VENDOR_CACHE:-$BUILD/tests/e2e/vendor-cache}
mkdir -p "$E2E_CACHE"
E2E_WORK=$(mktemp -d "${TMPDIR:-/tmp}/rbdcompat-e2e.XXXXXX") || exit 1

. "$HERE/lib.sh"
. "$HERE/setup.sh"
. "$HERE/clients.sh"

finish() {
    if ((E2E_FAILED)) || [[ ${E2E_KEEP:-0} == 1 ]]; then
        echo "e2e: kept $E2E_WORK"
    else
        rm -rf -- "$E2E_WORK"
    fi
}
trap finish EXIT

echo "e2e: cluster $RBDCOMPAT_TEST_CLUSTER ($(ceph --version | cut -d' ' -f1-3)), shim from $BUILD"
echo "e2e: work $E2E_WORK, vendor sets in $E2E_CACHE"
if ! setup; then
    fail "setup: meson install --destdir of $BUILD"
    echo "e2e: $E2E_PASSED passed, $E2E_FAILED failed, $E2E_SKIPPED skipped"
    exit 1
fi
echo "e2e: shim $SHIM"

for f in "$HERE"/checks/[0-9]*.sh; do
    # shellcheck source=/dev/null # each is sourced in turn
    . "$f"
done

echo "e2e: took ${SECONDS}s"
echo "e2e: $E2E_PASSED passed, $E2E_FAILED failed, $E2E_SKIPPED skipped"
((E2E_FAILED == 0))
