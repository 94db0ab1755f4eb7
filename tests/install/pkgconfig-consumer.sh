#!/usr/bin/env bash
# Install the build into a scratch tree (meson install --destdir), build an
# unchanged upstream consumer with only the flags of `pkg-config
# librbdcompat`, and run it over a mock vendor that lacks
# rbd_trash_list_cleanup.
#   pkgconfig-consumer.sh BUILD_DIR SOURCE_ROOT MOCK_DIR
set -euo pipefail
build=$1 root=$2 mock=$3
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

meson install -C "$build" --no-rebuild --quiet --destdir "$stage" >/dev/null
pcdir=$(dirname "$(find "$stage" -name librbdcompat.pc | head -n 1)")
[[ -f $pcdir/librbdcompat.pc ]] || { echo "FAIL: no librbdcompat.pc installed"; exit 1; }
export PKG_CONFIG_SYSROOT_DIR=$stage PKG_CONFIG_PATH=$pcdir PKG_CONFIG_LIBDIR=$pcdir
cflags=$(pkg-config --cflags librbdcompat)
libs=$(pkg-config --libs librbdcompat)
echo "pkg-config: $cflags $libs"
# shellcheck disable=SC2086 # word splitting of the flags is intended
cc -std=c11 -Wall -Werror $cflags "$root/tests/install/consumer.c" $libs -o "$stage/consumer"
needed=$(readelf -d "$stage/consumer" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p' | paste -sd' ')
echo "consumer needs: $needed"
[[ " $needed " == *" librbdcompat.so.1 "* ]] ||
    { echo "FAIL: the consumer does not link librbdcompat.so.1"; exit 1; }
libdir=$(dirname "$(find "$stage" -name librbdcompat.so.1 | head -n 1)")
out=$(LD_LIBRARY_PATH=$libdir RBDCOMPAT_LIBRBD=$mock/missing/librbd.so.1 \
    RBDCOMPAT_LIBRADOS=$mock/missing/librados.so.2 "$stage/consumer" 2>&1)
echo "$out"
grep -qx 'RBD_FEATURE_JOURNALING=64' <<<"$out" || { echo "FAIL: constant"; exit 1; }
grep -qx 'rbd_trash_list_cleanup returned' <<<"$out" || { echo "FAIL: call"; exit 1; }
[[ $(grep -c 'rbdcompat: rbd_trash_list_cleanup is missing from .*missing/librbd.so.1' <<<"$out") -eq 1 ]] ||
    { echo "FAIL: expected one warning line for rbd_trash_list_cleanup"; exit 1; }
echo "PASS: pkg-config consumer built from the installed tree and ran over a vendor lacking rbd_trash_list_cleanup"
