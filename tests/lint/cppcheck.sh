#!/usr/bin/env bash
# cppcheck on every C file of the tree: warnings, style, performance and
# portability, less the check classes tests/lint/cppcheck.supp leaves out
# (with its reasons); any other finding fails.
#   cppcheck.sh SOURCE_ROOT
set -euo pipefail
root=${1:?usage: cppcheck.sh SOURCE_ROOT}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
if ! command -v cppcheck >/dev/null; then
    echo "SKIP: cppcheck is not installed (scripts/install-deps.sh)"
    exit 77
fi
mapfile -t files < <("$here/scripts.sh" "$root" c . | grep '\.c$')
# cppcheck's list takes ids only: the comments stay in cppcheck.supp.
supp=$(mktemp)
trap 'rm -f "$supp"' EXIT
grep -Ev '^[[:space:]]*(#|$)' "$here/cppcheck.supp" >"$supp"
cd "$root"
out=$(cppcheck -q --std=c11 -D__GNUC__ -D_GNU_SOURCE \
    -Iinclude -Ishim -Ilib \
    --enable=warning,style,performance,portability \
    --suppressions-list="$supp" \
    --template='{file}:{line}: {severity}: {message} [{id}]' \
    "${files[@]}" 2>&1) || true
if [[ -n $out ]]; then
    printf '%s\n' "$out"
    echo "FAIL: cppcheck: $(wc -l <<<"$out") findings in ${#files[@]} files"
    exit 1
fi
echo "PASS: $(cppcheck --version): ${#files[@]} files, 0 findings"
