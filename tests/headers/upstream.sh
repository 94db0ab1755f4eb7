#!/usr/bin/env bash
# Compare our headers with upstream's newest release as Debian ships it
# (Ceph 20.2 "tentacle", suite sid), downloaded into CACHE (skips, exit 77,
# when the archive cannot be reached).
#   upstream.sh PROBE GEN_PROBE_DATA CACHE HEADER...   (see compare.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
probe=$1 gen=$2 cache=$3
shift 3
root=$("$here/../cluster/debian-fetch.sh" sid "$cache/tentacle-headers" librbd-dev librados-dev) ||
    exit $?
exec "$here/compare.sh" "$probe" "$gen" "$root/usr/include" "$@"
