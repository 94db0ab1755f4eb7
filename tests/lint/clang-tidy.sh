#!/usr/bin/env bash
# clang-tidy, with the check set of the tree's .clang-tidy, on the library
# (lib/, shim/): any finding fails.
#   clang-tidy.sh SOURCE_ROOT BUILD_ROOT [DIR...]   (default: lib shim)
# BUILD_ROOT's compile_commands.json gives each file's flags; the files
# generated from the table (emu_decls.h) must have been built.
set -euo pipefail
if (($# < 2)); then
    echo "usage: ${0##*/} SOURCE_ROOT BUILD_ROOT [DIR...]" >&2
    exit 2
fi
root=$1 build=$2
shift 2
dirs=("$@")
((${#dirs[@]})) || dirs=(lib shim)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
tidy=$(command -v clang-tidy || true)
if [[ -z $tidy ]]; then
    echo "SKIP: clang-tidy is not installed (scripts/install-deps.sh)"
    exit 77
fi
if [[ ! -f $build/compile_commands.json ]]; then
    echo "FAIL: $build/compile_commands.json is missing"
    exit 1
fi
# Only the files the build compiles (a .c meson does not build has no
# flags); headers are checked through them (.clang-tidy HeaderFilterRegex).
mapfile -t files < <("$here/scripts.sh" "$root" c "${dirs[@]}" | grep '\.c$' |
    while IFS= read -r f; do
        if grep -q "\"file\": \"[^\"]*${f//./\\.}\"" "$build/compile_commands.json"; then
            echo "$root/$f"
        fi
    done)
if ((${#files[@]} == 0)); then
    echo "FAIL: no compiled C files under ${dirs[*]}"
    exit 1
fi
cd "$root"
out=$("$tidy" -p "$build" --quiet "${files[@]}" 2>/dev/null) || true
if grep -Eq ': (warning|error): ' <<<"$out"; then
    printf '%s\n' "$out"
    echo "FAIL: clang-tidy: $(grep -Ec ': (warning|error): ' <<<"$out") findings in ${dirs[*]}"
    exit 1
fi
echo "PASS: $("$tidy" --version | sed -n 's/.*LLVM version /clang-tidy /p'):" \
    "${#files[@]} files of ${dirs[*]}, 0 findings"
