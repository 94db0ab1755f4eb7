#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Build the Debian and RPM packages from this tree and check them:
#   deb  dpkg-buildpackage -us -uc -b: librbdcompat1, librbdcompat-dev,
#        rbdcompat-probe (left out with the noprobe profile when the tree
#        has no tools/probe); their contents; the packaged library's glibc
#        floor; an unchanged consumer built from the unpacked packages with
#        `pkg-config librbdcompat` alone, and run.
#   rpm  rpm/check-files.sh (spec %files against meson install), then
#        rpmbuild -bb (--nodeps: Debian's rpm database knows no
#        BuildRequires), the RPMs' contents against meson install, rpmlint
#        with no errors (rpm/librbdcompat.rpmlintrc: the non-EL policies).
# Everything happens in a scratch copy of the tree (dpkg-buildpackage
# writes its results next to the source directory); nothing is installed.
#
# Usage: scripts/package-check.sh [deb|rpm|all]       (default all)
# Environment:
#   PACKAGE_CHECK_DIR     scratch directory (default: a new one under /tmp,
#                         removed afterwards; kept when set)
#   PACKAGE_CHECK_TESTS=1 run the unit suite inside the Debian build too
#                         (default: nocheck; the suite runs in CI anyway)
#   RBDCOMPAT_MESON_ARGS  extra meson options for both builds (e.g.
#                         -Dallow_undecided=true for a development snapshot)
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-all}
case $what in deb|rpm|all) ;; *) echo "usage: $0 [deb|rpm|all]" >&2; exit 2 ;; esac

if [ -n "${PACKAGE_CHECK_DIR:-}" ]; then
  work=$PACKAGE_CHECK_DIR
  rm -rf "$work"
  mkdir -p "$work"
else
  work=$(mktemp -d /tmp/rbdcompat-packages.XXXXXX)
  trap 'rm -rf "$work"' EXIT
fi
jobs=${VARIANTS_JOBS:-2}
log() { printf 'package-check: %s\n' "$*" >&2; }
fail() { printf 'package-check: FAIL: %s\n' "$*" >&2; exit 1; }

version=$(sed -n "s/^ *version *: *'\([^']*\)'.*/\1/p" "$src/meson.build" | sed -n 1p)
[ -n "$version" ] || fail "no project version in meson.build"
have_probe=no
[ -f "$src/tools/probe/meson.build" ] && have_probe=yes
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)

# A copy of the tree without build directories or VCS data.
tree=$work/librbdcompat-$version
mkdir -p "$tree"
tar -C "$src" --exclude='./build*' --exclude=./.git --exclude='./obj-*' \
  --exclude=./debian/.debhelper --exclude='./debian/tmp' -cf - . |
  tar -C "$tree" -xf -

check_deb() {
  local debver profiles=() opts=nocheck debs root libdir out
  debver=$(dpkg-parsechangelog -l "$src/debian/changelog" -S Version)
  [ "${debver%-*}" = "$version" ] ||
    fail "debian/changelog is at ${debver%-*}, meson.build at $version"
  [ "$have_probe" = yes ] || profiles=(-Pnoprobe)
  [ "${PACKAGE_CHECK_TESTS:-0}" = 1 ] && opts=""
  log "dpkg-buildpackage -us -uc -b ${profiles[*]} (DEB_BUILD_OPTIONS=${opts:-none})"
  (cd "$tree" &&
   DEB_BUILD_OPTIONS="$opts parallel=$jobs" RBDCOMPAT_MESON_ARGS="${RBDCOMPAT_MESON_ARGS:-}" \
     dpkg-buildpackage -us -uc -b "${profiles[@]}") > "$work/deb-build.log" 2>&1 ||
    { tail -50 "$work/deb-build.log" >&2; fail "dpkg-buildpackage (log: $work/deb-build.log)"; }

  mapfile -t debs < <(ls "$work"/*.deb)
  log "built: $(cd "$work" && echo *.deb)"
  expect_in() { # PACKAGE PATH...: each path is in the package
    local pkg=$1 deb list p
    shift
    deb=$(find "$work" -maxdepth 1 -name "${pkg}_*.deb" | sort | sed -n 1p)
    [ -n "$deb" ] || fail "no $pkg package"
    list=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|; s|/$||')
    for p in "$@"; do
      grep -qx "$p" <<<"$list" || fail "$pkg lacks $p"
    done
  }
  expect_in librbdcompat1 "/usr/lib/$multiarch/librbdcompat.so.1" \
    "/usr/lib/$multiarch/librbdcompat.so.1.0.0" "/usr/lib/$multiarch/rbdcompat/vendor"
  expect_in librbdcompat-dev /usr/include/rbdcompat/rbd/librbd.h \
    /usr/include/rbdcompat/rados/librados.h "/usr/lib/$multiarch/librbdcompat.so" \
    "/usr/lib/$multiarch/rbdcompat/librbd.so" "/usr/lib/$multiarch/rbdcompat/librados.so" \
    "/usr/lib/$multiarch/pkgconfig/librbdcompat.pc"
  if [ "$have_probe" = yes ]; then
    expect_in rbdcompat-probe /usr/bin/rbdcompat-probe \
      /usr/share/man/man1/rbdcompat-probe.1.gz
  fi

  # Unpack them all into one root, as installing them would.
  root=$work/deb-root
  for d in "${debs[@]}"; do dpkg-deb -x "$d" "$root"; done
  libdir=$root/usr/lib/$multiarch
  if [ "$(uname -m)" = x86_64 ]; then
    local floor_files=("$libdir/librbdcompat.so.1")
    [ "$have_probe" = yes ] && floor_files+=("$root/usr/bin/rbdcompat-probe")
    "$src/tests/platform/glibc_floor.sh" "${floor_files[@]}"
  fi

  # An unchanged consumer: the flags come from pkg-config only.
  cat > "$work/consumer.c" <<'EOF'
#include <stdio.h>
#include <rbd/librbd.h>
#include <rados/librados.h>

int main(void)
{
  int a = -1, b = -1, c = -1, x = -1, y = -1, z = -1;

  rbd_version(&a, &b, &c);
  rados_version(&x, &y, &z);
  printf("RBD_FEATURE_JOURNALING=%d\n", (int)RBD_FEATURE_JOURNALING);
  printf("rbd_version=%d.%d.%d rados_version=%d.%d.%d\n", a, b, c, x, y, z);
  return 0;
}
EOF
  export PKG_CONFIG_SYSROOT_DIR=$root PKG_CONFIG_LIBDIR=$libdir/pkgconfig PKG_CONFIG_PATH=
  local cflags libs needed
  cflags=$(pkg-config --cflags librbdcompat)
  libs=$(pkg-config --libs librbdcompat)
  unset PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_LIBDIR
  log "pkg-config librbdcompat: $cflags $libs"
  # shellcheck disable=SC2086 # the flags are meant to split
  cc -std=c11 -Wall -Werror $cflags "$work/consumer.c" $libs -o "$work/consumer"
  needed=$(readelf -d "$work/consumer" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p' | paste -sd' ')
  [[ " $needed " == *" librbdcompat.so.1 "* ]] ||
    fail "the consumer needs '$needed', not librbdcompat.so.1"
  [[ " $needed " != *" librbd.so.1 "* ]] || fail "the consumer links librbd.so.1"
  # Runs with whatever vendor this machine has (or the stubs, if none).
  out=$(LD_LIBRARY_PATH=$libdir RBDCOMPAT_LOG=debug "$work/consumer" 2>&1) ||
    { echo "$out" >&2; fail "the consumer failed"; }
  awk '{ print "  " $0 }' <<<"$out" >&2
  grep -qx 'RBD_FEATURE_JOURNALING=64' <<<"$out" || fail "the consumer's constant"
  log "deb: OK"
}

check_rpm() {
  local top=$work/rpmbuild spec=$src/rpm/librbdcompat.spec dest rpmopts=() rpms
  local specver
  specver=$(rpmspec -q --qf '%{VERSION}\n' "$spec" 2>/dev/null | sed -n 1p)
  [ "$specver" = "$version" ] || fail "the spec is at $specver, meson.build at $version"
  [ "$have_probe" = yes ] || rpmopts=(--without probe)
  [ -z "${RBDCOMPAT_MESON_ARGS:-}" ] ||
    rpmopts+=(--define "rbdcompat_meson_args $RBDCOMPAT_MESON_ARGS")

  # %files against what meson installs, in the spec's layout.
  dest=$work/rpm-destdir
  local extra_args=()
  read -ra extra_args <<<"${RBDCOMPAT_MESON_ARGS:-}"
  meson setup "$work/rpm-layout" "$tree" --prefix=/usr \
    --libdir="$(rpm --eval '%{_libdir}')" --buildtype=plain -Dtests=disabled \
    "${extra_args[@]}" >/dev/null
  ninja -C "$work/rpm-layout" -j "$jobs" >/dev/null
  meson install -C "$work/rpm-layout" --no-rebuild --quiet --destdir "$dest"
  local without=()
  [ "$have_probe" = yes ] || without=(--without probe)
  "$src/rpm/check-files.sh" "$spec" "$dest" "${without[@]}"

  mkdir -p "$top/SOURCES"
  tar -C "$work" -czf "$top/SOURCES/librbdcompat-$version.tar.gz" "librbdcompat-$version"
  log "rpmbuild -bb ${rpmopts[*]}"
  rpmbuild -bb --nodeps --define "_topdir $top" \
    --define "_smp_mflags -j$jobs" "${rpmopts[@]}" "$spec" > "$work/rpm-build.log" 2>&1 ||
    { tail -50 "$work/rpm-build.log" >&2; fail "rpmbuild (log: $work/rpm-build.log)"; }
  mapfile -t rpms < <(find "$top/RPMS" -name '*.rpm' | sort)
  log "built: $(printf '%s ' "${rpms[@]##*/}")"

  # What the RPMs hold, against what meson installs: files and symlinks
  # (directories aside; man pages get compressed by rpmbuild; build-id
  # links are rpm's own).
  diff -u <(cd "$dest" && find . \( -type f -o -type l \) | sed 's|^\.||' | sort) \
          <(for r in "${rpms[@]}"; do
              rpm -qp --qf '[%{FILEMODES:perms} %{FILENAMES}\n]' "$r"
            done | awk '$1 !~ /^d/ {print $2}' | grep -v '^/usr/lib/\.build-id' |
            sed 's|\.gz$||' | sort) ||
    fail "the RPMs differ from meson install (- meson, + RPMs)"

  # rpmlint: no errors (warnings are shown).
  local lint
  lint=$(rpmlint -r "$src/rpm/librbdcompat.rpmlintrc" "$spec" "${rpms[@]}" 2>&1 || true)
  awk '{ print "  " $0 }' <<<"$lint" >&2
  if grep -q ': E: ' <<<"$lint"; then
    fail "rpmlint reports errors"
  fi
  log "rpm: OK"
}

[ "$what" = rpm ] || check_deb
[ "$what" = deb ] || check_rpm
log "all OK"
