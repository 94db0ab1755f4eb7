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
# One cppcheck run per program group: its cross-file analysis takes the
# files of a run for one program, and the tree holds many (each mock
# vendor defines the same API as the library), so a call in one test
# would be matched with the definitions of another. Groups: the library
# (lib/, shim/), the tools, each tests/ folder (tests/mock/* each), bench/,
# examples/.
group() {
    case $1 in
        lib/* | shim/*) echo library ;;
        tests/mock/*/*) cut -d/ -f1-3 <<<"$1" ;;
        tests/*/*) cut -d/ -f1-2 <<<"$1" ;;
        tools/*/*) cut -d/ -f1-2 <<<"$1" ;;
        *) cut -d/ -f1 <<<"$1" ;;
    esac
}
declare -A groups=()
for f in "${files[@]}"; do
    g=$(group "$f")
    groups[$g]+="$f"$'\n'
done
out=""
for g in $(printf '%s\n' "${!groups[@]}" | LC_ALL=C sort); do
    mapfile -t members < <(printf '%s' "${groups[$g]}")
    out+=$(cppcheck -q --std=c11 -D__GNUC__ -D_GNU_SOURCE \
        -Iinclude -Ishim -Ilib \
        --enable=warning,style,performance,portability \
        --suppressions-list="$supp" \
        --template='{file}:{line}: {severity}: {message} [{id}]' \
        "${members[@]}" 2>&1 || true)
    [[ -z $out ]] || out+=$'\n'
done
out=$(sed '/^$/d' <<<"$out" | LC_ALL=C sort -u)
if [[ -n $out ]]; then
    printf '%s\n' "$out"
    echo "FAIL: cppcheck: $(wc -l <<<"$out") findings in ${#files[@]} files (${#groups[@]} groups)"
    exit 1
fi
echo "PASS: $(cppcheck --version): ${#files[@]} files in ${#groups[@]} groups, 0 findings"
