#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Build librbdcompat, its mocks and the unit tests with musl-gcc and run
# the unit tests that do not depend on glibc. Debian has musl-gcc but no
# musl build of Check or libffi, so:
#   - Check: minicheck/ (the part of Check's API the tests use), built here
#     with musl-gcc and found through a check.pc of its own;
#   - libffi: none. A placeholder libffi.pc lets meson configure; the one
#     test that needs libffi (conformance) is not built or run;
#   - kernel headers: <linux/types.h> (included by librbd.h) from Debian's
#     linux-libc-dev, which musl-gcc does not search by itself.
# Only the targets the chosen tests need are built.
#
# Not run on musl, and why:
#   conformance        needs libffi; its hidden base versions (below)
#   versions           calls the hidden base versions by dlvsym(): musl
#                      binds default versions only (default-versions runs)
#   cleanup            weighs the heap with glibc's mallinfo2()
#   cleanup-memcheck   valgrind
#   pkgconfig-consumer builds its consumer with the system (glibc) cc
#   fault-fuzz-config  a clang/glibc build: nothing musl about it
#   suite probe        runs the (musl) probe against Debian's glibc-built
#                      Pacific libraries, which a musl process cannot load
# Single test cases (minicheck's MINICHECK_SKIP / MINICHECK_XFAIL):
#   an_already_loaded_librbd_is_used (vendor)   skipped: musl recognises a
#       loaded library by the name it was loaded under, never by DT_SONAME,
#       so a librbd the program dlopen()ed by path is not found by
#       dlopen("librbd.so.1", RTLD_NOLOAD). (One linked by soname, the
#       LD_PRELOAD case, is found.)
set -euo pipefail

src=$(cd "$(dirname "$0")/../../.." && pwd)
dir=${MUSL_BUILD_DIR:-$src/build-musl}
support=$dir-support
jobs=${VARIANTS_JOBS:-2}
not_on_musl=(conformance versions cleanup cleanup-memcheck pkgconfig-consumer
             fault-fuzz-config)
# Known to fail on musl (run; a pass is a failure: take it off the list).
xfail_on_musl=()

command -v musl-gcc >/dev/null ||
  { echo "musl: musl-gcc not found (Debian: apt-get install musl-tools)" >&2; exit 1; }

# --- what musl-gcc lacks --------------------------------------------------
mkdir -p "$support/kernel" "$support/pkgconfig" "$support/minicheck"
multiarch=$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
for h in linux asm-generic; do
  ln -sfn "/usr/include/$h" "$support/kernel/$h"
done
ln -sfn "/usr/include/$multiarch/asm" "$support/kernel/asm"

mc=$src/tests/platform/musl/minicheck
musl-gcc -std=c11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Werror \
  -c "$mc/check.c" -o "$support/minicheck/check.o"
ar rcs "$support/minicheck/libminicheck.a" "$support/minicheck/check.o"
cat > "$support/pkgconfig/check.pc" <<EOF
Name: check
Description: minicheck, Check's API for the musl build of the tests
Version: 0.15.2
Cflags: -I$mc -include $mc/musl_compat.h
Libs: $support/minicheck/libminicheck.a
EOF
cat > "$support/pkgconfig/libffi.pc" <<EOF
Name: libffi
Description: placeholder: no libffi for musl; test_conformance is not built
Version: 0
EOF

# --- configure and build ---------------------------------------------------
export PKG_CONFIG_LIBDIR=$support/pkgconfig PKG_CONFIG_PATH=
setup_args=(-Dc_args="-isystem $support/kernel" "$@")
if [ -f "$dir/meson-private/coredata.dat" ]; then
  CC=musl-gcc meson setup --reconfigure "$dir" "$src" "${setup_args[@]}" >/dev/null
else
  CC=musl-gcc meson setup "$dir" "$src" "${setup_args[@]}" >/dev/null
fi

# The unit tests to run (and any test of a suite "known-bug": none exists
# today; a should_fail test of a known bug would go there), and the files
# they need.
mapfile -t plan < <(
  meson introspect --tests "$dir" > "$support/tests.json"
  meson introspect --targets "$dir" > "$support/targets.json"
  python3 - "$dir" "$support" "${not_on_musl[@]}" -- "${xfail_on_musl[@]}" <<'EOF'
import json, os, sys
build, support = sys.argv[1], sys.argv[2]
sep = sys.argv.index("--")
skip, xfail = set(sys.argv[3:sep]), set(sys.argv[sep + 1:])
tests = json.load(open(os.path.join(support, "tests.json")))
targets = {t["id"]: t["filename"] for t in json.load(open(os.path.join(support, "targets.json")))}
files = set()
for t in tests:
    suites = [s.split(":")[-1] for s in t["suite"]]
    if "unit" not in suites or "probe" in suites or t["name"] in skip:
        continue
    kind = "known" if "known-bug" in suites else "xfail" if t["name"] in xfail else "test"
    print(kind + " " + t["name"])
    for d in t["depends"]:
        files.update(targets.get(d, []))
    if t["cmd"][0].startswith(build + "/"):
        files.add(t["cmd"][0])
for f in sorted(files):
    print("file " + os.path.relpath(f, build))
EOF
)
tests=() known=() xfails=() files=()
for line in "${plan[@]}"; do
  case $line in
    "test "*) tests+=("${line#test }") ;;
    "xfail "*) xfails+=("${line#xfail }") ;;
    "known "*) known+=("${line#known }") ;;
    "file "*) files+=("${line#file }") ;;
  esac
done
ninja -C "$dir" -j "$jobs" "${files[@]}" > "$support/ninja.log" ||
  { cat "$support/ninja.log"; exit 1; }

# The library itself links musl's libc only.
needed=$(readelf -d "$dir/lib/librbdcompat.so.1" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p' | paste -sd' ')
echo "musl: librbdcompat.so.1 needs: $needed"
[ "$needed" = "libc.so" ] || { echo "musl: FAIL: expected musl's libc.so only" >&2; exit 1; }

# --- run --------------------------------------------------------------------
export MINICHECK_SKIP=an_already_loaded_librbd_is_used
export MINICHECK_XFAIL=
status=0
meson test -C "$dir" --no-rebuild --num-processes "$jobs" --print-errorlogs \
  "${tests[@]}" || status=1
for t in "${xfails[@]}"; do
  if meson test -C "$dir" --no-rebuild "$t" >/dev/null 2>&1; then
    echo "musl: $t now passes: take it off xfail_on_musl in $0" >&2
    status=1
  else
    echo "musl: $t fails, as known on musl (see $0)"
  fi
done
if [ ${#known[@]} -gt 0 ]; then
  echo "musl: known bugs (should_fail; for information, not counted):"
  meson test -C "$dir" --no-rebuild --num-processes "$jobs" "${known[@]}" \
    2>&1 | grep -E '^ *[0-9]+/[0-9]+ ' || true
fi
exit $status
