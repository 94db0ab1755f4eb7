#!/usr/bin/env bash
# RBDCOMPAT_VENDOR_DIR with $ORIGIN: the shim finds its vendor relative to
# its own file, wherever the directory is moved (lib/vendor_dir.c).
#
#   origin.sh SHIM MOCK_DIR
#
# A copy of the shim in DIR/lib, the mock vendor in DIR/lib/vendor; a
# ctypes caller makes one call with RBDCOMPAT_LOG=debug, and the shim must
# say it loaded DIR/lib/vendor/librbd.so.1 — also after DIR is renamed,
# for ${ORIGIN} too, and never with the variable unset.
set -euo pipefail

(($# == 2)) || { echo "usage: ${0##*/} SHIM MOCK_DIR" >&2; exit 2; }
shim=$1 mock=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/rbdcompat-origin.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
fails=0

mkdir -p "$work/a/lib/vendor"
cp "$shim" "$work/a/lib/librbdcompat.so.1"
cp "$mock/full/librbd.so.1" "$mock/full/librados.so.2" "$work/a/lib/vendor/"

# call DIR VALUE|-: one rbd_version() through DIR's shim; prints the log.
call() {
    local dir=$1 value=$2
    local envs=(RBDCOMPAT_LOG=debug LD_LIBRARY_PATH="${mock%/mock}")
    [[ $value == - ]] || envs+=(RBDCOMPAT_VENDOR_DIR="$value")
    env -u RBDCOMPAT_LIBRBD -u RBDCOMPAT_LIBRADOS -u RBDCOMPAT_VENDOR_DIR "${envs[@]}" \
        /usr/bin/python3 -c '
import ctypes, sys
lib = ctypes.CDLL(sys.argv[1])
a, b, c = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
lib.rbd_version(ctypes.byref(a), ctypes.byref(b), ctypes.byref(c))
' "$dir/lib/librbdcompat.so.1" 2>&1
}

expect() {
    local desc=$1 dir=$2 value=$3 want=$4 out
    out=$(call "$dir" "$value")
    if grep -q "^rbdcompat: loaded $want\$" <<<"$out"; then
        echo "PASS: $desc: loaded $want"
    else
        echo "FAIL: $desc: wanted 'loaded $want'; the shim said:"
        printf "    | %s\n" "${out//$'\n'/$'\n    | '}"
        fails=$((fails + 1))
    fi
}

# shellcheck disable=SC2016 # the literal token is the point
expect '$ORIGIN/vendor' "$work/a" '$ORIGIN/vendor' "$work/a/lib/vendor/librbd.so.1"
# shellcheck disable=SC2016
expect '${ORIGIN}/vendor' "$work/a" '${ORIGIN}/vendor' "$work/a/lib/vendor/librbd.so.1"
mv "$work/a" "$work/moved"
# shellcheck disable=SC2016
expect '$ORIGIN/vendor after the directory moved' "$work/moved" '$ORIGIN/vendor' \
    "$work/moved/lib/vendor/librbd.so.1"
# shellcheck disable=SC2016
expect '$ORIGIN/../lib/vendor (more path after the token)' "$work/moved" '$ORIGIN/../lib/vendor' \
    "$work/moved/lib/../lib/vendor/librbd.so.1"
out=$(call "$work/moved" -)
if grep -q "loaded $work/moved/lib/vendor" <<<"$out"; then
    echo "FAIL: without RBDCOMPAT_VENDOR_DIR the shim still used \$ORIGIN/vendor"
    fails=$((fails + 1))
else
    echo "PASS: without the variable the configured default is used, not \$ORIGIN/vendor"
fi
# A token that cannot be expanded within PATH_MAX: no cut path, no crash.
# shellcheck disable=SC2016
long=$(printf '$ORIGIN/%.0s' $(seq 1 600))
out=$(call "$work/moved" "$long")
if grep -q "loaded $work/moved/lib/vendor" <<<"$out"; then
    echo "FAIL: an over-long expansion was used"
    fails=$((fails + 1))
else
    echo "PASS: an expansion longer than PATH_MAX is skipped ($(grep -c . <<<"$out") log lines)"
fi
echo "origin: $((6 - fails)) passed, $fails failed"
((fails == 0))
