#!/usr/bin/env bash
# with-cluster.sh CMD [ARGS...]
#
# Starts a throw-away Ceph cluster (ceph-cluster.sh) in a fresh temporary
# directory, runs CMD with
#   CEPH_CONF=DIR/ceph.conf                  (read by librados and the CLIs)
#   CEPH_KEYRING=DIR/ceph.client.admin.keyring (informational; ceph.conf names it)
#   CEPH_ARGS="--conf DIR/ceph.conf --keyring DIR/ceph.client.admin.keyring"
#                                            (only if CEPH_ARGS was unset)
#   RBDCOMPAT_TEST_CLUSTER=DIR
# then stops the cluster (by pid) and removes DIR -- also when CMD fails or
# on INT/TERM/HUP -- and exits with CMD's status.
# If the cluster cannot be started because the daemons are not installed, it
# prints the SKIP line and exits 77 without running CMD.
#
# Environment: WITH_CLUSTER_KEEP=1 keeps DIR (logs) after the run;
# TMPDIR chooses where DIR is created.

set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
PROG=${0##*/}

if (($# == 0)); then
    echo "usage: $PROG CMD [ARGS...]" >&2
    exit 2
fi

DIR=$(mktemp -d "${TMPDIR:-/tmp}/rbdcompat-cluster.XXXXXX") || exit 1
CLEANED=0

# shellcheck disable=SC2317 # invoked via trap
cleanup() {
    ((CLEANED)) && return 0
    CLEANED=1
    "$HERE/ceph-cluster.sh" stop "$DIR" || true
    if [[ ${WITH_CLUSTER_KEEP:-0} == 1 ]]; then
        echo "$PROG: kept $DIR" >&2
    else
        rm -rf -- "$DIR"
    fi
}

# shellcheck disable=SC2317 # invoked via trap
on_signal() {
    local sig=$1 code=$2
    trap - INT TERM HUP
    echo "$PROG: caught SIG$sig, stopping cluster" >&2
    if [[ -n ${CHILD:-} ]]; then
        kill -TERM "$CHILD" 2>/dev/null || true
        wait "$CHILD" 2>/dev/null || true
    fi
    cleanup
    exit "$code"
}

trap cleanup EXIT
trap 'on_signal INT 130' INT
trap 'on_signal TERM 143' TERM
trap 'on_signal HUP 129' HUP

# stdout of `start` is the conf path, or the SKIP line.
start_out=$("$HERE/ceph-cluster.sh" start "$DIR")
rc=$?
if ((rc == 77)); then
    echo "$start_out"
    exit 77
elif ((rc != 0)); then
    echo "$PROG: could not start the test cluster (status $rc)" >&2
    exit "$rc"
fi

export CEPH_CONF="$DIR/ceph.conf"
export CEPH_KEYRING="$DIR/ceph.client.admin.keyring"
export CEPH_ARGS="${CEPH_ARGS:---conf $CEPH_CONF --keyring $CEPH_KEYRING}"
export RBDCOMPAT_TEST_CLUSTER="$DIR"

# Run CMD in the background and wait, so that signals reach our traps at once.
"$@" <&0 &
CHILD=$!
wait "$CHILD"
rc=$?
CHILD=
exit "$rc"
