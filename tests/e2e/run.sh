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
E2E_NAME=e2e
. "$HERE/harness.sh" "$@"
echo "e2e: shim $SHIM"

for f in "$HERE"/checks/[0-9]*.sh; do
    # shellcheck source=/dev/null # each is sourced in turn
    . "$f"
done

e2e_end
