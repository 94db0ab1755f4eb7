#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# debian/libc-depends.sh PACKAGE: in a cross build without the host
# architecture's libc6, dpkg-shlibdeps reads the cross toolchain's libc,
# which has a shlibs file (libc6 (>= its own version, 2.36)) but no symbols
# file, so every package would demand the newest glibc although the library
# is built for an older floor (-Dglibc_floor, 2.17). Natively the symbols
# file gives the newest GLIBC_x.y version the package's files reference;
# this does the same from the files themselves (readelf reads any
# architecture) and rewrites PACKAGE's libc6 dependency to it.
set -eu
pkg=$1
subst=debian/$pkg.substvars
[ -f "$subst" ] || exit 0
need=$(find "debian/$pkg" -type f -exec readelf -V -W {} + 2>/dev/null |
  sed -n 's/.*Name: GLIBC_\([0-9][0-9.]*\).*/\1/p' |
  sort -t. -k1,1n -k2,2n -k3,3n -u | tail -n 1)
[ -n "$need" ] || exit 0
sed -i "s/libc6 (>= [^)]*)/libc6 (>= $need)/" "$subst"
echo "libc-depends.sh: $pkg: libc6 (>= $need), the newest GLIBC_ version its files reference"
