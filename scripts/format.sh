#!/usr/bin/env bash
# Applies the house style (.clang-format) to every C source and header of
# the tree, in place.
#   scripts/format.sh           format
#   scripts/format.sh --check   change nothing; list the files that are not
#                               formatted, exit 1 if there is one
# The tree was written before .clang-format existed: the first run is one
# commit of its own ("clang-format the tree"), never mixed with changes.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
check=0
case ${1:-} in
    --check) check=1 ;;
    "") ;;
    *) echo "usage: ${0##*/} [--check]" >&2; exit 2 ;;
esac
if ! command -v clang-format >/dev/null; then
    echo "${0##*/}: clang-format is not installed (scripts/install-deps.sh)" >&2
    exit 2
fi
# Not the public headers (include/, shim/abi-only.h): their declarations
# keep upstream's layout, so that they compare line by line with it.
mapfile -t files < <("$root/tests/lint/scripts.sh" "$root" c . |
    grep -v -e '^include/' -e '^shim/abi-only\.h$')
cd "$root"
bad=0
for f in "${files[@]}"; do
    if ((check)); then
        if ! clang-format --style=file "$f" | cmp -s - "$f"; then
            echo "not formatted: $f"
            bad=$((bad + 1))
        fi
    else
        clang-format --style=file -i "$f"
    fi
done
if ((check)); then
    echo "${0##*/}: ${#files[@]} files, $bad not formatted"
    ((bad == 0))
else
    echo "${0##*/}: formatted ${#files[@]} files"
fi
