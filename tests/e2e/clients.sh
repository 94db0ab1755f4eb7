# shellcheck shell=bash
# Sourced by run.sh: the real consumers (python3-rbd, fio, qemu-img) run
# through the shim, each with the environment of one mode. Used by the
# checks over both vendors.

# python_scenario NAME IMAGE VERSION VENDOR_RBD VENDOR_RADOS REQUIRED OPTS ENV...
# scenario.py [OPTS] IMAGE in /usr/bin/python3 under `env ENV...`; REQUIRED
# lists the functions the shim must warn about once (space-separated).
python_scenario() {
    local name=$1 image=$2 version=$3 rbd=$4 rados=$5 required=$6 opts=$7
    shift 7
    # shellcheck disable=SC2086 # the lists are meant to split
    run_client "$name" env "$@" "$SYS_PY" "$E2E_SRC/scenario.py" $opts "$image"
    # shellcheck disable=SC2086
    verified "$name" "scenario: all steps passed" "$version" "$rbd" "$rados" $required
}

# fio_rbd IMAGE VENDOR_RBD VENDOR_RADOS ENV...: fio's rbd engine writes
# 16 MiB of random 64 KiB blocks and verifies them (crc32c) under
# `env ENV...`; the shim must have served it (it loaded VENDOR_RBD).
fio_rbd() {
    local image=$1 rbd=$2 rados=$3
    shift 3
    rbd_cli create --size 32M --image-feature layering "rbd/$image"
    # fio's rbd engine reads the config named by CEPH_CONF.
    run_client fio env "$@" fio --name=e2e --ioengine=rbd --clientname=admin \
        --pool=rbd --rbdname="$image" --rw=randwrite --bs=64k --size=16M \
        --iodepth=8 --verify=crc32c --do_verify=1 --verify_fatal=1 \
        --verify_state_save=0 --output="$CW/fio.report"
    cat fio.report
    grep -Eq 'err= *0' fio.report
    if grep -Ei 'verify.*(fail|bad)|crc32c.*(wanted|got)' fio.report fio.err; then
        return 1
    fi
    shim_log fio.err "$rbd" "$rados"
    rbd_cli rm --no-progress "rbd/$image"
    summary "randwrite 16 MiB, verify=crc32c: no error; librbd = $(short "$rbd")"
}

# qemu_roundtrip IMAGE VENDOR_DIR VENDOR_RADOS ENV...: `qemu-img convert`
# of a file into rbd:rbd/IMAGE and back under `env ENV...` (a drop-in: the
# shim as librbd.so.1, the vendor's in VENDOR_DIR). The bytes must come
# back identical, and the system's rbd CLI (no shim) must read the same.
qemu_roundtrip() {
    local image=$1 vdir=$2 rados=$3 spec log
    shift 3
    spec="rbd:rbd/$image:conf=$CEPH_CONF"
    # 3 MiB + 7 sectors: not a whole number of objects.
    head -c $((3 * 1048576 + 7 * 512)) /dev/urandom >in.raw
    run_client to-rbd env "$@" RBDCOMPAT_VENDOR_DIR="$vdir" \
        qemu-img convert -f raw -O raw in.raw "$spec"
    run_client info env "$@" RBDCOMPAT_VENDOR_DIR="$vdir" qemu-img info "$spec"
    grep -q "virtual size: .*($(stat -c %s in.raw) bytes)" info.out
    run_client from-rbd env "$@" RBDCOMPAT_VENDOR_DIR="$vdir" \
        qemu-img convert -f raw -O raw "$spec" out.raw
    cmp in.raw out.raw
    rbd_cli export --no-progress "rbd/$image" cli.raw
    cmp in.raw cli.raw
    for log in to-rbd info from-rbd; do
        shim_log "$log.err" "$vdir/librbd.so.1" "$rados"
    done
    rbd_cli rm --no-progress "rbd/$image"
    summary "$(stat -c %s in.raw) bytes in and back identical (and via rbd export); librbd = $(short "$vdir/librbd.so.1")"
}
