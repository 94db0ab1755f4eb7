#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The x86_64 glibc build must load on glibc 2.17 (CentOS/EL 7): no symbol
# version newer than GLIBC_2.17 in what it needs (objdump -T: the version
# of every undefined dynamic symbol; readelf -V: the version needs), and
# dlopen() and friends must come from libdl.so.2, where 2.17 has them.
# Also checks the probe tool when it has been built.
#
# Usage: glibc_floor.sh FILE...   (the library, the probe tool)
set -eu

floor=2.17

case $(uname -m) in
  x86_64) ;;
  *) echo "glibc-floor: only checked for x86_64 builds; skipped"; exit 77 ;;
esac

fail=0
for f in "$@"; do
  if ! readelf -d "$f" | grep -q 'Shared library: \[libc\.so\.6\]'; then
    echo "glibc-floor: $f is not linked with glibc's libc.so.6; skipped"
    exit 77
  fi
  # Every GLIBC_x.y a symbol or a version need names.
  versions=$( { objdump -T "$f"; readelf -V "$f"; } |
              grep -o 'GLIBC_[0-9][0-9.]*' | sort -u -V)
  newest=$(printf '%s\n' "$versions" | sed 's/GLIBC_//' | sort -V | tail -1)
  echo "glibc-floor: $f needs: $(printf '%s\n' "$versions" | tr '\n' ' ' | sed 's/ $//')"
  if [ "$(printf '%s\n%s\n' "$newest" "$floor" | sort -V | tail -1)" != "$floor" ]; then
    echo "FAIL: $f needs GLIBC_$newest, newer than GLIBC_$floor:"
    objdump -T "$f" | awk -v f="$floor" '
      match($0, /GLIBC_[0-9][0-9.]*/) {
        v = substr($0, RSTART + 6, RLENGTH - 6)
        split(v, a, "."); split(f, b, ".")
        if (a[1] + 0 > b[1] + 0 || (a[1] + 0 == b[1] + 0 && a[2] + 0 > b[2] + 0))
          print "  " $NF " (GLIBC_" v ")"
      }'
    fail=1
  fi
  if objdump -T "$f" | grep -q 'GLIBC_PRIVATE'; then
    echo "FAIL: $f uses GLIBC_PRIVATE symbols"
    fail=1
  fi
  # dlopen@GLIBC_2.2.5 exists in libc only from 2.34: before, in libdl.
  if objdump -T "$f" | grep -q ' dlopen$\| dlopen@' &&
     ! readelf -d "$f" | grep -q 'Shared library: \[libdl\.so\.2\]'; then
    echo "FAIL: $f calls dlopen but has no DT_NEEDED on libdl.so.2 (needed on glibc < 2.34)"
    fail=1
  fi
done
exit $fail
