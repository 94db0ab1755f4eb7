#!/usr/bin/env bash
# rbdcompat-dropin on a --root tree (no cluster, nothing of the machine
# written): install, the linker cache after ldconfig -r, check, remove back
# to a byte-identical tree, and every refusal leaving the tree unchanged.
#
#   root-tree.sh BUILD_DIR
#
# The tree holds the `meson install --destdir` of BUILD_DIR and copies of
# this machine's librbd/librados (the vendor), laid out as Debian does.
# Exit 77 when this machine has no librbd.so.1/librados.so.2 to copy.
set -euo pipefail

build=$(cd "$1" && pwd -P)
sys=/usr/lib/x86_64-linux-gnu
[[ -e $sys/librbd.so.1 && -e $sys/librados.so.2 ]] ||
    { echo "SKIP: no $sys/librbd.so.1 and librados.so.2 to use as the vendor"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/rbdcompat-root.XXXXXX")
trap 'rm -rf "$work"' EXIT
dest=$work/dest
meson install -C "$build" --destdir "$dest" --no-rebuild --quiet >/dev/null
tool_dest=$(find "$dest" -name rbdcompat-dropin -type f | head -n 1)
vendor_dir=$(sed -n "s/^VENDOR_DIR = '\(.*\)'\$/\1/p" "$tool_dest")
tool=${tool_dest#"$dest"}
failed=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; failed=1; }

# A fresh tree: the shim installed, the vendor's libraries as Debian has them.
new_tree() {
    local r=$1 f
    rm -rf "$r"
    mkdir -p "$r/etc/ld.so.conf.d" "$r$sys"
    cp -a "$dest/." "$r/"
    echo 'include /etc/ld.so.conf.d/*.conf' >"$r/etc/ld.so.conf"
    printf '%s\n' /usr/local/lib/x86_64-linux-gnu "$sys" >"$r/etc/ld.so.conf.d/multiarch.conf"
    for f in librbd.so.1 librados.so.2; do
        cp "$(readlink -f "$sys/$f")" "$r$sys/"
        ln -s "$(basename "$(readlink -f "$sys/$f")")" "$r$sys/$f"
    done
    ln -s librbd.so.1 "$r$sys/librbd.so"
}

snapshot() { # ROOT
    (cd "$1" && find . -printf '%p %y %m %l\n' | sort &&
        find . -type f ! -name ld.so.cache -exec sha256sum {} + | sort)
}

run() { # ROOT ARGS...: the tool from inside the tree, output in $work/out
    local r=$1 rc=0
    shift
    "$r$tool" "$@" >"$work/out" 2>&1 || rc=$?
    sed 's/^/    | /' "$work/out"
    return "$rc"
}

# refused DESC ROOT ARGS...: must exit 1 with "refused:" and change nothing.
refused() {
    local desc=$1 r=$2 rc=0
    shift 2
    snapshot "$r" >"$work/before"
    run "$r" "$@" || rc=$?
    if ((rc == 1)) && grep -q 'refused: ' "$work/out" && snapshot "$r" | cmp -s - "$work/before"; then
        pass "$desc: $(grep -o 'refused: .*' "$work/out" | head -n 1)"
    else
        fail "$desc (status $rc, or the tree changed)"
    fi
}

r=$work/root
new_tree "$r"
snapshot "$r" >"$work/original"

# install
if run "$r" install --root "$r" && grep -q 'run ldconfig for' "$work/out" &&
    [[ $(readlink "$r$sys/librbd.so.1") == ../../local/lib/x86_64-linux-gnu/rbdcompat/glue/librbd.so.1 ]] &&
    [[ $(readlink -f "$r$sys/librbd.so.1") == "$r"/*/rbdcompat/glue/librbd.so.1 ]] &&
    cmp "$r$vendor_dir/librbd-vendor.so.1" "$(readlink -f "$sys/librbd.so.1")" &&
    cmp "$r$vendor_dir/librados-vendor.so.2" "$(readlink -f "$sys/librados.so.2")" &&
    [[ $(readlink "$r$sys/librbd.so") == "$vendor_dir/$(basename "$(readlink -f "$sys/librbd.so.1")")" ]] &&
    ! ls "$r$sys"/librbd.so.1.* "$r$sys"/librados.so.2.* 2>/dev/null; then
    pass "install --root: sonames -> glue, vendor files byte-identical in $vendor_dir, librbd.so follows them"
else
    fail "install --root"
fi
refused "install again" "$r" install --root "$r"

# The linker cache of the tree, then check (ldconfig -r chroots: root only).
if ((EUID == 0)); then
    ldconfig -r "$r"
    if run "$r" check --root "$r" --no-programs; then
        pass "check --root after ldconfig -r: $(grep -c '^ok:' "$work/out") ok lines, nothing found"
    else
        fail "check --root after ldconfig -r"
    fi
    # The trap: a vendor file left in a scanned directory.
    cp "$r$vendor_dir/librbd-vendor.so.1" "$r$sys/librbd.so.1.99.0"
    if ! run "$r" check --root "$r" --no-programs &&
        grep -q "^FOUND: $sys/librbd.so.1.99.0 has SONAME librbd.so.1 in $sys, which ldconfig scans" "$work/out"; then
        pass "check --root finds a vendor file in a scanned directory (exit 1)"
    else
        fail "check --root with a vendor file in a scanned directory"
    fi
    rm "$r$sys/librbd.so.1.99.0"
    rm -f "$r/etc/ld.so.cache"
else
    echo "SKIP: check --root (ldconfig -r needs root)"
fi
# A package upgrade put the vendor's file back: remove must not clobber it.
real=$(basename "$(readlink -f "$sys/librbd.so.1")")
cp "$r$vendor_dir/$real" "$r$sys/$real"
refused "remove while the vendor's file is back (an upgrade)" "$r" remove --root "$r"
rm "$r$sys/$real"

if run "$r" remove --root "$r" && snapshot "$r" | cmp -s - "$work/original"; then
    pass "remove --root: the tree is byte-identical to before install"
else
    snapshot "$r" | diff -u "$work/original" - | head -n 20 || true
    fail "remove --root: the tree differs"
fi
refused "remove when not installed" "$r" remove --root "$r"

# Refusals on trees that are off.
new_tree "$r"
rm "$r$sys"/librbd.so*
refused "no vendor librbd" "$r" install --root "$r"

new_tree "$r"
rm "$r$sys/librbd.so.1"
echo 'not a library' >"$r$sys/librbd.so.1"
refused "librbd.so.1 not ELF" "$r" install --root "$r"

new_tree "$r"
rm "$r$sys/librbd.so.1"
ln -s ../../local/lib/x86_64-linux-gnu/librbdcompat.so.1 "$r$sys/librbd.so.1"
refused "librbd.so.1 is the shim (an old drop-in)" "$r" install --root "$r"

new_tree "$r"
rm "$r$sys/librados.so.2"
ln -s "$(basename "$(readlink -f "$sys/librbd.so.1")")" "$r$sys/librados.so.2"
refused "librados.so.2 is a librbd" "$r" install --root "$r"

new_tree "$r"
echo "$vendor_dir" >>"$r/etc/ld.so.conf.d/multiarch.conf"
mkdir -p "$r$vendor_dir"
refused "the vendor directory is scanned by ldconfig" "$r" install --root "$r"

new_tree "$r"
mkdir -p "$r/usr/lib64"
cp "$(readlink -f "$sys/librbd.so.1")" "$r/usr/lib64/librbd.so.1"
refused "librbd.so.1 in two scanned directories" "$r" install --root "$r"

# --into: bad vendors and bad usage.
rc=0
run "$r" --into "$work/into" --vendor-librbd "$sys/librados.so.2" --vendor-librados "$sys/librados.so.2" || rc=$?
if ((rc == 1)) && [[ ! -e $work/into ]] && grep -q 'not librbd.so.1' "$work/out"; then
    pass "--into with librados as the librbd: refused, nothing written"
else
    fail "--into with a wrong vendor (status $rc)"
fi
rc=0
run "$r" --into "$work/into" --vendor-librbd "$sys/librbd.so.1" || rc=$?
if ((rc == 2)) && [[ ! -e $work/into ]]; then
    pass "--into without --vendor-librados: usage error (2)"
else
    fail "--into without --vendor-librados (status $rc)"
fi

((failed == 0))
