#!/usr/bin/env bash
# The built library exports exactly the rows of the function table, each at
# its symbol version, and nothing else.
#   check-exports.sh LIBRARY EXPORTS
# EXPORTS: the table's exports as gen/lists.py --emit exports writes them
# (one "name" or "name@@VERSION" a line; "#" lines are comments), which the
# build has already compared with tests/table/exports.baseline.
set -euo pipefail
if (($# != 2)); then
    echo "usage: ${0##*/} LIBRARY EXPORTS" >&2
    exit 2
fi
lib=$1 exports=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

grep -v '^#' "$exports" | LC_ALL=C sort >"$work/table.txt"
# Version definition symbols (type A) name a version node, not a function.
nm -D --defined-only --with-symbol-versions "$lib" |
    awk '$2 != "A" { print $3 }' | LC_ALL=C sort >"$work/exported.txt"
if ! diff -u "$work/table.txt" "$work/exported.txt"; then
    echo "FAIL: exports differ from the function table (- table, + exported)"
    exit 1
fi
echo "PASS: $lib exports exactly the $(($(wc -l <"$work/table.txt") - 1)) rows of the function table and the marker"
