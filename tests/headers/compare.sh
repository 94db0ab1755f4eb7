#!/usr/bin/env bash
# Compare our headers with another release's Ceph C headers (THEIRS), with
# the engine rbdcompat-probe --headers uses (one engine, not two):
#  - every declaration of theirs exists in ours: the names the probe's
#    generator parses from each set (gen_probe_data.py --emit names);
#  - every constant, type, struct layout (member offsets, sizes and
#    types), typedef and prototype of ours that they declare compiles to
#    the same thing against theirs: rbdcompat-probe --json --headers.
# With --release-neutral (another release), the macros that name a release
# are left out of the first and may differ in the second.
#   compare.sh PROBE GEN_PROBE_DATA THEIRS_INCLUDE [--release-neutral] HEADER...
# HEADER...: our public headers (meson's public_headers).
set -euo pipefail
probe=$1 gen=$2 theirs=$3
shift 3
neutral=()
if [[ ${1:-} == --release-neutral ]]; then
    neutral=(--release-neutral)
    shift
fi
headers=("$@")
ours=$(cd "$(dirname "${headers[0]}")/.." && pwd)
if [[ ! -f $theirs/rbd/librbd.h || ! -f $theirs/rados/librados.h ]]; then
    echo "SKIP: no Ceph headers under $theirs"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

names() {
    /usr/bin/python3 "$gen" --emit names --include "$1" \
        --headers "${headers[@]}" "${neutral[@]}"
}
names "$theirs" >"$work/theirs.txt"
names "$ours" >"$work/ours.txt"
comm -23 "$work/theirs.txt" "$work/ours.txt" >"$work/missing.txt"
if [[ -s $work/missing.txt ]]; then
    echo "FAIL: declared in $theirs but not in ours:"
    sed 's/^/  /' "$work/missing.txt"
    status=1
fi

rc=0
"$probe" --json --headers "$theirs" >"$work/probe.json" 2>"$work/probe.err" ||
    rc=$?
if [[ $rc -gt 1 ]]; then
    echo "FAIL: rbdcompat-probe --headers $theirs: exit $rc"
    cat "$work/probe.err"
    exit 1
fi
/usr/bin/python3 - "$work/probe.json" "${#neutral[@]}" <<'PY' || status=1
import json
import sys
h = json.load(open(sys.argv[1]))['headers']
neutral = sys.argv[2] == '1'
bad = [d for d in h['differences']
       if d['verdict'] in ('incompatible', 'uncheckable') or
       (d['verdict'] == 'release-dependent' and not neutral)]
for d in bad:
    print('FAIL: %s %s: %s: theirs %s, ours %s' % (
        d['verdict'], d['kind'], d['name'], d['theirs'], d['ours']))
print('compared with %s: %d checks, %d the same, %d of ours newer than'
      ' theirs, %d release-dependent, %d bad' % (
          h['dir'], h['checks'], h['same'], h['missing'] + h['removed'],
          h['release_dependent'], len(bad)))
sys.exit(1 if bad else 0)
PY
echo "compared names: $(wc -l <"$work/theirs.txt") declarations of theirs," \
    "$(wc -l <"$work/missing.txt") missing from ours"
[[ $status -eq 0 ]] && echo "PASS: our headers agree with $theirs"
exit $status
