# shellcheck shell=sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Sourced by the secure-execution tests (tests/faults/setuid.sh,
# tests/safety/setuid-env.sh): skips (exit 77) unless this is root with
# setpriv, then copies PROBE to "$tmp/plain" (the control, mode 755) and
# "$tmp/suid" (setuid root, 4755), in a directory removed at exit that the
# unprivileged user can enter.
#
#   NAME=setuid PROBE=path . setuid-pair.sh
if [ "$(id -u)" != 0 ]; then
  echo "$NAME: needs root to make a setuid-root program; skipped"
  exit 77
fi
command -v setpriv >/dev/null || { echo "$NAME: no setpriv; skipped"; exit 77; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
cp "$PROBE" "$tmp/plain"
cp "$PROBE" "$tmp/suid"
chown 0:0 "$tmp/plain" "$tmp/suid"
chmod 755 "$tmp/plain"
chmod 4755 "$tmp/suid"
