#!/usr/bin/env bash
# Download Debian packages of another suite (or architecture) and unpack
# them (nothing is installed), with a private apt state so that the
# system's lists, cache and dpkg database stay untouched.
#
#   debian-fetch.sh SUITE DEST PKG...
#       PKG of the build machine's architecture, the newest version in
#       SUITE main (never the installed one).
#   debian-fetch.sh --arch DEBARCH SUITE DEST PKG...
#       A sysroot of another architecture: PKG and everything it depends
#       on (Depends and Pre-Depends, recursively), with absolute symlinks
#       pointing inside it, for cross builds and qemu-user runs. Nothing is
#       installed: `dpkg --add-architecture` plus an install of Debian 12's
#       librbd1/librados2 (not Multi-Arch: same) would remove the native
#       Ceph packages.
#
# Unpacks into DEST/root and prints that directory. A no-op (works offline)
# once DEST/.complete exists for the same request.
# Exit status: 0 ok, 1 failure, 2 usage, 77 archive unreachable ("SKIP: ...").
set -euo pipefail

PROG=${0##*/}
ARCH=
if [[ ${1:-} == --arch ]]; then
    ARCH=${2:?usage}
    shift 2
fi
[[ $# -ge 3 ]] || { echo "usage: $PROG [--arch DEBARCH] SUITE DEST PKG..." >&2; exit 2; }
SUITE=$1 DEST=$(realpath -m "$2")
shift 2
PKGS=("$@")
APT_URI=${VENDOR_LIBS_APT_URI:-http://deb.debian.org/debian}
request="${PKGS[*]}"
[[ -z $ARCH ]] || request="$ARCH $SUITE ${PKGS[*]}"
where=$SUITE${ARCH:+/$ARCH}

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
echo "deb [${ARCH:+arch=$ARCH }signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $APT_URI $SUITE main" \
    >"$apt/etc/sources.list"
opts=(
    -o "Dir::State=$apt" -o "Dir::State::Lists=$apt/lists"
    -o "Dir::Cache=$apt/cache" -o "Dir::Etc::SourceList=$apt/etc/sources.list"
    -o Dir::Etc::SourceParts=/nonexistent
    -o Dir::Etc::Preferences=/dev/null -o Dir::Etc::PreferencesParts=/nonexistent
    -o APT::Sandbox::User=root -o Acquire::Languages=none
    -o Acquire::Retries=2 -o Acquire::http::Timeout=30
)
if [[ -n $ARCH ]]; then
    # An empty dpkg status: every dependency is "not installed", so the
    # closure below is the whole set the sysroot needs.
    : >"$apt/status"
    opts+=(-o "APT::Architecture=$ARCH" -o "APT::Architectures::=$ARCH"
           -o "Dir::State::status=$apt/status")
fi
if ! timeout 600 apt-get "${opts[@]}" -q update >"$DEST/apt-update.log" 2>&1 ||
    grep -qE '^(E|W): (Failed to fetch|Some index files failed)' "$DEST/apt-update.log"; then
    sed 's/^/    /' "$DEST/apt-update.log" >&2
    skip "cannot reach the Debian archive for $where (apt-get update failed)"
fi
want=()
if [[ -z $ARCH ]]; then
    for pkg in "${PKGS[@]}"; do
        # An explicit version: the installed package would otherwise win.
        ver=$(apt-cache "${opts[@]}" madison "$pkg" |
            awk -F'|' -v s="$SUITE/main" '$3 ~ s { gsub(/ /, "", $2); print $2; exit }')
        [[ -n $ver ]] || skip "$pkg not found in Debian $SUITE main"
        want+=("$pkg=$ver")
    done
else
    for pkg in "${PKGS[@]}"; do
        apt-cache "${opts[@]}" show "$pkg:$ARCH" >/dev/null 2>&1 ||
            skip "$pkg not found for $ARCH in Debian $SUITE main"
    done
    # The dependency closure, first alternative of each "a | b", virtual
    # packages by their first provider (apt-cache prints both; a virtual
    # one has no candidate and is left out).
    mapfile -t closure < <(apt-cache "${opts[@]}" depends --recurse \
        --no-recommends --no-suggests --no-conflicts --no-breaks \
        --no-replaces --no-enhances "${PKGS[@]/%/:$ARCH}" |
        awk '/^[a-z0-9]/ && !/^ / { sub(/:.*/, ""); print }' | sort -u)
    for pkg in "${closure[@]}"; do
        if apt-cache "${opts[@]}" show "$pkg:$ARCH" >/dev/null 2>&1; then
            want+=("$pkg:$ARCH")
        fi
    done
fi
log "apt-get download ${#want[@]} packages ($where)"
rm -f "$debs"/*.deb
(cd "$debs" && timeout 900 apt-get "${opts[@]}" -q download "${want[@]}") \
    >"$DEST/apt-download.log" 2>&1 || {
    sed 's/^/    /' "$DEST/apt-download.log" >&2
    skip "cannot download ${PKGS[*]} ($where) from the Debian archive"
}
rm -rf "$DEST/root.tmp" "$DEST/root"
mkdir -p "$DEST/root.tmp"
for deb in "$debs"/*.deb; do
    dpkg -x "$deb" "$DEST/root.tmp"
done
if [[ -n $ARCH ]]; then
    # Absolute symlinks (libfoo.so -> /lib/...) must point inside the sysroot.
    find "$DEST/root.tmp" -type l -lname '/*' -print0 |
        while IFS= read -r -d '' l; do
            ln -sfn "$DEST/root$(readlink "$l")" "$l"
        done
fi
mv "$DEST/root.tmp" "$DEST/root"
{ echo "$request"; printf '%s\n' "${want[@]}"; } >"$DEST/.complete"
echo "$DEST/root"
