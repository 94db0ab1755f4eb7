#!/usr/bin/env bash
# Compare our headers with upstream's newest release as Debian ships it
# (Ceph 20.2 "tentacle", suite sid), downloaded into CACHE (skips, exit 77,
# when the archive cannot be reached).
#   upstream.sh OURS_INCLUDE CACHE
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$("$here/../cluster/debian-fetch.sh" sid "$2/tentacle-headers" librbd-dev librados-dev) ||
    exit $?
exec "$here/compare.sh" "$1" "$root/usr/include"
