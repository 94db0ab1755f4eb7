#!/usr/bin/env bash
# Run one command in an empty root that holds a bundle and nothing else of
# this machine, rootless (unshare -r: a user, mount and pid namespace).
#
#   empty-root.sh BUNDLE PREFIX CONF KEYRING WORKDIR [NAME=VALUE...] -- CMD [ARGS...]
#
# The root: BUNDLE mounted at PREFIX, CONF as /etc/ceph/ceph.conf (its
# keyring line pointing at /etc/ceph/keyring, KEYRING's copy), /proc (unless
# EMPTY_ROOT_NO_PROC=1), /dev/{null,zero,random,urandom}, and WORKDIR at
# /work for the command's files. CMD is a path inside the root. Its
# environment is exactly LD_BIND_NOW=1, PATH=PREFIX/bin and NAME=VALUE...
# Exit status: CMD's.
set -euo pipefail

(($# >= 7)) || { echo "usage: ${0##*/} BUNDLE PREFIX CONF KEYRING WORKDIR [NAME=VALUE...] -- CMD [ARGS...]" >&2; exit 2; }
bundle=$(cd "$1" && pwd -P) prefix=$2 conf=$3 keyring=$4 work=$(cd "$5" && pwd -P)
shift 5
vars=()
while (($#)) && [[ $1 != -- ]]; do
    vars+=("$1")
    shift
done
[[ ${1:-} == -- ]] || { echo "${0##*/}: no -- before the command" >&2; exit 2; }
shift

root=$(mktemp -d "${TMPDIR:-/tmp}/rbdcompat-empty-root.XXXXXX")
trap 'rm -rf -- "$root"' EXIT
mkdir -p "$root/${prefix#/}" "$root/etc/ceph" "$root/dev" "$root/work"
sed 's|^\([[:space:]]*keyring[[:space:]]*=\).*|\1 /etc/ceph/keyring|' "$conf" >"$root/etc/ceph/ceph.conf"
cp "$keyring" "$root/etc/ceph/keyring"
devs="null zero random urandom"
for d in $devs; do : >"$root/dev/$d"; done
proc=1
[[ ${EMPTY_ROOT_NO_PROC:-0} == 1 ]] && proc=0
((proc)) && mkdir "$root/proc"

# The mounts live and die with the private mount namespace.
# shellcheck disable=SC2016 # expanded by the inner shell
inner='set -e
root=$1 bundle=$2 prefix=$3 work=$4 proc=$5 devs=$6
shift 6
mount --bind "$bundle" "$root$prefix"
mount --bind "$work" "$root/work"
[ "$proc" = 1 ] && mount -t proc proc "$root/proc"
for d in $devs; do mount --bind "/dev/$d" "$root/dev/$d"; done
exec chroot "$root" "$@"'
/usr/bin/env -i LD_BIND_NOW=1 PATH="$prefix/bin:/usr/sbin:/usr/bin:/sbin:/bin" "${vars[@]}" \
    unshare -r -m -p -f --kill-child /bin/sh -c "$inner" sh \
    "$root" "$bundle" "$prefix" "$work" "$proc" "$devs" "$@"
