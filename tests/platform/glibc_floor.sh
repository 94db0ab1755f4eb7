#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# A glibc build must load on the oldest glibc of its floor (meson
# -Dglibc_floor): no symbol version newer than the floor in what it needs
# (the version of every undefined dynamic symbol, and the version needs),
# no GLIBC_PRIVATE, and dlopen() and friends from where that glibc has
# them: libdl.so.2 below 2.34 (at the architecture's base version), libc.so.6
# from 2.34 (no libdl.so.2 then). The floor is never below the
# architecture's base version (the first glibc of the architecture: 2.2.5
# x86_64, 2.2 s390x, 2.17 aarch64 and ppc64le, 2.27 riscv64). On aarch64
# and ppc64le, whose kernels may use 64 KiB pages (EL7 aarch64 does),
# every loadable segment must be aligned to 64 KiB.
#
# Only readelf is used: it reads the ELF files of every architecture.
#
# Usage: glibc_floor.sh [FLOOR] FILE...      (FLOOR X.Y, default 2.17)
# GLIBC_FLOOR_DL=X.Y: where dlopen must come from follows this floor
# instead (a program that needs a newer glibc for another reason, such as
# the probe on ppc64le, still binds dlopen like the library).
set -euo pipefail

floor=2.17
if [[ ${1:-} =~ ^[0-9]+\.[0-9]+$ ]]; then
  floor=$1
  shift
fi
[[ $# -ge 1 ]] || { echo "usage: $0 [FLOOR] FILE..." >&2; exit 2; }

# newer A B: A is a newer version than B.
newer() { [[ $1 != "$2" && $(printf '%s\n%s\n' "$1" "$2" | sort -V | tail -n 1) == "$1" ]]; }

fail=0
for f in "$@"; do
  dyn=$(readelf -dW "$f")
  if ! grep -q 'Shared library: \[libc\.so\.6\]' <<<"$dyn"; then
    echo "glibc-floor: $f is not linked with glibc's libc.so.6; skipped"
    exit 77
  fi
  machine=$(readelf -hW "$f" | sed -n 's/^ *Machine: *//p')
  page64k=0
  case $machine in
    *X86-64*) base=2.2.5 ;;
    *S/390*) base=2.2 ;;
    *AArch64*) base=2.17 page64k=1 ;;
    *PowerPC64*) base=2.17 page64k=1 ;;
    *RISC-V*) base=2.27 ;;
    *) echo "glibc-floor: no base glibc version known for $machine; skipped"; exit 77 ;;
  esac
  want=$floor
  newer "$base" "$want" && want=$base
  # The field after UND (ppc64 adds "[<localentry>: 8]" before it).
  syms=$(readelf -W --dyn-syms "$f" |
         awk '{ for (i = 5; i < NF; i++) if ($i == "UND") { print $(i + 1); next } }')
  versions=$( { printf '%s\n' "$syms"; readelf -VW "$f"; } |
              grep -o 'GLIBC_[0-9][0-9.]*' | sort -u -V | tr '\n' ' ')
  echo "glibc-floor: $f ($machine, floor $want): needs $versions"
  for v in $versions; do
    if newer "${v#GLIBC_}" "$want"; then
      echo "FAIL: $f needs $v, newer than GLIBC_$want:"
      grep "@$v\$" <<<"$syms" | sed 's/^/  /'
      fail=1
    fi
  done
  if grep -q 'GLIBC_PRIVATE' <<<"$syms"; then
    echo "FAIL: $f uses GLIBC_PRIVATE symbols"
    fail=1
  fi
  dlopen=$(grep '^dlopen@' <<<"$syms" || true)
  dlwant=${GLIBC_FLOOR_DL:-$want}
  if [[ -n $dlopen ]]; then
    if newer 2.34 "$dlwant"; then
      [[ $dlopen == "dlopen@GLIBC_$base" ]] ||
        { echo "FAIL: $f binds $dlopen, not dlopen@GLIBC_$base (glibc < 2.34 has no other)"; fail=1; }
      grep -q 'Shared library: \[libdl\.so\.2\]' <<<"$dyn" ||
        { echo "FAIL: $f calls dlopen but has no DT_NEEDED on libdl.so.2 (needed on glibc < 2.34)"; fail=1; }
    else
      [[ $dlopen == dlopen@GLIBC_2.34 ]] ||
        { echo "FAIL: $f binds $dlopen, not the libc.so.6 dlopen@GLIBC_2.34 of its floor $dlwant"; fail=1; }
      if grep -q 'Shared library: \[libdl\.so\.2\]' <<<"$dyn"; then
        echo "FAIL: $f needs libdl.so.2, which a floor of $dlwant does not"
        fail=1
      fi
    fi
  fi
  if [[ $page64k == 1 ]]; then
    aligns=$(readelf -lW "$f" | awk '$1 == "LOAD" { print $NF }')
    for a in $aligns; do
      if (( a < 65536 )); then
        echo "FAIL: $f has a loadable segment aligned to $a bytes, below 64 KiB"
        fail=1
      fi
    done
    echo "glibc-floor: $f: loadable segments aligned to ${aligns//$'\n'/ } (64 KiB pages)"
  fi
done
exit $fail
