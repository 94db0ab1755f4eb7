#!/usr/bin/env bash
# The vendor's own command-line tools through the drop-in (their C++
# interface comes from the vendor's libraries behind the glue):
#
#   vendor-cli.sh rbd IMAGE    create, ls, info, snap create/ls, trash
#                              mv/ls/restore, snap purge, rm
#   vendor-cli.sh rados OBJ    put, stat, get + cmp, ls, rm; lspools
#   vendor-cli.sh ceph         ceph osd pool ls (the system's ceph: Python, python3-rados)
# Each step prints "ok: ..."; the last line is "vendor-cli: all steps passed".
# Uses CEPH_CONF (never runs without it).
set -euo pipefail
: "${CEPH_CONF:?CEPH_CONF must name the test cluster}"
what=$1
c=(-c "$CEPH_CONF")
ok() { echo "ok: $*"; }

case $what in
rbd)
    img=rbd/$2
    rbd "${c[@]}" create --size 8M "$img" && ok "create"
    rbd "${c[@]}" ls rbd | grep -qx "${img#rbd/}" && ok "ls"
    rbd "${c[@]}" info "$img" | grep -q 'size 8 MiB' && ok "info"
    rbd "${c[@]}" snap create "$img@s1" && ok "snap create"
    rbd "${c[@]}" snap ls "$img" | grep -qw s1 && ok "snap ls"
    rbd "${c[@]}" trash mv "$img" && ok "trash mv"
    id=$(rbd "${c[@]}" trash ls rbd | awk -v n="${img#rbd/}" '$2 == n { print $1 }')
    [[ -n $id ]] && ok "trash ls: $id"
    rbd "${c[@]}" trash restore "rbd/$id" && ok "trash restore"
    rbd "${c[@]}" snap purge --no-progress "$img" && ok "snap purge"
    rbd "${c[@]}" rm --no-progress "$img" && ok "rm"
    ! rbd "${c[@]}" ls rbd | grep -qx "${img#rbd/}"
    ;;
rados)
    obj=$2 tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    head -c 100000 /dev/urandom >"$tmp/in"
    rados "${c[@]}" -p rbd put "$obj" "$tmp/in" && ok "put"
    rados "${c[@]}" -p rbd stat "$obj" | grep -q 'size 100000' && ok "stat"
    rados "${c[@]}" -p rbd get "$obj" "$tmp/out" && cmp "$tmp/in" "$tmp/out" && ok "get, identical"
    rados "${c[@]}" -p rbd ls | grep -qx "$obj" && ok "ls"
    rados "${c[@]}" -p rbd rm "$obj" && ok "rm"
    rados "${c[@]}" lspools | grep -qx rbd && ok "lspools"
    ;;
ceph)
    /usr/bin/ceph "${c[@]}" osd pool ls | grep -qx rbd && ok "osd pool ls"
    ;;
*)
    echo "usage: vendor-cli.sh {rbd IMAGE|rados OBJ|ceph}" >&2
    exit 2
    ;;
esac
echo "vendor-cli: all steps passed"
