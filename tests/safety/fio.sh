#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# fio's rbd engine through the preloaded shim with the functions of issue
# 12 disabled: it hung (SIGKILL needed) without rbd_poll_io_events and
# crashed (SIGSEGV) without rbd_aio_get_arg. Each run must now end by
# itself, without a signal, either verified (crc32c) or with a clean error
# (exit 1 and fio's message). Then qemu-img with rados_shutdown and
# rados_ioctx_create disabled (it aborted at exit in 2 of 10 runs): 10 runs,
# each a clean failure.
#
#   fio.sh SHIM       (suite 'cluster'; 77 without Ceph or fio)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
SHIM=$(realpath "$1")
command -v fio >/dev/null || { echo "SKIP: no fio"; exit 77; }
command -v rbd >/dev/null || { echo "SKIP: no rbd CLI"; exit 77; }
if [[ -z ${RBDCOMPAT_TEST_CLUSTER:-} ]]; then
  exec "$HERE/../cluster/with-cluster.sh" "$0" "$@"
fi
rbd -c "$CEPH_CONF" create --size 32 rbd/safety-fio
out=$RBDCOMPAT_TEST_CLUSTER/fio.out
fail=0
# DISABLE list | what must happen: ok (verified) or error (clean failure)
while read -r disable want; do
  [[ $disable == - ]] && disable=
  rc=0
  RBDCOMPAT_DISABLE=$disable LD_PRELOAD=$SHIM timeout -s KILL 60 \
    fio --name=t --ioengine=rbd --clientname=admin --pool=rbd \
    --rbdname=safety-fio --rw=randwrite --bs=4k --size=4M --iodepth=4 \
    --verify=crc32c --verify_state_save=0 </dev/null >"$out" 2>&1 || rc=$?
  got=error
  if ((rc == 0)) && grep -q 'err= 0' "$out"; then got=ok; fi
  if ((rc > 128)); then got="signal $((rc - 128))"; fi
  echo "DISABLE=${disable:-(none)}: exit $rc: $got"
  { grep -E '^rbdcompat:|failed|error' "$out" || true; } | sed 's/^/    | /'
  if [[ $got != "$want" ]]; then
    echo "FAIL: expected $want"
    fail=1
  fi
done <<'LIST' # function-list: the cases, functions disabled together
- ok
rbd_poll_io_events error
rbd_aio_get_arg error
rbd_poll_io_events,rbd_flush,rbd_invalidate_cache error
rbd_flush,rbd_invalidate_cache ok
LIST
if command -v qemu-img >/dev/null; then
  for i in $(seq 10); do
    rc=0
    RBDCOMPAT_DISABLE=rados_shutdown,rados_ioctx_create LD_PRELOAD=$SHIM \
      timeout -s KILL 60 qemu-img info "rbd:rbd/safety-fio:conf=$CEPH_CONF" \
      </dev/null >"$out" 2>&1 || rc=$?
    if ((rc != 1)); then
      echo "FAIL: qemu-img run $i: exit $rc (expected 1, a clean error)"
      sed 's/^/    | /' "$out"
      fail=1
    fi
  done
  echo "qemu-img, DISABLE=rados_shutdown,rados_ioctx_create: 10 runs done"
  sed 's/^/    | /' "$out"
fi
exit $fail
