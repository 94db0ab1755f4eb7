#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Under secure execution (a setuid-root program started by an unprivileged
# user) no RBDCOMPAT_* variable may have any effect: not only the ones that
# choose a library (tests/faults/setuid.sh), also RBDCOMPAT_DISABLE (which
# would let any user turn functions of a privileged consumer off) and
# RBDCOMPAT_LOG (which would let them silence its warnings or read its
# debug lines). The same program without the setuid bit is the control.
#
# Usage: setuid-env.sh PROBE        (tests/faults/secure_probe; needs root)
set -euo pipefail

probe=$1
# shellcheck source=SCRIPTDIR/../faults/setuid-pair.sh
NAME=setuid-env PROBE=$probe . "$(dirname "$0")/../faults/setuid-pair.sh"

run() { # PROGRAM VAR=VALUE...: what the program and the shim print
  local prog=$1
  shift
  env "$@" setpriv --reuid=65534 --regid=65534 --clear-groups "$tmp/$prog" 2>&1 || true
}

out=$(run suid RBDCOMPAT_LOG=debug)
if ! grep -q '^AT_SECURE=1$' <<<"$out"; then
  printf '%s\n' "$out"
  echo "setuid-env: the kernel did not run the program setuid; skipped"
  exit 77
fi
# The control needs a vendor librbd the program finds by itself.
plain=$(run plain RBDCOMPAT_LOG=debug)
if ! grep -q '^rbdcompat: rbd_version -> ' <<<"$plain"; then
  printf '%s\n' "$plain"
  echo "setuid-env: no vendor librbd found by soname; skipped"
  exit 77
fi

fail=0
expect() { # NAME OUTPUT PATTERN yes|no
  local name=$1 text=$2 pattern=$3 want=$4 got=no
  printf '%s\n' "--- $name" "$text"
  if grep -q -- "$pattern" <<<"$text"; then got=yes; fi
  if [[ $got != "$want" ]]; then
    echo "FAIL: $name: '$pattern' found: $got, expected $want"
    fail=1
  fi
}
expect "plain, RBDCOMPAT_LOG=debug" "$plain" '^rbdcompat: rbd_version -> ' yes
expect "setuid, RBDCOMPAT_LOG=debug" "$out" '^rbdcompat: ' no
expect "plain, RBDCOMPAT_DISABLE=rbd_version" \
  "$(run plain RBDCOMPAT_DISABLE=rbd_version)" '^rbd_version=0\.0\.0$' yes
expect "setuid, RBDCOMPAT_DISABLE=rbd_version" \
  "$(run suid RBDCOMPAT_DISABLE=rbd_version)" '^rbd_version=0\.0\.0$' no
exit $fail
