#!/usr/bin/env bash
# Set up, build, and run the main job:
#   1. install the Debian packages the project needs (scripts/install-deps.sh);
#   2. build librbdcompat (meson, in build/) and install it into build/stage;
#   3. build examples/vendor-demo.c with nothing but `pkg-config librbdcompat`
#      from that installed tree;
#   4. run it through the shim over this machine's librbd, against a
#      throw-away single-node Ceph cluster on 127.0.0.1 when the Ceph daemons
#      are installed, with RBDCOMPAT_LOG=debug so that the shim says what it
#      forwarded, emulated and stubbed.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-deps.sh
if [[ -f build/build.ninja ]]; then
  meson setup --reconfigure build >/dev/null
else
  meson setup build >/dev/null
fi
ninja -C build
rm -rf build/stage
meson install -C build --no-rebuild --quiet --destdir "$PWD/build/stage" >/dev/null

pc=$(find build/stage -name librbdcompat.pc | head -n 1)
export PKG_CONFIG_SYSROOT_DIR=$PWD/build/stage PKG_CONFIG_PATH=${pc%/*} PKG_CONFIG_LIBDIR=${pc%/*}
echo "== cc examples/vendor-demo.c $(pkg-config --cflags --libs librbdcompat)"
# shellcheck disable=SC2046 # the flags are meant to split
cc -std=c11 -Wall -Wextra -Werror $(pkg-config --cflags librbdcompat) \
  examples/vendor-demo.c $(pkg-config --libs librbdcompat) -o build/vendor-demo
lib=$(find build/stage -name librbdcompat.so.1 | head -n 1)

echo "== build/vendor-demo through the shim (RBDCOMPAT_LOG=debug)"
run=(env LD_LIBRARY_PATH="${lib%/*}" RBDCOMPAT_LOG=debug build/vendor-demo)
set +e
tests/cluster/with-cluster.sh "${run[@]}"
status=$?
set -e
if [[ $status -eq 77 ]]; then
  echo "== no Ceph daemons: running without a cluster"
  env -u CEPH_CONF "${run[@]}"
  status=$?
fi
exit $status
