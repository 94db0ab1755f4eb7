#!/usr/bin/env bash
# Bundles on the test cluster (tests/bundle/README.md):
#
#   tests/bundle/run.sh BUILD_DIR
#
# For Ceph 16.2 (this machine's), Ceph 14.2.21 (Debian bullseye, NSS) and
# the SDS-like vendor, in link, preload and dropin mode: rbdcompat-bundle
# writes a bundle with a go-ceph style program built with `pkg-config
# librbdcompat` only (and qemu-img, except in link mode), --verify checks it
# statically and dynamically in an empty root, and both programs run in an
# empty root of the bundle alone (rootless). Then the leave-one-out test:
# each NSS module and the vendor's librados removed from a copy, --verify
# must name it and fail. Starts its own cluster (with-cluster.sh) unless it
# runs inside one. Ends with "bundle: N passed, N failed, N skipped".
# Exit status: 0 nothing failed, 1 something did, 77 skipped (no daemons,
# no tool).
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
SRC=$(cd "$HERE/../.." && pwd -P)
CLUSTER_TOOLS=$SRC/tests/cluster

if (($# != 1)) || [[ ! -d $1 ]]; then
    echo "usage: ${0##*/} BUILD_DIR" >&2
    exit 2
fi
BUILD=$(cd "$1" && pwd -P)
TOOL=(/usr/bin/python3 "$BUILD/tools/bundle/rbdcompat-bundle")
if [[ ! -f ${TOOL[1]} ]]; then
    echo "SKIP: rbdcompat-bundle is not built in $BUILD (sanitizer builds leave it out)"
    exit 77
fi
for t in unshare chroot patchelf; do
    command -v "$t" >/dev/null || { echo "SKIP: $t is not installed"; exit 77; }
done

if [[ -z ${RBDCOMPAT_TEST_CLUSTER:-} || -z ${CEPH_CONF:-} ]]; then
    "$CLUSTER_TOOLS/with-cluster.sh" "$HERE/run.sh" "$BUILD"
    exit $?
fi

# ------------------------------------------------------------ in the cluster
export LC_ALL=C
unset RBDCOMPAT_LIBRBD RBDCOMPAT_LIBRADOS RBDCOMPAT_VENDOR_DIR RBDCOMPAT_DISABLE \
    RBDCOMPAT_LOG LD_PRELOAD LD_LIBRARY_PATH
SYS_LIB=/usr/lib/x86_64-linux-gnu
PREFIX=/opt/rbdcompat
CACHE=${RBDCOMPAT_VENDOR_CACHE:-$BUILD/tests/e2e/vendor-cache}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rbdcompat-bundle-test.XXXXXX") || exit 1
STEP_TIMEOUT=${BUNDLE_STEP_TIMEOUT:-240}
PASSED=0 FAILED=0 SKIPPED=0
declare -A MISSING=()

finish() {
    if ((FAILED)) || [[ ${BUNDLE_KEEP:-0} == 1 ]]; then
        echo "bundle: kept $WORK"
    else
        rm -rf -- "$WORK"
    fi
}
trap finish EXIT

t() { timeout -k 10 "$STEP_TIMEOUT" "$@"; }

# check DESC FUNC [ARGS...]: FUNC in a subshell under errexit, in its own
# directory ($CW), output in its log (the tail shown on failure).
check() {
    local desc=$1 log rc t0
    shift
    CW=$WORK/c$((PASSED + FAILED + SKIPPED))
    mkdir -p "$CW"
    log=$CW/log
    t0=$SECONDS
    (cd "$CW" || exit 1; set -e; "$@") >"$log" 2>&1
    rc=$?
    if ((rc == 0)); then
        PASSED=$((PASSED + 1))
        echo "PASS: $desc ($((SECONDS - t0))s)$( [[ -s $CW/summary ]] && printf ': %s' "$(cat "$CW/summary")")"
    else
        FAILED=$((FAILED + 1))
        echo "FAIL: $desc (exit $rc)"
        tail -n 30 "$log" | sed 's/^/    | /'
    fi
}
skip() { SKIPPED=$((SKIPPED + 1)); echo "SKIP: $*"; }
summary() { echo "$*" >"$CW/summary"; }

# ------------------------------------------------------------ setup

setup_vendors() {
    local out rc=0
    out=$(t "$CLUSTER_TOOLS/vendor-libs.sh" sds "$CACHE" 2>"$WORK/sds.log") || rc=$?
    if ((rc == 0)); then
        VENDOR[sds]="$out/lib/librbd.so.1 $SYS_LIB/librados.so.2"
    else
        MISSING[sds]="no SDS-like vendor set: ${out:-vendor-libs.sh sds failed ($rc)}"
    fi
    rc=0
    out=$(t "$CLUSTER_TOOLS/vendor-libs.sh" fetch "$CACHE" 2>"$WORK/fetch.log") || rc=$?
    if ((rc == 0)); then
        VENDOR[14.2.21]="$out/librbd.so.1 $out/librados.so.2"
    else
        MISSING[14.2.21]="no Ceph 14.2.21 libraries: ${out:-vendor-libs.sh fetch failed ($rc)}"
    fi
    VENDOR[16.2]="$SYS_LIB/librbd.so.1 $SYS_LIB/librados.so.2"
    [[ -e $SYS_LIB/librbd.so.1 ]] || MISSING[16.2]="$SYS_LIB/librbd.so.1 is not installed"
}

# The go-ceph style program, built with nothing but pkg-config librbdcompat
# from an installed tree (meson install --destdir, no rebuild).
build_goceph() {
    local pc
    t meson install -C "$BUILD" --destdir "$WORK/dest" --no-rebuild --quiet
    pc=$(find "$WORK/dest" -name librbdcompat.pc | head -n 1)
    [[ -n $pc ]]
    export PKG_CONFIG_LIBDIR=${pc%/*} PKG_CONFIG_SYSROOT_DIR=$WORK/dest
    unset PKG_CONFIG_PATH
    export GO111MODULE=off GOPATH=$WORK/go/path GOCACHE=$WORK/go/cache GOTMPDIR=$WORK/go/tmp
    export GOPROXY=off GOFLAGS='' GOTOOLCHAIN=local CGO_ENABLED=1
    mkdir -p "$GOTMPDIR" src
    cp "$SRC/tests/e2e/goceph/main.go" src/
    (
        cd src
        CGO_CFLAGS="-g -O2 $(pkg-config --cflags librbdcompat)"
        CGO_LDFLAGS=$(pkg-config --libs librbdcompat)
        export CGO_CFLAGS CGO_LDFLAGS
        t go build -o "$WORK/goceph" .
    )
    readelf -d "$WORK/goceph" | grep -q 'NEEDED.*\[librbdcompat.so.1\]'
    if readelf -d "$WORK/goceph" | grep -qE 'NEEDED.*\[lib(rbd|rados)\.so'; then return 1; fi
    summary "NEEDED librbdcompat.so.1, no librbd/librados"
}

declare -A VENDOR=()
setup_vendors
check "build the go-ceph style program with pkg-config librbdcompat only" build_goceph
[[ -x $WORK/goceph ]] || MISSING[goceph]="the go-ceph style program did not build"
command -v go >/dev/null || MISSING[goceph]="Go is not installed"
QEMU_IMG=$(command -v qemu-img || true)
[[ -n $QEMU_IMG && -e $SYS_LIB/qemu/block-rbd.so ]] ||
    MISSING[qemu]="qemu-img or its block-rbd.so is not installed"
# The drop-in glue comes from this build's installed tree (rbdcompat-dropin
# finds the glue and the shim relative to itself).
DROPIN_TOOL=$(find "$WORK/dest" -name rbdcompat-dropin -type f 2>/dev/null | head -n 1)
export RBDCOMPAT_BUNDLE_DROPIN=$DROPIN_TOOL
[[ -n $DROPIN_TOOL ]] || MISSING[dropin]="rbdcompat-dropin (the drop-in glue) is not available"

# ------------------------------------------------------------ the checks

expected_version() {
    case $1 in
    14.2.21) echo 1.12.0 ;;
    *) v=$(readlink -f "$SYS_LIB/librbd.so.1"); echo "${v##*.so.}" ;;
    esac
}

# make_bundle VENDOR MODE OUT BINARY...
make_bundle() {
    local v=$1 mode=$2 out=$3 rbd rados
    shift 3
    read -r rbd rados <<<"${VENDOR[$v]}"
    local bins=()
    for b in "$@"; do bins+=(--binary "$b"); done
    t "${TOOL[@]}" --librbd "$rbd" --librados "$rados" --mode "$mode" --prefix "$PREFIX" \
        --out "$out" "${bins[@]}"
}

bundle_verify() {
    local v=$1 mode=$2 out=$3 want
    shift 3
    make_bundle "$v" "$mode" "$out" "$@" | tee bundle.out
    t "${TOOL[@]}" --verify "$out" --conf "$CEPH_CONF" --keyring "$CEPH_KEYRING" | tee verify.out
    want=$(expected_version "$v")
    grep -q "^ok: empty root with /proc: vendor librbd $want; connected; rados object: 4194304 bytes written and read back; rbd image: 4194304 bytes written and read back" verify.out
    grep -q "^ok: empty root without /proc: vendor librbd $want;" verify.out
    grep -q '^ok: every file the client opened' verify.out
    grep -qx 'verify: PASSED' verify.out
    if [[ $v == 14.2.21 ]]; then
        for f in libsoftokn3.so libfreeblpriv3.so libsqlite3.so.0; do
            grep -q "\"path\": \"lib/$f\"" "$out/manifest.json"
        done
    fi
    summary "$(head -n 1 bundle.out | sed 's/^bundle [^:]*: //'); librbd $want answered in the empty root"
}

# The shim's debug log must name the bundle's own vendor librbd.
shim_loaded_bundled() {
    local err=$1 mode=$2 want
    case $mode in
    link) want="$PREFIX/lib/rbdcompat/vendor/librbd.so.1" ;;
    dropin) want="$PREFIX/lib/vendor/librbd-vendor.so.1" ;;
    *) want="$PREFIX/lib/librbd.so.1" ;;
    esac
    grep -q "^rbdcompat: loaded $want" "$err" || { echo "the shim did not load $want:"; cat "$err"; return 1; }
    if grep -q 'cannot load' "$err"; then return 1; fi
}

run_goceph() {
    local v=$1 mode=$2 out=$3 img
    img=bundle-go-${v//./}-$mode-$$
    mkdir -p w
    t "$HERE/empty-root.sh" "$out" "$PREFIX" "$CEPH_CONF" "$CEPH_KEYRING" w \
        CEPH_CONF=/etc/ceph/ceph.conf RBDCOMPAT_LOG=debug -- "$PREFIX/bin/goceph" "$img" \
        >go.out 2>go.err || { cat go.out go.err; return 1; }
    cat go.out
    grep -qx 'goceph: all steps passed' go.out
    shim_loaded_bundled go.err "$mode"
    summary "all steps passed; the shim loaded the bundle's librbd"
}

run_qemu() {
    local v=$1 mode=$2 out=$3 img spec
    img=bundle-qemu-${v//./}-$mode-$$
    spec="rbd:rbd/$img:conf=/etc/ceph/ceph.conf"
    mkdir -p w
    head -c $((3 * 1048576 + 7 * 512)) /dev/urandom >w/in.raw
    t "$HERE/empty-root.sh" "$out" "$PREFIX" "$CEPH_CONF" "$CEPH_KEYRING" w RBDCOMPAT_LOG=debug -- \
        "$PREFIX/bin/qemu-img" convert -f raw -O raw /work/in.raw "$spec" 2>to.err ||
        { cat to.err; return 1; }
    t "$HERE/empty-root.sh" "$out" "$PREFIX" "$CEPH_CONF" "$CEPH_KEYRING" w RBDCOMPAT_LOG=debug -- \
        "$PREFIX/bin/qemu-img" convert -f raw -O raw "$spec" /work/out.raw 2>from.err ||
        { cat from.err; return 1; }
    cmp w/in.raw w/out.raw
    t rbd -c "$CEPH_CONF" export --no-progress "rbd/$img" w/cli.raw
    cmp w/in.raw w/cli.raw
    t rbd -c "$CEPH_CONF" rm --no-progress "rbd/$img"
    shim_loaded_bundled to.err "$mode"
    shim_loaded_bundled from.err "$mode"
    summary "$(stat -c %s w/in.raw) bytes in and back identical (and via rbd export)"
}

# The vendor's own rbd and rados CLIs (librbd's and librados's C++ API) in
# a dropin bundle: the glue keeps the vendor whole (Cloudpods 3.8 and later
# drive Ceph through them).
run_cli() {
    local out=$1 img=bundle-cli-$$ c
    mkdir -p w
    t rbd -c "$CEPH_CONF" create --size 16 "rbd/$img"
    for c in "rbd ls -l rbd" "rbd info rbd/$img" "rbd snap create rbd/$img@s1" \
        "rbd snap ls rbd/$img" "rados -p rbd ls"; do
        # shellcheck disable=SC2086 # the words of $c are the command
        t "$HERE/empty-root.sh" "$out" "$PREFIX" "$CEPH_CONF" "$CEPH_KEYRING" w -- \
            "$PREFIX/bin/"$c -c /etc/ceph/ceph.conf --admin-socket= >>cli.out 2>>cli.err ||
            { echo "$c failed"; cat cli.err; return 1; }
    done
    cat cli.out
    grep -q "^$img  *16 MiB" cli.out
    grep -q "rbd image '$img'" cli.out
    grep -qE '^ +[0-9]+ +s1 +16 MiB' cli.out
    grep -qx "rbd_id.$img" cli.out
    if grep -qiE 'undefined symbol|error while loading|no version information' cli.err; then
        cat cli.err
        return 1
    fi
    t rbd -c "$CEPH_CONF" snap purge --no-progress "rbd/$img"
    t rbd -c "$CEPH_CONF" rm --no-progress "rbd/$img"
    summary "rbd ls -l, info, snap create, snap ls; rados ls: all right, nothing from the loader"
}

link_refuses_qemu() {
    local rc=0
    make_bundle 16.2 link "$CW/b" "$QEMU_IMG" >out 2>&1 || rc=$?
    cat out
    ((rc == 2))
    grep -q 'block-rbd.so links librbd.so.1 directly; --mode link carries only programs linked against librbdcompat.so.1' out
    [[ ! -e $CW/b/manifest.json ]]
    summary "exit 2: $(grep -o 'block-rbd.so links librbd.so.1 directly' out)"
}

dropin_unavailable() {
    local rc=0
    make_bundle 16.2 dropin "$CW/b" "$WORK/goceph" >out 2>&1 || rc=$?
    cat out
    ((rc == 2))
    grep -q 'mode dropin needs rbdcompat-dropin' out
    summary "exit 2: $(head -n 1 out)"
}

# leave_one_out BUNDLE FILE...: a copy without FILE must fail --verify,
# and the output must name FILE.
leave_one_out() {
    local b=$1 f rc named=()
    shift
    for f in "$@"; do
        rm -rf copy
        cp -a "$b" copy
        [[ -e copy/$f ]] || { echo "$f is not in $b"; return 1; }
        rm -f "copy/$f"
        rc=0
        t "${TOOL[@]}" --verify copy >v.out 2>&1 || rc=$?
        cat v.out
        ((rc == 1)) || { echo "--verify without $f: exit $rc, not 1"; return 1; }
        grep -q "^MISSING: .*$f" v.out || { echo "--verify without $f does not name it"; return 1; }
        named+=("${f##*/}")
    done
    summary "--verify names each and fails: ${named[*]}"
}

# Without softokn the client really fails in the empty root: the dynamic
# check must say so (Ceph 14.2 asserts on its crypto context).
leave_softokn_dynamic() {
    local b=$1 rc=0
    cp -a "$b" copy
    rm -f copy/lib/libsoftokn3.so
    t "${TOOL[@]}" --verify copy --conf "$CEPH_CONF" --keyring "$CEPH_KEYRING" --timeout 20 \
        >v.out 2>&1 || rc=$?
    cat v.out
    ((rc == 1))
    grep -q '^FAILED: the check client in an empty root with /proc' v.out
    if grep -q '^ok: empty root with /proc' v.out; then return 1; fi
    summary "the check client fails: $(grep -m1 -oE 'FAILED ceph_assert\([^)]*\)|Segmentation fault|rados_connect: [^ ]+' v.out || echo 'see log')"
}

echo "bundle: cluster $RBDCOMPAT_TEST_CLUSTER, tool ${TOOL[1]}, vendor sets in $CACHE"
for v in 16.2 14.2.21 sds; do
    for mode in link preload dropin; do
        out=$WORK/bundle-$v-$mode
        desc="$v/$mode"
        if [[ -n ${MISSING[$v]:-} ]]; then skip "$desc: ${MISSING[$v]}"; continue; fi
        if [[ -n ${MISSING[goceph]:-} ]]; then skip "$desc: ${MISSING[goceph]}"; continue; fi
        if [[ $mode == dropin && -n ${MISSING[dropin]:-} ]]; then
            skip "$desc: ${MISSING[dropin]}"
            continue
        fi
        bins=("$WORK/goceph")
        [[ $mode != link && -z ${MISSING[qemu]:-} ]] && bins+=("$QEMU_IMG")
        [[ $v == 16.2 && $mode == dropin ]] && bins+=(/usr/bin/rbd /usr/bin/rados)
        check "$desc: bundle, --verify (static, and the check client in an empty root)" \
            bundle_verify "$v" "$mode" "$out" "${bins[@]}"
        [[ -f $out/manifest.json ]] || continue
        check "$desc: go-ceph style program in an empty root" run_goceph "$v" "$mode" "$out"
        if [[ $mode != link ]]; then
            if [[ -n ${MISSING[qemu]:-} ]]; then
                skip "$desc: qemu-img: ${MISSING[qemu]}"
            else
                check "$desc: qemu-img round trip in an empty root" run_qemu "$v" "$mode" "$out"
            fi
        fi
        if [[ $v == 16.2 && $mode == dropin ]]; then
            check "$desc: the vendor's rbd and rados CLIs in an empty root" run_cli "$out"
        fi
    done
done
if [[ -n ${MISSING[dropin]:-} ]]; then
    check "dropin mode without rbdcompat-dropin: a clear error" dropin_unavailable
fi
if [[ -z ${MISSING[qemu]:-} && -z ${MISSING[16.2]:-} ]]; then
    check "link mode refuses qemu's block-rbd.so (it links librbd.so.1 itself)" link_refuses_qemu
fi
n=$WORK/bundle-14.2.21-preload
if [[ -f $n/manifest.json ]]; then
    check "leave-one-out (14.2.21/preload): NSS modules, sqlite, the vendor's librados" \
        leave_one_out "$n" lib/libsoftokn3.so lib/libfreeblpriv3.so lib/libsqlite3.so.0 lib/librados.so.2
    check "leave-one-out (14.2.21/preload): without softokn the client fails in the empty root" \
        leave_softokn_dynamic "$n"
fi
n=$WORK/bundle-14.2.21-link
if [[ -f $n/manifest.json ]]; then
    check "leave-one-out (14.2.21/link): the vendor's librados" \
        leave_one_out "$n" lib/rbdcompat/vendor/librados.so.2
fi
n=$WORK/bundle-14.2.21-dropin
if [[ -f $n/manifest.json ]]; then
    check "leave-one-out (14.2.21/dropin): the vendor's librados, the glue, softokn" \
        leave_one_out "$n" lib/vendor/librados-vendor.so.2 lib/librados.so.2 lib/libsoftokn3.so
fi

echo "bundle: $PASSED passed, $FAILED failed, $SKIPPED skipped"
((FAILED == 0))
