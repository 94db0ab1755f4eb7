#!/usr/bin/env bash
# The files the lint suite checks, one a line, relative to SOURCE_ROOT:
#   scripts.sh SOURCE_ROOT shell   every shell script (*.sh, or a sh/bash
#                                  shebang)
#   scripts.sh SOURCE_ROOT c DIR...  the C sources and headers under DIRs
# Build directories (build*/, obj-*/), .git and debhelper's are left out.
set -euo pipefail
if (($# < 2)); then
    echo "usage: ${0##*/} SOURCE_ROOT shell|c [DIR...]" >&2
    exit 2
fi
root=$1 kind=$2
shift 2
cd "$root"
tree() {
    find "${@:-.}" \( -type d \( -name 'build*' -o -name 'obj-*' -o -name .git \
        -o -name .debhelper -o -name __pycache__ -o -name node_modules \) -prune \) \
        -o -type f -print | sed 's|^\./||' | LC_ALL=C sort
}
case $kind in
    shell)
        tree | while IFS= read -r f; do
            case $f in
                *.sh) echo "$f" ;;
                *.py | *.c | *.h | *.md | *.txt | *.json) ;;
                *) if head -n 1 "$f" 2>/dev/null |
                       grep -Eq '^#!.*[/ ](ba|da|k)?sh( |$)'; then
                       echo "$f"
                   fi ;;
            esac
        done ;;
    c)
        tree "$@" | grep -E '\.[ch]$' || true ;;
    *)
        echo "${0##*/}: unknown kind $kind" >&2
        exit 2 ;;
esac
