#!/usr/bin/env bash
# Steps run inside in-system.sh --no-install (a private mount namespace
# where the vendor is the system's and nothing is installed yet):
#
#   system-steps.sh identical   install then remove leaves the library
#                               directories, the vendor directory and the
#                               linker cache byte-identical
#   system-steps.sh trap        ldconfig leaves the glue alone; a vendor file
#                               left in a scanned directory is the trap
#                               `check` must report
# DROPIN_TOOL is rbdcompat-dropin, VENDOR_DIR the vendor directory.
set -euo pipefail
: "${DROPIN_TOOL:?}" "${VENDOR_DIR:?}"
sys=/usr/lib/x86_64-linux-gnu

# Every entry: path, type, mode, link target, and the bytes of regular
# files (the libraries and the cache: those an install touches).
snapshot() {
    local d
    for d in "$sys" "${VENDOR_DIR%/vendor}"; do
        find "$d" -maxdepth 2 -printf '%p %y %m %l\n'
        find "$d" -maxdepth 2 -type f \( -name 'librbd*' -o -name 'librados*' \
            -o -name '*.json' \) -exec sha256sum {} +
    done | sort
    sha256sum /etc/ld.so.cache
}

case $1 in
identical)
    snapshot >before.txt
    "$DROPIN_TOOL" install
    [[ $(readlink -f "$sys/librbd.so.1") == */rbdcompat/glue/librbd.so.1 ]]
    [[ $(readlink -f "$sys/librados.so.2") == */rbdcompat/glue/librados.so.2 ]]
    snapshot >during.txt
    ! cmp -s before.txt during.txt
    # A second install is refused and changes nothing.
    if "$DROPIN_TOOL" install >again.out 2>&1; then
        echo "a second install was not refused"
        exit 1
    fi
    grep 'refused: already installed' again.out
    snapshot | cmp - during.txt
    "$DROPIN_TOOL" remove
    snapshot >after.txt
    diff -u before.txt after.txt
    echo "identical: $(wc -l <before.txt) entries, the same after install and remove"
    ;;
trap)
    "$DROPIN_TOOL" install
    ldconfig
    "$DROPIN_TOOL" check --no-programs
    echo "ldconfig left the glue alone: check passed"
    # The measured trap: a file of the soname left in a scanned directory.
    cp "$VENDOR_DIR/librbd-vendor.so.1" "$sys/librbd.so.1.99.0"
    ldconfig
    readlink "$sys/librbd.so.1"
    rc=0
    "$DROPIN_TOOL" check --no-programs >trap.out || rc=$?
    cat trap.out
    ((rc == 1))
    grep -E "^FOUND: $sys/librbd.so.1.99.0 has SONAME librbd.so.1 in $sys, which ldconfig scans" trap.out
    grep -E '^FOUND: librbd.so.1: the linker cache gives .*, not the glue' trap.out
    echo "trap: check reported the stray vendor file and the re-pointed cache"
    ;;
*)
    echo "usage: system-steps.sh {identical|trap}" >&2
    exit 2
    ;;
esac
