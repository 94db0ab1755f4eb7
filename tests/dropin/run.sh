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
E2E_NAME=dropin
. "$HERE/../e2e/harness.sh" "$@"

. "$HERE/checks.sh"

e2e_end
