#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Cross-build librbdcompat for another architecture with Debian 12's cross
# compilers and run its unit tests under qemu-user:
#
#   scripts/cross.sh [--build-only] ARCH...     ARCH: aarch64 s390x ppc64el riscv64
#
# For each ARCH: fetches the foreign Debian packages the tests link (libffi,
# check) into a private sysroot (tests/cluster/debian-fetch.sh --arch: a private
# apt state and `dpkg -x`, never `dpkg --add-architecture`), writes a meson
# cross file whose exe_wrapper is qemu-<arch> over that sysroot, builds in
# build-cross-ARCH/ and runs the compiled unit tests (meson test, suite
# unit) under qemu; then checks, from the built library alone, the glibc
# floor (tests/platform/glibc_floor.sh) and every exported forwarder's
# instructions (tests/cross/check-forwarders.py: count, no stack access).
# Tests that cannot run under qemu-user are named with the reason.
#
# --build-only, or an ARCH whose packages Debian 12 does not have (riscv64
# is not a Debian 12 architecture): build without the tests and run the two
# checks only. When the archive is unreachable the tests are skipped (a
# build-only run) and the script says so.
#
# Environment: RBDCOMPAT_CROSS_CACHE (sysroots, default SRC/build-cross-cache),
# CROSS_BUILD_PREFIX (build directory prefix, default SRC/build-cross-),
# CROSS_JOBS (default 2), CROSS_MESON_ARGS (more meson setup options).
# Exit status: 0 when every ARCH built and passed.
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
cache=${RBDCOMPAT_CROSS_CACHE:-$src/build-cross-cache}
prefix=${CROSS_BUILD_PREFIX:-$src/build-cross-}
jobs=${CROSS_JOBS:-2}
read -r -a extra <<< "${CROSS_MESON_ARGS:-}"

build_only=0
arches=()
for a in "$@"; do
  case $a in
    --build-only) build_only=1 ;;
    aarch64|arm64) arches+=(aarch64) ;;
    s390x|ppc64el|riscv64) arches+=("$a") ;;
    ppc64le) arches+=(ppc64el) ;;
    *) echo "usage: $0 [--build-only] aarch64|s390x|ppc64el|riscv64..." >&2; exit 2 ;;
  esac
done
[[ ${#arches[@]} -gt 0 ]] || { echo "usage: $0 [--build-only] aarch64|s390x|ppc64el|riscv64..." >&2; exit 2; }

log() { printf 'cross: %s\n' "$*" >&2; }

# Tests of suite unit that do not run in a cross build, with the reason.
declare -A not_under_qemu=(
  [cleanup-memcheck]="valgrind is the build machine's (x86_64)"
  [callgrind-ceiling]="valgrind is the build machine's; check-forwarders.py checks the forwarder instead"
  [headers-pacific]="compares header text: the same on every architecture"
  [headers-upstream]="compares header text: the same on every architecture"
  [pkgconfig-consumer]="builds its consumer with the build machine's compiler"
  [fault-setuid]="a setuid program under qemu-user is not a secure-execution process"
  [fault-fuzz-config]="a shell script that runs its fuzzer without the exe wrapper"
  [fault-env]="re-executes itself, and qemu-user (no binfmt_misc) cannot exec a foreign binary"
  [fault-fork]="fork() amid threads can deadlock inside qemu-user itself (one run hung for 20 minutes; the native and variant builds run it)"
  [threads]="its fork_with_calls_in_flight case forks amid threads, which can deadlock inside qemu-user itself (ppc64el: 3 hangs in 12 runs); the native and variant builds run it"
  [dropin-root]="runs rbdcompat-dropin over the build machine's x86_64 library tree"
  [bundle-static]="runs rbdcompat-bundle, which resolves libraries in the build machine's x86_64 directories"
  [bundle-origin]="a shell script that runs the bundled files natively"
)

# ARCH -> Debian architecture, GNU triplet, meson cpu_family, cpu, endian, qemu
arch_info() {
  case $1 in
    aarch64) echo "arm64 aarch64-linux-gnu aarch64 aarch64 little qemu-aarch64" ;;
    s390x) echo "s390x s390x-linux-gnu s390x s390x big qemu-s390x" ;;
    ppc64el) echo "ppc64el powerpc64le-linux-gnu ppc64 ppc64le little qemu-ppc64le" ;;
    riscv64) echo "riscv64 riscv64-linux-gnu riscv64 riscv64 little qemu-riscv64" ;;
  esac
}

one_arch() {
  local arch=$1 deb triplet family cpu endian qemu
  read -r deb triplet family cpu endian qemu < <(arch_info "$arch")
  local dir=$prefix$arch tests=1 sysroot="" fwd=auto
  [[ $arch == ppc64el ]] && fwd=typed   # no assembly forwarders (README)
  command -v "$triplet-gcc" >/dev/null || { log "$arch: no $triplet-gcc"; return 1; }

  if [[ $build_only == 1 ]]; then
    tests=0
  elif [[ $arch == riscv64 ]]; then
    log "$arch: tests not run: Debian 12 has no riscv64 packages of libffi and check (build and checks only)"
    tests=0
  else
    local rc=0 out
    out=$("$src/tests/cluster/debian-fetch.sh" --arch "$deb" bookworm "$cache/$deb-unit" \
            libc6 libffi-dev check libsubunit-dev) || rc=$?
    if [[ $rc == 0 ]]; then
      sysroot=$out
    elif [[ $rc == 77 ]]; then
      log "$arch: tests skipped: $out (build and checks only)"
      tests=0
    else
      log "$arch: cannot make the sysroot"; return 1
    fi
  fi

  local conf=$dir.conf
  mkdir -p "$conf"
  local cross=$conf/cross.ini wrapper=$conf/qemu-wrapper.sh
  if [[ -n $sysroot ]]; then
    # The guest's libraries come from the sysroot, libc included: qemu -L
    # makes it the root for the guest's absolute paths (its loader first).
    cat >"$wrapper" <<EOW
#!/bin/sh
exec $qemu -L '$sysroot' "\$@"
EOW
    chmod +x "$wrapper"
  fi
  {
    echo "[binaries]"
    echo "c = '$triplet-gcc'"
    echo "ar = '$triplet-gcc-ar'"
    echo "strip = '$triplet-strip'"
    echo "pkgconfig = 'pkg-config'"
    [[ -n $sysroot ]] && echo "exe_wrapper = '$wrapper'"
    echo "[properties]"
    if [[ -n $sysroot ]]; then
      echo "sys_root = '$sysroot'"
      echo "pkg_config_libdir = ['$sysroot/usr/lib/$triplet/pkgconfig', '$sysroot/usr/share/pkgconfig']"
    else
      echo "pkg_config_libdir = ['/nonexistent']"
    fi
    echo "[built-in options]"
    if [[ -n $sysroot ]]; then
      # Multiarch headers (ffi.h) are where a native compiler looks by
      # itself, so their .pc files do not name the directory.
      echo "c_args = ['-isystem', '$sysroot/usr/include/$triplet']"
      echo "c_link_args = ['-L$sysroot/usr/lib/$triplet', '-Wl,-rpath-link,$sysroot/usr/lib/$triplet', '-Wl,-rpath-link,$sysroot/lib/$triplet']"
    fi
    echo "[host_machine]"
    echo "system = 'linux'"
    echo "cpu_family = '$family'"
    echo "cpu = '$cpu'"
    echo "endian = '$endian'"
  } >"$cross"

  local opts=(--cross-file "$cross" -Dforwarders="$fwd")
  [[ $tests == 1 ]] || opts+=(-Dtests=disabled)
  log "$arch: meson setup ${opts[*]} ${extra[*]}"
  # meson keeps its own copy of a cross file: a changed one needs --wipe.
  local again=()
  if [[ -f $dir/meson-private/coredata.dat ]]; then
    again=(--reconfigure)
    cmp -s "$cross" "$conf/cross.ini.used" || again=(--wipe)
  fi
  cp "$cross" "$conf/cross.ini.used"
  meson setup "${again[@]}" "$dir" "$src" "${opts[@]}" "${extra[@]}" >"$conf/setup.log" 2>&1 ||
    { cat "$conf/setup.log" >&2; return 1; }
  ninja -C "$dir" -j "$jobs" >"$conf/build.log" 2>&1 || { tail -n 40 "$conf/build.log" >&2; return 1; }
  log "$arch: built"

  local fail=0 lib=$dir/lib/librbdcompat.so.1
  "$src/tests/platform/glibc_floor.sh" "$(meson introspect --buildoptions "$dir" |
      /usr/bin/python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"] == "glibc_floor"][0])')" \
      "$lib" || fail=1
  /usr/bin/python3 "$src/tests/cross/check-forwarders.py" --objdump "$triplet-objdump" \
      --forwarders "$fwd" --arch "$family" "$lib" || fail=1

  if [[ $tests == 1 ]]; then
    local names=() name
    while IFS= read -r name; do
      if [[ -n ${not_under_qemu[$name]:-} ]]; then
        log "$arch: not run under qemu: $name: ${not_under_qemu[$name]}"
      else
        names+=("$name")
      fi
    done < <(meson introspect --tests "$dir" | /usr/bin/python3 -c '
import json, sys
for t in json.load(sys.stdin):
    suites = [s.split(":")[-1] for s in t["suite"]]
    if "unit" in suites and "known-bug" not in suites and \
            ("probe" not in suites or t["name"] == "probe_glibc_start"):
        print(t["name"])')
    log "$arch: not run under qemu: suite probe: its Python tests run the probe as a native program (probe_glibc_start runs)"
    log "$arch: ${#names[@]} unit tests under $qemu"
    meson test -C "$dir" --print-errorlogs --num-processes "$jobs" \
      --timeout-multiplier 4 "${names[@]}" || fail=1
  fi
  return $fail
}

status=0
for a in "${arches[@]}"; do
  start=$SECONDS
  if one_arch "$a"; then
    log "$a: passed ($((SECONDS - start)) s)"
  else
    log "$a: FAILED ($((SECONDS - start)) s)"
    status=1
  fi
done
exit $status
