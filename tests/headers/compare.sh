#!/usr/bin/env bash
# Compare our headers (OURS) with another release's (THEIRS): every
# declaration of theirs exists in ours, constants and struct layouts agree,
# and our prototypes are compatible with theirs (compiled with -Werror).
#   compare.sh OURS_INCLUDE THEIRS_INCLUDE [--release-neutral]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ours=$1 theirs=$2
shift 2
cc=${CC:-cc}
if [[ ! -f $theirs/rbd/librbd.h || ! -f $theirs/rados/librados.h ]]; then
    echo "SKIP: no Ceph headers under $theirs"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

/usr/bin/python3 "$here/compare.py" --ours "$ours" --theirs "$theirs" \
    --out-dir "$work" "$@"
status=0
if [[ -s $work/missing.txt ]]; then
    echo "FAIL: declared in $theirs but not in ours:"
    sed 's/^/  /' "$work/missing.txt"
    status=1
fi
flags=(-std=gnu11 -Wall -Wextra -Werror -Wno-unused-variable)
"$cc" "${flags[@]}" -I"$ours" "$work/dump.c" -o "$work/dump-ours"
"$cc" "${flags[@]}" -I"$theirs" "$work/dump.c" -o "$work/dump-theirs"
"$work/dump-ours" >"$work/ours.txt"
"$work/dump-theirs" >"$work/theirs.txt"
if ! diff -u "$work/theirs.txt" "$work/ours.txt" >"$work/diff.txt"; then
    echo "FAIL: constants or struct layouts differ (- theirs, + ours):"
    grep '^[-+][^-+]' "$work/diff.txt" | sed 's/^/  /'
    status=1
fi
if ! "$cc" -std=gnu11 -Werror -Wall -c -I"$ours" "$work/protos.c" \
    -o "$work/protos.o" 2>"$work/protos.err"; then
    echo "FAIL: prototypes incompatible with $theirs:"
    sed 's/^/  /' "$work/protos.err" | head -50
    status=1
fi
[[ $status -eq 0 ]] && echo "PASS: our headers agree with $theirs"
exit $status
