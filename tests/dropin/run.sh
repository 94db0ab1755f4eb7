#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR source-path=SCRIPTDIR/../e2e
# End-to-end tests of the drop-in through the glue libraries (README
# "3. Drop-in"), on a real Ceph cluster, over the SDS-like vendor and Ceph
# 14.2.21, in system mode (a private mount namespace: in-system.sh) and
# container mode (rbdcompat-dropin --into).
#
#   tests/dropin/run.sh SHIM_BUILD_DIR
#
# Reuses the end-to-end harness of tests/e2e (lib.sh, setup.sh,
# clients.sh: the install tree, the vendor sets, result lines); its own
# checks are in checks.sh. Ends with
#   dropin: N passed, N failed, N skipped
# Exit status 0 if nothing failed, 1 otherwise, 77 (with the reason) when
# the Ceph daemons are not installed. System mode needs root (mount
# namespaces, overlayfs); without it those checks are skipped.
# Environment as tests/e2e/run.sh (RBDCOMPAT_VENDOR_CACHE, E2E_KEEP, ...).

set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
E2E_SRC=$(cd "$HERE/../e2e" && pwd -P)
CLUSTER_TOOLS=$(cd "$HERE/../cluster" && pwd -P)

if (($# != 1)) || [[ ! -d $1 ]]; then
    echo "usage: ${0##*/} SHIM_BUILD_DIR" >&2
    exit 2
fi
BUILD=$(cd "$1" && pwd -P)

if [[ -z ${RBDCOMPAT_TEST_CLUSTER:-} || -z ${CEPH_CONF:-} ]]; then
    "$CLUSTER_TOOLS/with-cluster.sh" "$HERE/run.sh" "$BUILD"
    rc=$?
    ((rc == 77)) && echo "dropin: 0 passed, 0 failed, 1 skipped"
    exit "$rc"
fi

export LC_ALL=C
unset RBDCOMPAT_LIBRBD RBDCOMPAT_LIBRADOS RBDCOMPAT_VENDOR_DIR RBDCOMPAT_DISABLE \
    RBDCOMPAT_LOG LD_PRELOAD LD_LIBRARY_PATH

E2E_CACHE=${RBDCOMPAT_VENDOR_CACHE:-$BUILD/tests/e2e/vendor-cache}
mkdir -p "$E2E_CACHE"
E2E_WORK=$(mktemp -d "${TMPDIR:-/tmp}/rbdcompat-dropin.XXXXXX") || exit 1

. "$E2E_SRC/lib.sh"
. "$E2E_SRC/setup.sh"
. "$E2E_SRC/clients.sh"

finish() {
    if ((E2E_FAILED)) || [[ ${E2E_KEEP:-0} == 1 ]]; then
        echo "dropin: kept $E2E_WORK"
    else
        rm -rf -- "$E2E_WORK"
    fi
}
trap finish EXIT

echo "dropin: cluster $RBDCOMPAT_TEST_CLUSTER, shim from $BUILD, work $E2E_WORK"
if ! setup; then
    fail "setup: meson install --destdir of $BUILD"
    echo "dropin: $E2E_PASSED passed, $E2E_FAILED failed, $E2E_SKIPPED skipped"
    exit 1
fi

. "$HERE/checks.sh"

echo "dropin: took ${SECONDS}s"
echo "dropin: $E2E_PASSED passed, $E2E_FAILED failed, $E2E_SKIPPED skipped"
((E2E_FAILED == 0))
