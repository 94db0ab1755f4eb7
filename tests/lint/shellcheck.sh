#!/usr/bin/env bash
# Runs shellcheck on every shell script of the tree (tests/lint/scripts.sh),
# at every severity: any finding fails.
# Usage: shellcheck.sh SOURCE_ROOT
set -euo pipefail
root=${1:?usage: shellcheck.sh SOURCE_ROOT}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
if ! command -v shellcheck >/dev/null; then
    echo "SKIP: shellcheck is not installed (scripts/install-deps.sh)"
    exit 77
fi
mapfile -t files < <("$here/scripts.sh" "$root" shell)
if ((${#files[@]} == 0)); then
    echo "FAIL: no shell scripts found under $root"
    exit 1
fi
cd "$root"
# -x: follow the files a script sources.
if out=$(shellcheck -x -f gcc "${files[@]}" 2>&1); then
    echo "PASS: shellcheck $(shellcheck --version | sed -n 's/^version: //p'):" \
        "${#files[@]} scripts, 0 findings"
    exit 0
fi
printf '%s\n' "$out"
echo "FAIL: shellcheck: $(grep -c ': \(error\|warning\|note\|style\|info\): ' <<<"$out") findings in ${#files[@]} scripts"
exit 1
