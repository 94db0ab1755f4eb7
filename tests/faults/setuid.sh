#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Under secure execution (here: a setuid-root program started by an
# unprivileged user) the variables that choose a library path
# (RBDCOMPAT_LIBRBD, RBDCOMPAT_LIBRADOS, RBDCOMPAT_VENDOR_DIR) must be
# ignored: otherwise any user could make a setuid consumer load code of
# their choosing as root. The same program without the setuid bit, as the
# same user, must load the library the variable names (the control: shows
# the test can tell the two apart).
#
# Usage: setuid.sh PROBE MOCK_DIR      (PROBE: secure_probe; needs root)
set -eu

probe=$1
mock_dir=$2
rbd=$mock_dir/full/librbd.so.1

# shellcheck source=SCRIPTDIR/setuid-pair.sh
NAME=setuid PROBE=$probe . "$(dirname "$0")/setuid-pair.sh"

as_nobody() {
  setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}

# The unprivileged user must be able to read the mock, or the control
# would fail for a reason that has nothing to do with the shim.
if ! as_nobody test -r "$rbd"; then
  echo "setuid: uid 65534 cannot read $rbd (build tree not world-readable); skipped"
  exit 77
fi

run() { # PROGRAM VAR=VALUE: the program's output and the shim's messages
  env RBDCOMPAT_LOG=debug "$2" \
    setpriv --reuid=65534 --regid=65534 --clear-groups "$tmp/$1" 2>&1
}

fail=0
check() { # NAME OUTPUT: the mock must (control) or must not (setuid) load
  name=$1 out=$2 want=$3
  printf '%s\n' "--- $name" "$out"
  # By what the program prints, not by the shim's debug lines (which a
  # setuid process ignores too): the mock leaves rbd_version's outputs
  # as the program set them, a real librbd fills them in.
  if printf '%s\n' "$out" | grep -q '^rbd_version=-1\.-1\.-1$'; then
    got=loaded
  else
    got=ignored
  fi
  if [ "$got" != "$want" ]; then
    echo "FAIL: $name: the variable's library was $got, expected $want"
    fail=1
  fi
}

out=$(run suid "RBDCOMPAT_LIBRBD=$rbd")
if ! printf '%s\n' "$out" | grep -q '^AT_SECURE=1$'; then
  printf '%s\n' "$out"
  echo "setuid: the kernel did not run the program setuid (nosuid mount of $tmp?); skipped"
  exit 77
fi
check "setuid, RBDCOMPAT_LIBRBD" "$out" ignored
check "setuid, RBDCOMPAT_VENDOR_DIR" "$(run suid "RBDCOMPAT_VENDOR_DIR=$mock_dir/full")" ignored
check "plain, RBDCOMPAT_LIBRBD" "$(run plain "RBDCOMPAT_LIBRBD=$rbd")" loaded
check "plain, RBDCOMPAT_VENDOR_DIR" "$(run plain "RBDCOMPAT_VENDOR_DIR=$mock_dir/full")" loaded
exit $fail
