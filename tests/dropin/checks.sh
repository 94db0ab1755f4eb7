# shellcheck shell=bash disable=SC2034,SC2154 # E2E_MISSING: setup.sh's associative array
# The drop-in checks (sourced by run.sh after the e2e harness's setup):
# every consumer over the SDS-like vendor and Ceph 14.2.21, in system mode
# (in-system.sh: the vendor is the system's, `rbdcompat-dropin install` in a
# private mount namespace) and container mode (`rbdcompat-dropin --into`,
# LD_LIBRARY_PATH), then the negative controls.

DROPIN_TOOL_DEST=$(find "$E2E_DEST" -name rbdcompat-dropin -type f | head -n 1)
tool_var() { sed -n "s/^$1 = '\(.*\)'\$/\1/p" "$DROPIN_TOOL_DEST"; }
SHIM_PREFIX=$(tool_var PREFIX)
VENDOR_DIR=$(tool_var VENDOR_DIR)
DROPIN_TOOL=${DROPIN_TOOL_DEST#"$E2E_DEST"}
# N_VERSION and what the programs call that 14.2.21 lacks (N_PY_MISSING,
# N_C_MISSING): tests/e2e/setup.sh.

if ((EUID != 0)); then
    E2E_MISSING[ns]="system mode needs root (a private mount namespace and overlayfs)"
elif ! grep -qw overlay /proc/filesystems; then
    E2E_MISSING[ns]="system mode needs overlayfs (not in /proc/filesystems)"
elif ! unshare -m --propagation private true 2>/dev/null; then
    E2E_MISSING[ns]="system mode needs unshare -m (mount namespaces)"
fi
[[ -n $DROPIN_TOOL_DEST ]] || E2E_MISSING[tool]="rbdcompat-dropin is not in $E2E_DEST"
# The vendor CLIs of 14.2.21: bullseye's ceph-common (rbd, rados) and the
# libradosstriper rados needs, unpacked beside the libraries (cached).
N_CLI_ROOT=""
if [[ -z ${E2E_MISSING[nautilus]:-} ]]; then
    out=$(t "$CLUSTER_TOOLS/debian-fetch.sh" bullseye "$E2E_CACHE/nautilus-cli" \
        ceph-common libradosstriper1 2>"$E2E_WORK/fetch-cli.log") &&
        N_CLI_ROOT=$out
fi
[[ -n $N_CLI_ROOT && -x $N_CLI_ROOT/usr/bin/rbd ]] ||
    E2E_MISSING[cli_nautilus]="no Ceph 14.2.21 rbd/rados CLIs (bullseye's ceph-common could not be fetched: $(tail -n 1 "$E2E_WORK/fetch-cli.log" 2>/dev/null))"
N_CLI_BIN=$N_CLI_ROOT/usr/bin
N_CLI_LIB=$N_CLI_ROOT/usr/lib/x86_64-linux-gnu

# mode_env MODE VENDOR: the words before a command (for env) that run it
# in that mode, in ENVW; the vendor's libraries as the shim loads them in
# V_RBD, V_RADOS; what the vendor's librbd reports in V_VERSION.
mode_env() {
    local mode=$1 vendor=$2 lib
    # The vendor's CLIs first on PATH (14.2.21: bullseye's; SDS: the system's).
    local path=$PATH
    # shellcheck disable=SC2153 # N_VERSION: tests/e2e/setup.sh
    case $vendor in
    sds) lib=$SDS_LIB V_VERSION=$SYS_RBD_VERSION ;;
    nautilus) lib=$N_LIB V_VERSION=$N_VERSION path=$N_CLI_BIN:$PATH ;;
    esac
    case $mode in
    system)
        mkdir -p "$CW/ns"
        ENVW=(PATH="$path" SHIM_DEST="$E2E_DEST" SHIM_PREFIX="$SHIM_PREFIX" VENDOR_LIB="$lib"
            VENDOR_CLI_LIB="$N_CLI_LIB"
            DROPIN_TOOL="$DROPIN_TOOL" VENDOR_DIR="$VENDOR_DIR"
            unshare -m --propagation private "$HERE/in-system.sh" "$vendor" "$CW/ns")
        [[ -n ${ENVW_NOINSTALL:-} ]] && ENVW+=(--no-install)
        ENVW+=(--)
        V_RBD=$VENDOR_DIR/librbd-vendor.so.1 V_RADOS=$VENDOR_DIR/librados-vendor.so.2
        ;;
    container)
        local into=$E2E_WORK/into-$vendor
        if [[ $vendor == nautilus ]]; then
            ENVW=(PATH="$path" LD_LIBRARY_PATH="$into:$N_CLI_LIB:$N_LIB:$N_LIB/ceph")
        else
            ENVW=(LD_LIBRARY_PATH="$into")
        fi
        V_RBD=$into/vendor/librbd-vendor.so.1 V_RADOS=$into/vendor/librados-vendor.so.2
        ;;
    esac
}

# loader_quiet ERR: nothing from the dynamic loader on stderr.
loader_quiet() {
    if grep -E 'no version information available|symbol lookup error|error while loading shared libraries|undefined symbol|cannot open shared object' "$1"; then
        echo "loader_quiet: the dynamic loader complained in $1"
        return 1
    fi
}

# --- container mode: the directory itself

into_dir() { # VENDOR LIBRBD LIBRADOS
    local into=$E2E_WORK/into-$1 f
    t "$DROPIN_TOOL_DEST" --into "$into" --vendor-librbd "$2" --vendor-librados "$3"
    ls -lR "$into"
    cmp "$into/vendor/librbd-vendor.so.1" "$2"
    cmp "$into/vendor/librados-vendor.so.2" "$3"
    # Self-contained: no link leaves the directory.
    while IFS= read -r f; do
        [[ $(readlink -f "$f") == "$into"/* ]] || { echo "$f leaves $into"; return 1; }
    done < <(find "$into" -type l)
    [[ $(needed_libs "$into/librbd.so.1" | paste -sd' ' -) == "librbdcompat.so.1 librbd-vendor.so.1" ]]
    [[ $(needed_libs "$into/librados.so.2" | paste -sd' ' -) == "librbdcompat.so.1 librados-vendor.so.2" ]]
    # A second --into the same directory is refused.
    if "$DROPIN_TOOL_DEST" --into "$into" --vendor-librbd "$2" --vendor-librados "$3"; then
        echo "a second --into was not refused"
        return 1
    fi
    summary "glue, shim, vendor copies byte-identical, nothing outside the directory"
}

# --- the consumers, in any mode

cli_rbd() { # MODE VENDOR
    mode_env "$1" "$2"
    run_client cli env "${ENVW[@]}" "$HERE/vendor-cli.sh" rbd "dropin-cli-$1-$2"
    grep -qx 'vendor-cli: all steps passed' cli.out
    loader_quiet cli.err
    summary "vendor rbd CLI: $(sed -n 's/^ok: //p' cli.out | cut -d: -f1 | paste -sd, -)"
}

cli_rados() {
    mode_env "$1" "$2"
    run_client cli env "${ENVW[@]}" "$HERE/vendor-cli.sh" rados "dropin-obj-$1-$2"
    grep -qx 'vendor-cli: all steps passed' cli.out
    loader_quiet cli.err
    summary "vendor rados CLI: $(sed -n 's/^ok: //p' cli.out | paste -sd, -)"
}

cli_ceph() {
    mode_env "$1" "$2"
    run_client cli env "${ENVW[@]}" "$HERE/vendor-cli.sh" ceph
    grep -qx 'vendor-cli: all steps passed' cli.out
    loader_quiet cli.err
    summary "ceph osd pool ls lists rbd"
}

import_rbd() {
    mode_env "$1" "$2"
    run_client py env "${ENVW[@]}" "$SYS_PY" -c 'import rbd; print("librbd version %d.%d.%d" % rbd.RBD().version())'
    grep -q "librbd version $V_VERSION" py.out
    loader_quiet py.err
    grep -qxF "rbdcompat: loaded $V_RBD" py.err
    summary "import rbd alone: librbd $V_VERSION = $(short "$V_RBD")"
}

rados_alone() {
    mode_env "$1" "$2"
    run_client py env "${ENVW[@]}" "$SYS_PY" -c '
import os, rados
c = rados.Rados(conffile=os.environ["CEPH_CONF"])
c.connect()
print("pools:", " ".join(c.list_pools()))
print("librados version", c.version())
c.shutdown()'
    grep -Eq '^pools:.* rbd( |$)' py.out
    grep -qxF "rbdcompat: loaded $V_RADOS" py.err
    loader_quiet py.err
    summary "python3-rados alone: $(grep librados py.out), pools listed"
}

py_scenario() {
    local req="" opts=""
    mode_env "$1" "$2"
    [[ $2 == sds ]] && req=rbd_trash_list_cleanup
    [[ $2 == nautilus ]] && req=$N_PY_MISSING opts=--newer
    python_scenario py "dropin-py-$1-$2" "$V_VERSION" "$V_RBD" "$V_RADOS" "$req" "$opts" "${ENVW[@]}"
    loader_quiet py.err
}

qemu_glue() {
    local spec
    mode_env "$1" "$2"
    spec="rbd:rbd/dropin-qemu-$1-$2:conf=$CEPH_CONF"
    head -c $((3 * 1048576 + 7 * 512)) /dev/urandom >in.raw
    run_client to-rbd env "${ENVW[@]}" qemu-img convert -f raw -O raw in.raw "$spec"
    run_client from-rbd env "${ENVW[@]}" qemu-img convert -f raw -O raw "$spec" out.raw
    cmp in.raw out.raw
    rbd_cli export --no-progress "rbd/dropin-qemu-$1-$2" cli.raw
    cmp in.raw cli.raw
    for log in to-rbd from-rbd; do
        shim_log "$log.err" "$V_RBD" "$V_RADOS"
        loader_quiet "$log.err"
    done
    rbd_cli rm --no-progress "rbd/dropin-qemu-$1-$2"
    summary "$(stat -c %s in.raw) bytes in and back identical (cmp, and via rbd export); librbd = $(short "$V_RBD")"
}

fio_glue() {
    mode_env "$1" "$2"
    fio_rbd "dropin-fio-$1-$2" "$V_RBD" "$V_RADOS" "${ENVW[@]}"
    loader_quiet fio.err
}

c_consumer() { # MODE VENDOR [VAR=VALUE...]: extra environment (negative controls)
    local mode=$1 vendor=$2 req opts=()
    shift 2
    mode_env "$mode" "$vendor"
    req=rbd_trash_list_cleanup
    [[ $vendor == nautilus ]] && req=$N_C_MISSING opts=(--newer)
    run_client run env "${ENVW[@]}" "$@" "$E2E_BIN/consumer-sys" "${opts[@]}" "dropin-c-$mode-$vendor"
    # shellcheck disable=SC2086 # the list is meant to split
    verified run "consumer: all steps passed" "$V_VERSION" "$V_RBD" "$V_RADOS" $req
    loader_quiet run.err
}

# ldd -r of every consumer used here: 0 undefined Ceph symbols, nothing
# missing.
ldd_clean() {
    local progs=("$QEMU_RBD_MODULE" "$E2E_BIN/consumer-sys") p m
    mode_env "$1" "$2"
    for m in rbd rados; do
        progs+=("$("$SYS_PY" -c "import $m; print($m.__file__)")")
    done
    command -v fio >/dev/null && progs+=("$(command -v fio)")
    [[ $2 == sds ]] && progs+=(/usr/bin/rbd /usr/bin/rados /usr/bin/rbd-replay)
    [[ $2 == nautilus && -n $N_CLI_ROOT ]] && progs+=("$N_CLI_BIN/rbd" "$N_CLI_BIN/rados" "$N_CLI_BIN/rbd-replay")
    for p in "${progs[@]}"; do
        [[ -e $p ]] || continue
        run_client ldd env "${ENVW[@]}" ldd -r "$p"
        grep -E '^\s*(librbd\.so\.1|librados\.so\.2|librbd-vendor|librados-vendor)' ldd.out
        # Ceph's symbols only: a module leaves its host's undefined.
        if grep -E 'undefined symbol: (rbd_|rados_|_Z[A-Za-z0-9_]*(6librbd|8librados|4ceph))|not found' ldd.out ldd.err; then
            echo "ldd -r $p: not clean"
            return 1
        fi
    done
    if [[ $1 == system && $2 == sds ]]; then
        # The tool's own check: every program on the machine that links them.
        run_client check env "${ENVW[@]}" "$DROPIN_TOOL" check
        cat check.out
        ! grep '^FOUND' check.out
        summary "${#progs[@]} programs 0 undefined; rbdcompat-dropin check: $(grep -o '[0-9]* programs and libraries.*' check.out)"
        return 0
    fi
    summary "${#progs[@]} programs and modules: 0 undefined Ceph symbols, nothing missing"
}

# The upstream consumer, built the ordinary way against the system's
# (Pacific) headers and libraries: what a drop-in install serves.
c_build() {
    t "${CC:-cc}" -std=c11 -Wall -Wextra -Werror -o "$E2E_BIN/consumer-sys" \
        "$E2E_SRC/consumer.c" -lrbd -lrados
    needed_libs "$E2E_BIN/consumer-sys" | grep -qx librbd.so.1
    summary "cc -lrbd -lrados against /usr/include"
}
need_check cc "build: the upstream C consumer" c_build
built consumer-sys "$E2E_BIN/consumer-sys" "the upstream C consumer"

for vendor in sds nautilus; do
    case $vendor in
    sds) vneeds=sds vname=SDS ;;
    nautilus) vneeds=nautilus vname=14.2.21 ;;
    esac
    if [[ $vendor == sds ]]; then
        need_check "tool $vneeds" "container/$vname: rbdcompat-dropin --into" \
            into_dir sds "$SDS_LIB/librbd.so.1" "$SYS_RADOS"
    else
        need_check "tool $vneeds" "container/$vname: rbdcompat-dropin --into" \
            into_dir nautilus "$N_LIB/librbd.so.1" "$N_LIB/librados.so.2"
    fi
    for mode in system container; do
        mneeds="tool $vneeds"
        [[ $mode == system ]] && mneeds+=" ns"
        cli=""
        [[ $vendor == nautilus ]] && cli=cli_nautilus
        need_check "$mneeds $cli" "$mode/$vname: vendor rbd CLI" cli_rbd $mode $vendor
        need_check "$mneeds $cli" "$mode/$vname: vendor rados CLI" cli_rados $mode $vendor
        # ceph is the system's (Python, python3-rados through the glue).
        need_check "$mneeds python" "$mode/$vname: ceph osd pool ls" cli_ceph $mode $vendor
        need_check "$mneeds python" "$mode/$vname: import rbd alone" import_rbd $mode $vendor
        need_check "$mneeds python" "$mode/$vname: python3-rados alone" rados_alone $mode $vendor
        need_check "$mneeds python" "$mode/$vname: python3-rbd + python3-rados scenario" \
            py_scenario $mode $vendor
        need_check "$mneeds qemu" "$mode/$vname: qemu-img round trip + cmp" qemu_glue $mode $vendor
        need_check "$mneeds fio" "$mode/$vname: fio verify" fio_glue $mode $vendor
        need_check "$mneeds consumer-sys" "$mode/$vname: upstream C consumer" c_consumer $mode $vendor
        need_check "$mneeds consumer-sys python" "$mode/$vname: ldd -r 0 undefined" ldd_clean $mode $vendor
    done
done

# --- negative controls

# The vendor directory variable pointing elsewhere: the vendor comes from
# the glue's dependency all the same (it used to be every call's stub).
need_check "tool sds consumer-sys ns" "system/SDS: RBDCOMPAT_VENDOR_DIR elsewhere" \
    c_consumer system sds RBDCOMPAT_VENDOR_DIR=/nonexistent/vendor
need_check "tool sds consumer-sys" "container/SDS: RBDCOMPAT_VENDOR_DIR elsewhere" \
    c_consumer container sds RBDCOMPAT_VENDOR_DIR=/nonexistent/vendor

# A second copy of the shim named as the vendor: refused with a message,
# the calls get their stubs, nothing hangs.
second_copy() {
    local rc=0
    mkdir copy
    cp "$SHIM" copy/librbdcompat.so.1
    mode_env container sds
    run_client run env "${ENVW[@]}" RBDCOMPAT_LIBRBD="$CW/copy/librbdcompat.so.1" \
        "$E2E_BIN/consumer-sys" dropin-copy || rc=$?
    ((rc != 124 && rc != 137)) || { echo "it hung"; return 1; }
    grep -F "rbdcompat: refusing $CW/copy/librbdcompat.so.1: it is another copy of librbdcompat" run.err
    summary "refused with a message, status $rc, no hang"
}
need_check "tool sds consumer-sys" "negative: a second copy of the shim as the vendor" second_copy

in_ns_steps() { # VENDOR STEP
    ENVW_NOINSTALL=1 mode_env system "$1"
    run_client steps env "${ENVW[@]}" "$HERE/system-steps.sh" "$2"
    case $2 in
    identical) summary "$(grep '^identical:' steps.out)" ;;
    trap) summary "$(grep '^trap:' steps.out)" ;;
    esac
}
for vendor in sds nautilus; do
    vname=SDS
    [[ $vendor == nautilus ]] && vname=14.2.21
    need_check "tool ns $vendor" "system/$vname: install then remove leaves the tree byte-identical" \
        in_ns_steps "$vendor" identical
done
need_check "tool ns sds" "negative: ldconfig leaves the glue alone; a stray vendor file is reported" \
    in_ns_steps sds trap
