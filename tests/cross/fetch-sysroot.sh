#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# A private sysroot of another architecture's Debian packages, with their
# dependencies, for cross builds and qemu-user runs:
#
#   fetch-sysroot.sh DEBARCH SUITE DEST PKG...
#
# Downloads PKG and everything it depends on (Depends and Pre-Depends,
# recursively) for DEBARCH from Debian SUITE main with a private apt state
# (the system's lists, cache and dpkg database are not touched) and unpacks
# each with `dpkg -x` into DEST/root, which it prints. Nothing is installed:
# `dpkg --add-architecture` plus an install of Debian 12's librbd1/librados2
# (not Multi-Arch: same) would remove the native Ceph packages.
# A no-op (offline) once DEST/.complete lists the same request.
# Exit status: 0 ok, 1 failure, 2 usage, 77 archive unreachable ("SKIP: ...").
set -euo pipefail

PROG=${0##*/}
[[ $# -ge 4 ]] || { echo "usage: $PROG DEBARCH SUITE DEST PKG..." >&2; exit 2; }
ARCH=$1 SUITE=$2 DEST=$(realpath -m "$3")
shift 3
PKGS=("$@")
APT_URI=${VENDOR_LIBS_APT_URI:-http://deb.debian.org/debian}
request="$ARCH $SUITE ${PKGS[*]}"

log() { printf '%s: %s\n' "$PROG" "$*" >&2; }
skip() { echo "SKIP: $*"; exit 77; }

mkdir -p "$DEST"
exec 9>"$DEST/.lock"
flock -w 900 9 || { log "cannot lock $DEST/.lock"; exit 1; }
if [[ -f $DEST/.complete && $(head -n 1 "$DEST/.complete") == "$request" ]]; then
  echo "$DEST/root"
  exit 0
fi
if ! command -v apt-get >/dev/null || ! command -v dpkg >/dev/null; then
  skip "apt-get/dpkg not available"
fi

apt=$DEST/apt debs=$DEST/debs
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/etc" "$debs"
echo "deb [arch=$ARCH signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $APT_URI $SUITE main" \
  >"$apt/etc/sources.list"
# An empty dpkg status: every dependency is "not installed", so the
# closure below is the whole set the sysroot needs.
: >"$apt/status"
opts=(
  -o "APT::Architecture=$ARCH" -o "APT::Architectures::=$ARCH"
  -o "Dir::State=$apt" -o "Dir::State::Lists=$apt/lists"
  -o "Dir::State::status=$apt/status"
  -o "Dir::Cache=$apt/cache" -o "Dir::Etc::SourceList=$apt/etc/sources.list"
  -o Dir::Etc::SourceParts=/nonexistent
  -o Dir::Etc::Preferences=/dev/null -o Dir::Etc::PreferencesParts=/nonexistent
  -o APT::Sandbox::User=root -o Acquire::Languages=none
  -o Acquire::Retries=2 -o Acquire::http::Timeout=30
)
if ! timeout 600 apt-get "${opts[@]}" -q update >"$DEST/apt-update.log" 2>&1 ||
   grep -qE '^(E|W): (Failed to fetch|Some index files failed)' "$DEST/apt-update.log"; then
  sed 's/^/    /' "$DEST/apt-update.log" >&2
  skip "cannot reach the Debian archive for $SUITE/$ARCH (apt-get update failed)"
fi
for pkg in "${PKGS[@]}"; do
  apt-cache "${opts[@]}" show "$pkg:$ARCH" >/dev/null 2>&1 ||
    skip "$pkg not found for $ARCH in Debian $SUITE main"
done
# The dependency closure, first alternative of each "a | b", virtual
# packages by their first provider (apt-cache prints both).
mapfile -t want < <(apt-cache "${opts[@]}" depends --recurse --no-recommends \
    --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances \
    "${PKGS[@]/%/:$ARCH}" | awk '/^[a-z0-9]/ && !/^ / { sub(/:.*/, ""); print }' |
  sort -u)
real=()
for pkg in "${want[@]}"; do
  # Virtual packages have no candidate; their providers are listed too.
  if apt-cache "${opts[@]}" show "$pkg:$ARCH" >/dev/null 2>&1; then
    real+=("$pkg:$ARCH")
  fi
done
log "apt-get download ${#real[@]} packages for $ARCH ($SUITE)"
rm -f "$debs"/*.deb
(cd "$debs" && timeout 900 apt-get "${opts[@]}" -q download "${real[@]}") \
  >"$DEST/apt-download.log" 2>&1 || {
  sed 's/^/    /' "$DEST/apt-download.log" >&2
  skip "cannot download the $ARCH packages from the Debian archive"
}
rm -rf "$DEST/root.tmp" "$DEST/root"
mkdir -p "$DEST/root.tmp"
for deb in "$debs"/*.deb; do
  dpkg -x "$deb" "$DEST/root.tmp"
done
# Absolute symlinks (libfoo.so -> /lib/...) must point inside the sysroot.
find "$DEST/root.tmp" -type l -lname '/*' -print0 |
  while IFS= read -r -d '' l; do
    ln -sfn "$DEST/root$(readlink "$l")" "$l"
  done
mv "$DEST/root.tmp" "$DEST/root"
{ echo "$request"; printf '%s\n' "${real[@]}"; } >"$DEST/.complete"
echo "$DEST/root"
