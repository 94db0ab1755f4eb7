#!/usr/bin/env bash
# Install the Debian packages librbdcompat needs to build, test and
# benchmark. Idempotent: does nothing when everything is installed.
# Usage: scripts/install-deps.sh
set -euo pipefail

packages=(
  # build
  meson ninja-build pkg-config gcc clang python3 binutils
  # unit tests
  check libffi-dev valgrind
  # the upstream (Pacific) headers and libraries to compare and test with
  librbd-dev librados-dev python3-rbd python3-rados
  # a real cluster and real consumers
  ceph-mon ceph-osd ceph-common fio qemu-utils qemu-block-extra golang-go
  # reach: musl, sanitizer runtimes, packaging
  musl-tools libclang-rt-14-dev dpkg-dev debhelper fakeroot rpm rpmlint
  # benchmarks
  hyperfine
  # cross builds run under qemu-user (scripts/cross.sh)
  gcc-aarch64-linux-gnu gcc-riscv64-linux-gnu gcc-s390x-linux-gnu
  gcc-powerpc64le-linux-gnu qemu-user
  libc6-dev-arm64-cross libc6-dev-s390x-cross libc6-dev-ppc64el-cross
  libc6-dev-riscv64-cross
  # bundles (rbdcompat-bundle patches RUNPATHs), ELF reading, lint
  patchelf libelf-dev shellcheck clang-tidy cppcheck clang-format
  # rbdcompat-bundle --verify: which files the check client opened
  strace
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
    missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: need root to install: ${missing[*]}" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
