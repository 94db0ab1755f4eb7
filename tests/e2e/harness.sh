# shellcheck shell=bash source-path=SCRIPTDIR
# The start of an end-to-end runner (tests/e2e/run.sh, tests/dropin/run.sh),
# sourced as
#   E2E_NAME=NAME; . tests/e2e/harness.sh "$@"
# Takes the runner's one argument, SHIM_BUILD_DIR, as BUILD; outside a
# cluster, starts one around the runner itself (with-cluster.sh) and exits
# with its status; inside, clears the caller's shim settings, makes the
# work directory (kept when a check failed or E2E_KEEP=1), sources the
# harness (lib.sh, setup.sh, clients.sh) and installs the shim (setup).
# The runner then runs its checks and calls e2e_end.

E2E_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
CLUSTER_TOOLS=$(cd "$E2E_SRC/../cluster" && pwd -P)

if (($# != 1)) || [[ ! -d $1 ]]; then
    echo "usage: ${0##*/} SHIM_BUILD_DIR" >&2
    exit 2
fi
BUILD=$(cd "$1" && pwd -P)

# Outside a cluster: start one around the runner.
if [[ -z ${RBDCOMPAT_TEST_CLUSTER:-} || -z ${CEPH_CONF:-} ]]; then
    "$CLUSTER_TOOLS/with-cluster.sh" "$(cd "$(dirname "$0")" && pwd -P)/${0##*/}" "$BUILD"
    rc=$?
    if ((rc == 77)); then
        # with-cluster.sh printed the SKIP line with the reason.
        echo "$E2E_NAME: 0 passed, 0 failed, 1 skipped"
    fi
    exit "$rc"
fi

# ASCII diagnostics (the checks match compiler messages).
export LC_ALL=C
# The shim's own settings come from each check, never from the caller.
unset RBDCOMPAT_LIBRBD RBDCOMPAT_LIBRADOS RBDCOMPAT_VENDOR_DIR RBDCOMPAT_DISABLE \
    RBDCOMPAT_LOG LD_PRELOAD LD_LIBRARY_PATH

E2E_CACHE=${RBDCOMPAT_VENDOR_CACHE:-$BUILD/tests/e2e/vendor-cache}
mkdir -p "$E2E_CACHE"
E2E_WORK=$(mktemp -d "${TMPDIR:-/tmp}/rbdcompat-$E2E_NAME.XXXXXX") || exit 1

. "$E2E_SRC/lib.sh"
. "$E2E_SRC/setup.sh"
. "$E2E_SRC/clients.sh"

e2e_finish() {
    if ((E2E_FAILED)) || [[ ${E2E_KEEP:-0} == 1 ]]; then
        echo "$E2E_NAME: kept $E2E_WORK"
    else
        rm -rf -- "$E2E_WORK"
    fi
}
trap e2e_finish EXIT

echo "$E2E_NAME: cluster $RBDCOMPAT_TEST_CLUSTER ($(ceph --version | cut -d' ' -f1-3)), shim from $BUILD"
echo "$E2E_NAME: work $E2E_WORK, vendor sets in $E2E_CACHE"
if ! setup; then
    fail "setup: meson install --destdir of $BUILD"
    echo "$E2E_NAME: $E2E_PASSED passed, $E2E_FAILED failed, $E2E_SKIPPED skipped"
    exit 1
fi

# The runner's last line: the counts, and its exit status.
e2e_end() {
    echo "$E2E_NAME: took ${SECONDS}s"
    echo "$E2E_NAME: $E2E_PASSED passed, $E2E_FAILED failed, $E2E_SKIPPED skipped"
    ((E2E_FAILED == 0))
}
