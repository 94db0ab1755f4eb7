#!/usr/bin/env bash
# Download Debian packages of another suite and unpack them (nothing is
# installed), with a private apt state so that the system's lists and cache
# stay untouched.
#
#   debian-fetch.sh SUITE DEST PKG...
#
# Unpacks into DEST/root and prints that directory. A no-op (works offline)
# once DEST/.complete exists for the same package list. The newest version
# of each package in SUITE main is taken, never the installed one.
# Exit status: 0 ok, 1 failure, 2 usage, 77 archive unreachable ("SKIP: ...").
set -euo pipefail

PROG=${0##*/}
[[ $# -ge 3 ]] || { echo "usage: $PROG SUITE DEST PKG..." >&2; exit 2; }
SUITE=$1 DEST=$2
shift 2
PKGS=("$@")
APT_URI=${VENDOR_LIBS_APT_URI:-http://deb.debian.org/debian}

log() { printf '%s: %s\n' "$PROG" "$*" >&2; }
skip() { echo "SKIP: $*"; exit 77; }

mkdir -p "$DEST"
exec 9>"$DEST/.lock"
flock -w 600 9 || { log "cannot lock $DEST/.lock"; exit 1; }
if [[ -f $DEST/.complete && $(head -n 1 "$DEST/.complete") == "${PKGS[*]}" ]]; then
    echo "$DEST/root"
    exit 0
fi
if ! command -v apt-get >/dev/null || ! command -v dpkg >/dev/null; then
    skip "apt-get/dpkg not available"
fi

apt=$DEST/apt debs=$DEST/debs
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/etc" "$debs"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $APT_URI $SUITE main" \
    >"$apt/etc/sources.list"
opts=(
    -o "Dir::State=$apt" -o "Dir::State::Lists=$apt/lists"
    -o "Dir::Cache=$apt/cache" -o "Dir::Etc::SourceList=$apt/etc/sources.list"
    -o Dir::Etc::SourceParts=/nonexistent
    -o Dir::Etc::Preferences=/dev/null -o Dir::Etc::PreferencesParts=/nonexistent
    -o APT::Sandbox::User=root -o Acquire::Languages=none
    -o Acquire::Retries=2 -o Acquire::http::Timeout=30
)
if ! timeout 600 apt-get "${opts[@]}" -q update >"$DEST/apt-update.log" 2>&1 ||
    grep -qE '^(E|W): (Failed to fetch|Some index files failed)' "$DEST/apt-update.log"; then
    sed 's/^/    /' "$DEST/apt-update.log" >&2
    skip "cannot reach the Debian archive for $SUITE (apt-get update failed)"
fi
want=()
for pkg in "${PKGS[@]}"; do
    # An explicit version: the installed package would otherwise win.
    ver=$(apt-cache "${opts[@]}" madison "$pkg" |
        awk -F'|' -v s="$SUITE/main" '$3 ~ s { gsub(/ /, "", $2); print $2; exit }')
    [[ -n $ver ]] || skip "$pkg not found in Debian $SUITE main"
    want+=("$pkg=$ver")
done
log "apt-get download ${want[*]} ($SUITE)"
rm -f "$debs"/*.deb
(cd "$debs" && timeout 600 apt-get "${opts[@]}" -q download "${want[@]}") \
    >"$DEST/apt-download.log" 2>&1 || {
    sed 's/^/    /' "$DEST/apt-download.log" >&2
    skip "cannot download ${want[*]} from the Debian archive"
}
rm -rf "$DEST/root.tmp" "$DEST/root"
mkdir -p "$DEST/root.tmp"
for deb in "$debs"/*.deb; do
    dpkg -x "$deb" "$DEST/root.tmp"
done
mv "$DEST/root.tmp" "$DEST/root"
{ echo "${PKGS[*]}"; printf '%s\n' "${want[@]}"; } >"$DEST/.complete"
echo "$DEST/root"
