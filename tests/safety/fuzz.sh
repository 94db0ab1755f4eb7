#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The bounded fuzz run (fuzz.py) on a throw-away test cluster.
#
#   fuzz.sh SHIM      (suite 'cluster'; 77 without Ceph or python3-rbd)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
CLUSTER=$HERE/../cluster
SHIM=$(realpath "$1")

if ! /usr/bin/python3 -c 'import rados, rbd' 2>/dev/null; then
  echo "SKIP: no python3-rados/python3-rbd for /usr/bin/python3"
  exit 77
fi
if [[ ! -e /usr/lib/x86_64-linux-gnu/librbd.so.1 ]]; then
  echo "SKIP: no Debian librbd.so.1 to make profiles from"
  exit 77
fi
if [[ -z ${RBDCOMPAT_TEST_CLUSTER:-} ]]; then
  exec "$CLUSTER/with-cluster.sh" "$0" "$@"
fi
work=$(mktemp -d "$RBDCOMPAT_TEST_CLUSTER/fuzz.XXXXXX")
exec /usr/bin/python3 "$HERE/fuzz.py" "$SHIM" "$work"
