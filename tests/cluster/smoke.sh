#!/usr/bin/env bash
# Smoke test of the throw-away cluster through the *system* (Pacific) client
# stack: python3-rbd/python3-rados, the rbd CLI and fio's rbd engine.
#
#   tests/cluster/smoke.sh           starts its own cluster via with-cluster.sh
#   with-cluster.sh tests/cluster/smoke.sh    same thing, explicitly
#
# Inside a cluster (RBDCOMPAT_TEST_CLUSTER and CEPH_CONF set) it runs the
# checks directly.  Prints PASS/FAIL per check and a closing
# "smoke: N passed, N failed" line; exits 0 only if everything passed,
# 77 if the cluster could not be started because Ceph is not installed.

set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)

if [[ -z ${RBDCOMPAT_TEST_CLUSTER:-} || -z ${CEPH_CONF:-} ]]; then
    exec "$HERE/with-cluster.sh" "$HERE/smoke.sh" "$@"
fi

SYS_PY=/usr/bin/python3 # Debian's: it has python3-rbd / python3-rados
PASSED=0
FAILED=0
WORK=$(mktemp -d "$RBDCOMPAT_TEST_CLUSTER/smoke.XXXXXX")
export WORK

pass() { echo "PASS: $*"; PASSED=$((PASSED + 1)); }
fail() { echo "FAIL: $*"; FAILED=$((FAILED + 1)); }

# Run "$@" (a command or an exported function) bounded in time;
# PASS/FAIL named by $1 (description).
check() {
    local what=$1
    shift
    if timeout 120 bash -c '"$@"' check "$@" >"$WORK/out" 2>&1; then
        pass "$what"
    else
        fail "$what (status $?)"
        sed 's/^/    | /' "$WORK/out" | tail -n 40
    fi
}

# ---------------------------------------------------------------- python3-rbd

cat >"$WORK/smoke.py" <<'EOF'
import os, sys
import rados, rbd

conf = os.environ["CEPH_CONF"]
MiB = 1 << 20
failed = 0

def step(name, fn):
    global failed
    try:
        fn()
        print("PASS: python3-rbd: " + name)
    except Exception as e:  # noqa
        failed += 1
        print("FAIL: python3-rbd: %s: %r" % (name, e))
        raise SystemExit(1)

cluster = rados.Rados(conffile=conf, name="client.admin")
step("connect (librados %s)" % (cluster.version(),),
     lambda: cluster.connect(timeout=30))
ioctx = cluster.open_ioctx("rbd")
r = rbd.RBD()
features = rbd.RBD_FEATURE_LAYERING

def create():
    r.create(ioctx, "smoke", 16 * MiB, old_format=False, features=features)
    assert "smoke" in r.list(ioctx), r.list(ioctx)
    with rbd.Image(ioctx, "smoke") as img:
        assert img.size() == 16 * MiB, img.size()
step("create 16 MiB image", create)

pattern = bytes(range(256)) * 4096            # 1 MiB
def write_read():
    with rbd.Image(ioctx, "smoke") as img:
        assert img.write(pattern, 0) == len(pattern)
        assert img.write(pattern, 15 * MiB) == len(pattern)
        img.flush()
        assert img.read(0, len(pattern)) == pattern
        assert img.read(15 * MiB, len(pattern)) == pattern
        assert img.read(4 * MiB, 4096) == b"\0" * 4096
step("write/read back", write_read)

def snap_protect():
    with rbd.Image(ioctx, "smoke") as img:
        img.create_snap("s1")
        img.protect_snap("s1")
        assert img.is_protected_snap("s1")
        assert [s["name"] for s in img.list_snaps()] == ["s1"]
        img.write(b"\xff" * 4096, 0)          # diverge head from snapshot
step("snapshot + protect", snap_protect)

def clone():
    r.clone(ioctx, "smoke", "s1", ioctx, "smoke-clone", features=features)
    with rbd.Image(ioctx, "smoke-clone") as c:
        assert c.read(0, len(pattern)) == pattern       # data from parent snap
        assert c.parent_info()[1:] == ("smoke", "s1"), c.parent_info()
        c.write(b"\x5a" * 4096, 8 * MiB)
        assert c.read(8 * MiB, 4096) == b"\x5a" * 4096
    with rbd.Image(ioctx, "smoke", snapshot="s1") as snap:
        assert snap.read(8 * MiB, 4096) == b"\0" * 4096
step("clone", clone)

state = {}
def trash_mv_ls():
    r.trash_move(ioctx, "smoke-clone", 0)
    assert "smoke-clone" not in r.list(ioctx)
    entries = list(r.trash_list(ioctx))
    names = [e["name"] for e in entries]
    assert names == ["smoke-clone"], entries
    state["id"] = entries[0]["id"]
step("trash move + list", trash_mv_ls)

def trash_restore():
    r.trash_restore(ioctx, state["id"], "smoke-clone")
    assert "smoke-clone" in r.list(ioctx)
    assert list(r.trash_list(ioctx)) == []
    with rbd.Image(ioctx, "smoke-clone") as c:
        assert c.read(8 * MiB, 4096) == b"\x5a" * 4096
step("trash restore", trash_restore)

def remove():
    r.remove(ioctx, "smoke-clone")
    with rbd.Image(ioctx, "smoke") as img:
        img.unprotect_snap("s1")
        img.remove_snap("s1")
    r.trash_move(ioctx, "smoke", 0)
    (e,) = list(r.trash_list(ioctx))
    r.trash_remove(ioctx, e["id"])
    assert r.list(ioctx) == [] and list(r.trash_list(ioctx)) == []
step("remove (image, snapshot, trash)", remove)

ioctx.close()
cluster.shutdown()
sys.exit(1 if failed else 0)
EOF

echo "smoke: cluster $RBDCOMPAT_TEST_CLUSTER (CEPH_CONF=$CEPH_CONF)"
timeout 180 "$SYS_PY" "$WORK/smoke.py" >"$WORK/py.out" 2>&1
rc=$?
grep -E '^(PASS|FAIL):' "$WORK/py.out"
PASSED=$((PASSED + $(grep -c '^PASS:' "$WORK/py.out")))
FAILED=$((FAILED + $(grep -c '^FAIL:' "$WORK/py.out")))
if ((rc != 0)); then
    grep -q '^FAIL:' "$WORK/py.out" || fail "python3-rbd smoke script (status $rc)"
    grep -vE '^(PASS|FAIL):' "$WORK/py.out" | sed 's/^/    | /' | tail -n 40
fi

# ---------------------------------------------------------------- rbd CLI

rbd_ls() {
    local out
    /usr/bin/rbd -c "$CEPH_CONF" create --size 4M --image-feature layering rbd/cli-img &&
        out=$(/usr/bin/rbd -c "$CEPH_CONF" ls rbd) &&
        echo "rbd ls: $out" &&
        [[ $out == cli-img ]] &&
        /usr/bin/rbd -c "$CEPH_CONF" rm --no-progress rbd/cli-img &&
        [[ -z $(/usr/bin/rbd -c "$CEPH_CONF" ls rbd) ]]
}
export -f rbd_ls
check "rbd -c \$CEPH_CONF create/ls/rm" rbd_ls

# ---------------------------------------------------------------- fio rbd

fio_rbd() {
    /usr/bin/rbd -c "$CEPH_CONF" create --size 32M --image-feature layering rbd/fio-img || return 1
    # fio's rbd engine calls rados_conf_read_file(NULL): the conf comes from
    # the CEPH_CONF environment variable.
    # (run in WORK: fio drops verify-state files in its working directory)
    cd "$WORK" || return 1
    CEPH_CONF=$CEPH_CONF fio --name=smoke --ioengine=rbd --clientname=admin \
        --pool=rbd --rbdname=fio-img --rw=randwrite --bs=64k --size=16M \
        --iodepth=8 --verify=crc32c --do_verify=1 --verify_fatal=1 --verify_state_save=0 \
        --output="$WORK/fio.out" || { cat "$WORK/fio.out"; return 1; }
    grep -E 'err= *0' "$WORK/fio.out" >/dev/null || { cat "$WORK/fio.out"; return 1; }
    /usr/bin/rbd -c "$CEPH_CONF" rm --no-progress rbd/fio-img
}
export -f fio_rbd
check "fio --ioengine=rbd 16 MiB randwrite, verify=crc32c" fio_rbd

echo "smoke: $PASSED passed, $FAILED failed"
((FAILED == 0))
