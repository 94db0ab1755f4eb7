#!/usr/bin/env bash
# The built library exports exactly the rows of the function table, each at
# its symbol version, and nothing else; prints the table's counts.
#   check-exports.sh LIBRARY SOURCE_ROOT
set -euo pipefail
lib=$1 root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

/usr/bin/python3 "$root/gen/functable.py" --emit counts --root "$root" \
    --emulations "$root"/shim/emulate/*.c
/usr/bin/python3 "$root/gen/functable.py" --emit json --root "$root" \
    --emulations "$root"/shim/emulate/*.c |
    /usr/bin/python3 -c '
import json, sys
for r in json.load(sys.stdin):
    v = r["version"]
    # The hidden base definition shows without a version, like upstream.
    print(r["name"] if v in (None, "Base") else "%s@@%s" % (r["name"], v))

# Plus the one data symbol: the marker any copy of librbdcompat knows
# another one by (lib/self_marker.c; its own node in the version script).
print("librbdcompat_marker@@LIBRBDCOMPAT_1")
' | sort >"$work/table.txt"
# Version definition symbols (type A) name a version node, not a function.
nm -D --defined-only --with-symbol-versions "$lib" |
    awk '$2 != "A" { print $3 }' | sort >"$work/exported.txt"
if ! diff -u "$work/table.txt" "$work/exported.txt"; then
    echo "FAIL: exports differ from the function table (- table, + exported)"
    exit 1
fi
echo "PASS: $lib exports exactly the $(($(wc -l <"$work/table.txt") - 1)) rows of the function table and the marker"
