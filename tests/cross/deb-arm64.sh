#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The arm64 Debian packages, cross-built on this machine:
# `dpkg-buildpackage -a arm64 -Pnocheck` in a scratch copy of the tree
# (with a meson cross file given to debhelper; nothing foreign is installed:
# with the nocheck profile the build needs no arm64 package). Checks that
# librbdcompat1, librbdcompat-dev and rbdcompat-probe are arm64, that the
# packaged library is an AArch64 object with the glibc 2.17 floor and
# 64 KiB segment alignment (tests/platform/glibc_floor.sh), and that its
# forwarders are the 3-instruction assembly ones (check-forwarders.py).
#
#   deb-arm64.sh SRC WORKDIR
# Exit 77 when the cross compiler or dpkg-buildpackage is missing.
set -euo pipefail

[[ $# -eq 2 ]] || { echo "usage: $0 SRC WORKDIR" >&2; exit 2; }
src=$(cd "$1" && pwd) work=$2
skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }
command -v aarch64-linux-gnu-gcc >/dev/null || skip "aarch64-linux-gnu-gcc not installed"
command -v dpkg-buildpackage >/dev/null || skip "dpkg-buildpackage not installed"

version=$(dpkg-parsechangelog -l "$src/debian/changelog" -S Version)
rm -rf "$work"
tree=$work/librbdcompat-${version%-*}
mkdir -p "$tree"
tar -C "$src" --exclude='./build*' --exclude=./.git --exclude='./obj-*' \
  --exclude=./debian/.debhelper --exclude='./debian/tmp' -cf - . | tar -C "$tree" -xf -
profiles=nocheck
[[ -f $src/tools/probe/meson.build ]] || profiles=nocheck,noprobe
# debhelper's own cross file (debcrossgen) wants a C++ cross compiler too,
# which this C project does not need: give it one.
cross=$work/arm64-cross.ini
cat >"$cross" <<'EOF'
[binaries]
c = 'aarch64-linux-gnu-gcc'
ar = 'aarch64-linux-gnu-gcc-ar'
strip = 'aarch64-linux-gnu-strip'
pkgconfig = 'aarch64-linux-gnu-pkg-config'
[host_machine]
system = 'linux'
cpu_family = 'aarch64'
cpu = 'aarch64'
endian = 'little'
EOF
echo "dpkg-buildpackage -a arm64 -P$profiles -us -uc -b"
(cd "$tree" && DH_MESON_CROSS_FILE=$cross DEB_BUILD_OPTIONS="nocheck parallel=2" \
   dpkg-buildpackage -a arm64 -P"$profiles" -us -uc -b) >"$work/build.log" 2>&1 ||
  { tail -n 40 "$work/build.log"; fail "dpkg-buildpackage -a arm64 (log: $work/build.log)"; }

root=$work/root
shopt -s nullglob
debs=("$work"/*_arm64.deb)
[[ ${#debs[@]} -gt 0 ]] || fail "no _arm64.deb built"
for d in "${debs[@]}"; do
  echo "built: ${d##*/} ($(dpkg-deb -f "$d" Architecture))"
  [[ $(dpkg-deb -f "$d" Architecture) == arm64 ]] || fail "${d##*/} is not arm64"
  dpkg-deb -x "$d" "$root"
done
for p in librbdcompat1 librbdcompat-dev; do
  [[ -n $(compgen -G "$work/${p}_*_arm64.deb") ]] || fail "no $p arm64 package"
done
# The dependency on libc6 is the build's floor, not the cross toolchain's
# glibc (debian/libc-depends.sh): the package installs where it loads.
dep=$(dpkg-deb -f "$(compgen -G "$work/librbdcompat1_*_arm64.deb")" Depends)
[[ $dep == *"libc6 (>= 2.17)"* ]] ||
  fail "librbdcompat1 depends on '$dep', not libc6 (>= 2.17)"
echo "librbdcompat1 Depends: $dep"
lib=$root/usr/lib/aarch64-linux-gnu/librbdcompat.so.1
[[ -f $lib ]] || fail "librbdcompat1 lacks /usr/lib/aarch64-linux-gnu/librbdcompat.so.1"
machine=$(readelf -hW "$lib" | sed -n 's/^ *Machine: *//p')
[[ $machine == AArch64 ]] || fail "the packaged library is for $machine"
files=("$lib")
[[ -f $root/usr/bin/rbdcompat-probe ]] && files+=("$root/usr/bin/rbdcompat-probe")
"$src/tests/platform/glibc_floor.sh" 2.17 "${files[@]}"
/usr/bin/python3 "$src/tests/cross/check-forwarders.py" \
  --objdump aarch64-linux-gnu-objdump --arch aarch64 "$lib"
echo "PASS: arm64 packages cross-built and checked"
