#!/usr/bin/env bash
# rbdcompat-bundle without a cluster: a bundle of this machine's Ceph 16.2
# passes the static --verify, and each kind of damage makes it fail naming
# the file: a changed byte, a RUNPATH out of the bundle, a musl program, a
# library without the symbol versions its users need, a deleted library.
# Bad input gives exit 2 and a message.
#
#   static.sh BUILD_DIR
set -euo pipefail

(($# == 1)) || { echo "usage: ${0##*/} BUILD_DIR" >&2; exit 2; }
BUILD=$(cd "$1" && pwd -P)
TOOL=(/usr/bin/python3 "$BUILD/tools/bundle/rbdcompat-bundle")
SYS_LIB=/usr/lib/x86_64-linux-gnu
[[ -e $SYS_LIB/librbd.so.1 && -e $SYS_LIB/librados.so.2 ]] ||
    { echo "SKIP: $SYS_LIB/librbd.so.1 is not installed (librbd1)"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/rbdcompat-bundle-static.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
passed=0 failed=0
pass() { passed=$((passed + 1)); echo "PASS: $*"; }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; sed 's/^/    | /' "$work/out" | tail -n 15; }

"${TOOL[@]}" --librbd "$SYS_LIB/librbd.so.1" --librados "$SYS_LIB/librados.so.2" \
    --out "$work/b" >"$work/out" 2>&1 || { fail "bundle of Ceph 16.2"; exit 1; }
if "${TOOL[@]}" --verify "$work/b" >"$work/out" 2>&1 && grep -qx 'verify: PASSED' "$work/out"; then
    pass "a fresh bundle passes: $(grep '^ok:' "$work/out" | head -n 1)"
else
    fail "a fresh bundle does not pass --verify"
fi

# damaged DESC PATTERN CMD...: CMD changes a copy; --verify must exit 1 with
# a line matching PATTERN.
damaged() {
    local desc=$1 pattern=$2 rc=0
    shift 2
    rm -rf "$work/c"
    cp -a "$work/b" "$work/c"
    (cd "$work/c" && "$@") >"$work/out" 2>&1 || { fail "$desc: the damage itself failed"; return; }
    "${TOOL[@]}" --verify "$work/c" >"$work/out" 2>&1 || rc=$?
    if ((rc == 1)) && grep -qE "$pattern" "$work/out"; then
        pass "$desc: $(grep -m1 -E "$pattern" "$work/out")"
    else
        fail "$desc: exit $rc, no line matching /$pattern/"
    fi
}
libceph=$(cd "$work/b/lib" && ls libceph-common.so.*)
damaged "a byte appended" "^CHANGED: lib/$libceph" sh -c "printf x >>lib/$libceph"
damaged "a RUNPATH into the system" "^OUTSIDE: lib/libz.so.1 has RUNPATH $SYS_LIB" \
    patchelf --set-rpath "$SYS_LIB" lib/libz.so.1
damaged "a library without the versions its users need" \
    "^VERSION: .* needs (GLIBCXX|CXXABI)_[0-9.]+ of libstdc\+\+.so.6" cp lib/libm.so.6 lib/libstdc++.so.6
damaged "the vendor's librados deleted" \
    "^MISSING: lib/rbdcompat/vendor/librbd.so.1 needs librados.so.2 \\(the vendor's librados.so.2\\)" \
    rm lib/rbdcompat/vendor/librados.so.2
if command -v musl-gcc >/dev/null; then
    printf 'int main(void){return 0;}\n' >"$work/m.c"
    musl-gcc -o "$work/musl-prog" "$work/m.c"
    damaged "a musl program put in" "^MUSL: libexec/musl-prog is built for musl" \
        cp "$work/musl-prog" libexec/musl-prog
    rc=0
    "${TOOL[@]}" --librbd "$SYS_LIB/librbd.so.1" --librados "$SYS_LIB/librados.so.2" \
        --binary "$work/musl-prog" --out "$work/m" >"$work/out" 2>&1 || rc=$?
    if ((rc == 2)) && grep -q 'is built for musl' "$work/out" && [[ ! -e $work/m/manifest.json ]]; then
        pass "--binary of a musl program: exit 2, $(grep -o 'is built for musl[^:]*' "$work/out")"
    else
        fail "--binary of a musl program: exit $rc"
    fi
else
    echo "SKIP: musl-gcc is not installed (musl-tools): no musl program to flag"
fi

# bad_input DESC PATTERN ARGS...: exit 2 and a message.
bad_input() {
    local desc=$1 pattern=$2 rc=0
    shift 2
    "${TOOL[@]}" "$@" >"$work/out" 2>&1 || rc=$?
    if ((rc == 2)) && grep -qE "$pattern" "$work/out"; then
        pass "$desc: $(grep -m1 -E "$pattern" "$work/out")"
    else
        fail "$desc: exit $rc, no line matching /$pattern/"
    fi
}
bad_input "--out exists" "exists and is not an empty directory" \
    --librbd "$SYS_LIB/librbd.so.1" --librados "$SYS_LIB/librados.so.2" --out "$work/b"
bad_input "the shim as --librbd" "is librbdcompat" \
    --librbd "$BUILD/lib/librbdcompat.so.1" --librados "$SYS_LIB/librados.so.2" --out "$work/x"
bad_input "librados as --librbd" "has SONAME librados.so.2, not librbd.so.1" \
    --librbd "$SYS_LIB/librados.so.2" --librados "$SYS_LIB/librados.so.2" --out "$work/x"
bad_input "a script as --binary" "not an ELF file" --librbd "$SYS_LIB/librbd.so.1" \
    --librados "$SYS_LIB/librados.so.2" --binary "$0" --out "$work/x"
bad_input "--conf without --keyring" "go together" --verify "$work/b" --conf /dev/null
rc=0
"${TOOL[@]}" --verify "$work" >"$work/out" 2>&1 || rc=$?
if ((rc == 1)) && grep -q 'not a bundle' "$work/out"; then
    pass "--verify of a directory that is no bundle: exit 1, not a bundle"
else
    fail "--verify of a directory that is no bundle: exit $rc"
fi
echo "bundle-static: $passed passed, $failed failed"
((failed == 0))
