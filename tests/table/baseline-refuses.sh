#!/usr/bin/env bash
# The build's exports check (gen/lists.py --emit exports --baseline) fails
# when a declaration disappears from a header: run it on a copy of the
# table's headers with librbd.h's first declaration removed (exports do
# not depend on the emulations, so none are given: --allow-undecided).
#   baseline-refuses.sh LISTS_PY BASELINE HEADER...
set -euo pipefail
if (($# < 3)); then
    echo "usage: ${0##*/} LISTS_PY BASELINE INPUT..." >&2
    exit 2
fi
lists=$1 baseline=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inputs=()
for f in "$@"; do
    [[ $f == *.h ]] || continue
    cp "$f" "$work/"
    inputs+=("$work/${f##*/}")
done

# The unchanged inputs pass.
/usr/bin/python3 "$lists" --emit exports --baseline "$baseline" --allow-undecided -o /dev/null "${inputs[@]}"

# From librbd.h's first "/* since" line to the end of its declaration.
awk '!done && /\/\* since / { skip = 1 }
     skip { if (/;/) { skip = 0; done = 1 }; next }
     { print }' "$work/librbd.h" >"$work/librbd.h.new"
mv "$work/librbd.h.new" "$work/librbd.h"
if /usr/bin/python3 "$lists" --emit exports --baseline "$baseline" --allow-undecided \
    "${inputs[@]}" >"$work/out" 2>&1; then
    echo "FAIL: a declaration was removed and the baseline check passed"
    cat "$work/out"
    exit 1
fi
if ! grep -q 'exports of the baseline are gone' "$work/out"; then
    echo "FAIL: the check failed, but not for the removed export:"
    cat "$work/out"
    exit 1
fi
sed 's/^/    | /' "$work/out"
echo "PASS: a removed declaration fails the exports baseline check"
