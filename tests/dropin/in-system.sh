#!/usr/bin/env bash
# A drop-in "system" install in a private mount namespace: the machine's
# files are never written.
#
#   unshare -m --propagation private in-system.sh KIND WORK [--no-install] -- CMD...
#
# KIND is the vendor made the system's: `sds` (the SDS-like librbd from
# VENDOR_LIB replaces /usr/lib/x86_64-linux-gnu/librbd.so.1.16.0; librados
# stays the system's) or `nautilus` (Ceph 14.2.21's librbd, librados,
# libceph-common and libssl 1.1 from VENDOR_LIB, libradosstriper from
# VENDOR_CLI_LIB if set, replace the system's).
# /usr/lib/x86_64-linux-gnu, /etc and the shim's PREFIX become overlayfs
# views, their upper layers in a new directory under WORK; SHIM_DEST (a `meson install --destdir`
# tree) is laid over PREFIX. Then ldconfig, `rbdcompat-dropin install`
# (unless --no-install), and CMD (through env, so CMD may start with
# VAR=VALUE words). DROPIN_TOOL is rbdcompat-dropin as the namespace sees
# it. The mounts vanish with the namespace.
set -euo pipefail

kind=$1
work=$(mktemp -d "$2/ns.XXXXXX") # a fresh upper layer for every run
shift 2
install=1
if [[ ${1:-} == --no-install ]]; then
    install=0
    shift
fi
[[ ${1:-} == -- ]] || { echo "usage: in-system.sh KIND WORK [--no-install] -- CMD..." >&2; exit 2; }
shift
: "${VENDOR_LIB:?}" "${SHIM_DEST:?}" "${SHIM_PREFIX:?}" "${DROPIN_TOOL:?}"
sys=/usr/lib/x86_64-linux-gnu

# Not the machine's mount table: this namespace must be private.
[[ $(readlink /proc/self/ns/mnt) != "$(readlink /proc/1/ns/mnt)" ]] ||
    { echo "in-system.sh: not in a private mount namespace" >&2; exit 1; }

overlay() { # LOWER... TARGET NAME
    local target=${*: -2:1} name=${*: -1} lower
    lower=$(IFS=:; echo "${*:1:$#-2}")
    mkdir -p "$work/$name.up" "$work/$name.work"
    mount -t overlay "rbdcompat-$name" \
        -o "lowerdir=$lower,upperdir=$work/$name.up,workdir=$work/$name.work" "$target"
}
overlay "$SHIM_DEST$SHIM_PREFIX" "$SHIM_PREFIX" "$SHIM_PREFIX" prefix
overlay "$sys" "$sys" lib
overlay /etc /etc etc

case $kind in
sds)
    cp "$VENDOR_LIB/librbd.so.1" "$sys/librbd.so.1.16.0"
    ;;
nautilus)
    rm -f "$sys"/librbd.so.1* "$sys"/librados.so.2*
    cp "$VENDOR_LIB/librbd.so.1.12.0" "$VENDOR_LIB/librados.so.2.0.0" \
        "$VENDOR_LIB/libssl.so.1.1" "$VENDOR_LIB/libcrypto.so.1.1" "$sys/"
    ln -s librbd.so.1.12.0 "$sys/librbd.so.1"
    ln -s librados.so.2.0.0 "$sys/librados.so.2"
    cp "$VENDOR_LIB/ceph/libceph-common.so.0" "$sys/ceph/"
    # rados (bullseye's ceph-common) needs 14.2.21's libradosstriper.
    if [[ -n ${VENDOR_CLI_LIB:-} && -e $VENDOR_CLI_LIB/libradosstriper.so.1.0.0 ]]; then
        rm -f "$sys"/libradosstriper.so.1*
        cp -P "$VENDOR_CLI_LIB"/libradosstriper.so.1* "$sys/"
    fi
    ;;
*) echo "in-system.sh: unknown vendor $kind" >&2; exit 2 ;;
esac
ldconfig
if ((install)); then
    "${DROPIN_TOOL:?}" install >"$work/install.log"
fi
exec env "$@"
