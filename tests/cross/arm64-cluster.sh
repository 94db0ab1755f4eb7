#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The aarch64 shim against a real cluster: an ordinary librbd consumer
# (tests/e2e/consumer.c) cross-built for aarch64 with the flags of
# `pkg-config librbdcompat` alone (from the installed aarch64 build), run
# under qemu-aarch64 over Debian's arm64 Pacific librbd/librados (unpacked
# into a private sysroot, nothing installed) against the test cluster on
# 127.0.0.1: create, write, read back and compare, snapshot, resize, trash,
# remove. Then the same over an arm64 vendor copy of librbd that lacks
# rbd_trash_list_cleanup (tests/cluster/rename-dynsym.py): the consumer
# must pass through the emulation, with one warning line.
#
#   arm64-cluster.sh SRC WORKDIR     (wraps itself in with-cluster.sh)
#
# WORKDIR holds the aarch64 build (scripts/cross.sh --build-only). Exit 77
# with the reason when the Ceph daemons, qemu-aarch64, the cross compiler
# or the Debian archive are missing.
set -euo pipefail

[[ $# -eq 2 ]] || { echo "usage: $0 SRC WORKDIR" >&2; exit 2; }
src=$(cd "$1" && pwd) work=$2
here=$src/tests/cross
skip() { echo "SKIP: $*"; exit 77; }

command -v qemu-aarch64 >/dev/null || skip "qemu-aarch64 not installed (qemu-user)"
command -v aarch64-linux-gnu-gcc >/dev/null || skip "aarch64-linux-gnu-gcc not installed"

if [[ -z ${RBDCOMPAT_TEST_CLUSTER:-} || -z ${CEPH_CONF:-} ]]; then
  exec "$src/tests/cluster/with-cluster.sh" "$0" "$@"
fi

mkdir -p "$work"
work=$(cd "$work" && pwd)
triplet=aarch64-linux-gnu
cache=${RBDCOMPAT_CROSS_CACHE:-$src/build-cross-cache}

# Debian's arm64 Pacific client libraries and everything they need.
rc=0
sysroot=$("$here/../cluster/debian-fetch.sh" --arch arm64 bookworm "$cache/arm64-ceph" \
            libc6 librbd1 librados2) || rc=$?
[[ $rc == 0 ]] || { echo "$sysroot"; exit "$rc"; }
vlib=$sysroot/usr/lib/$triplet
[[ -f $vlib/librbd.so.1 && -f $vlib/librados.so.2 ]] ||
  { echo "FAIL: no librbd.so.1/librados.so.2 in $vlib"; exit 1; }

# The shim for aarch64, installed into a scratch tree.
CROSS_BUILD_PREFIX=$work/build- "$src/scripts/cross.sh" --build-only aarch64
stage=$work/stage
rm -rf "$stage"
meson install -C "$work/build-aarch64" --no-rebuild --quiet --destdir "$stage" >/dev/null
pcdir=$(dirname "$(find "$stage" -name librbdcompat.pc | head -n 1)")
shimdir=$(dirname "$(find "$stage" -name librbdcompat.so.1 | head -n 1)")

# The consumer, with nothing but pkg-config's flags.
export PKG_CONFIG_SYSROOT_DIR=$stage PKG_CONFIG_LIBDIR=$pcdir PKG_CONFIG_PATH=
cflags=$(pkg-config --cflags librbdcompat) libs=$(pkg-config --libs librbdcompat)
echo "pkg-config: $cflags $libs"
# shellcheck disable=SC2086 # the flags are words
aarch64-linux-gnu-gcc -std=c11 -Wall -Werror $cflags "$src/tests/e2e/consumer.c" \
  $libs -o "$work/consumer"
needed=$(readelf -d "$work/consumer" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p' | paste -sd' ')
echo "consumer ($(readelf -h "$work/consumer" | sed -n 's/^ *Machine: *//p')) needs: $needed"
[[ " $needed " == *" librbdcompat.so.1 "* ]] ||
  { echo "FAIL: the consumer does not link librbdcompat.so.1"; exit 1; }

# The vendor copy without rbd_trash_list_cleanup.
vendor=$work/vendor
mkdir -p "$vendor"
/usr/bin/python3 "$src/tests/cluster/rename-dynsym.py" rename "$vlib/librbd.so.1" \
  "$vendor/librbd.so.1" rbd_trash_list_cleanup rbd_trash_list_cleanuX >/dev/null
if [[ -n $(aarch64-linux-gnu-nm -D --defined-only "$vendor/librbd.so.1" |
           awk '$3 == "rbd_trash_list_cleanup"') ]]; then
  echo "FAIL: the vendor copy still exports rbd_trash_list_cleanup"; exit 1
fi

fail=0
# run NAME LIBRBD: the consumer under qemu over LIBRBD and the arm64 librados.
run() {
  local name=$1 librbd=$2 out status=0
  out=$work/$name.out
  timeout 900 env LD_LIBRARY_PATH="$shimdir" RBDCOMPAT_LIBRBD="$librbd" \
    RBDCOMPAT_LIBRADOS="$vlib/librados.so.2" \
    qemu-aarch64 -L "$sysroot" "$work/consumer" "arm64-$name-$$" >"$out" 2>&1 || status=$?
  sed 's/^/    | /' "$out"
  if [[ $status == 0 ]]; then
    echo "PASS: $name: the aarch64 consumer over $librbd"
  else
    echo "FAIL: $name: the aarch64 consumer over $librbd (status $status)"
    fail=1
    return 1
  fi
}

run pacific "$vlib/librbd.so.1" || true
if grep -q 'rbdcompat: .* is missing' "$work/pacific.out"; then
  echo "FAIL: pacific: a function was missing from Debian's arm64 librbd"
  fail=1
fi
if run vendor "$vendor/librbd.so.1"; then
  n=$(grep -c "rbdcompat: rbd_trash_list_cleanup is missing from $vendor/librbd.so.1" \
        "$work/vendor.out" || true)
  if [[ $n != 1 ]]; then
    echo "FAIL: vendor: expected one warning for rbd_trash_list_cleanup, got $n"
    fail=1
  else
    echo "PASS: vendor: rbd_trash_list_cleanup emulated, said once"
  fi
fi
exit $fail
