#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The %files lists of rpm/librbdcompat.spec against what `meson install`
# installs: every installed file and symlink must be listed in exactly one
# package, and every listed entry must match something installed (no
# stale entries). %dir entries are left to rpmbuild, which fails on a
# missing one. (rpmbuild also fails on installed files no %files lists;
# this check needs no RPM build, and names the package of each entry.)
#
# Usage: check-files.sh SPEC DESTDIR [rpmspec options, e.g. --without probe]
#   DESTDIR: a `meson install --destdir` of a build configured as the
#   spec's %build does (prefix /usr, libdir the spec's %{_libdir}).
set -euo pipefail

spec=$1 destdir=$2
shift 2
rpmspec -P "$@" "$spec" | python3 -c '
import fnmatch, os, sys

destdir = sys.argv[1]
installed = set()
for root, dirs, files in os.walk(destdir):
    for name in files + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
        installed.add("/" + os.path.relpath(os.path.join(root, name), destdir))

owner = {}        # installed path -> packages listing it
problems = []
package = None
for line in sys.stdin:
    line = line.strip()
    if line.startswith("%changelog"):
        break
    if line.startswith("%files"):
        words = line.split()[1:]
        package = ("-n " if words[:1] == ["-n"] else "") + " ".join(words[1:] if words[:1] == ["-n"] else words) or "(main)"
        continue
    if package is None or not line or line.startswith("%if") or line.startswith("%endif"):
        continue
    if line.startswith("%") and not line.startswith(("%dir", "%doc", "%license", "%config", "%attr")):
        package = None  # another section
        continue
    if line.startswith("%dir"):
        continue
    words = [w for w in line.split() if not w.startswith("%")]
    for entry in words:
        entry = entry.rstrip("/")
        matched = [p for p in installed
                   if fnmatch.fnmatch(p, entry) or p.startswith(entry + "/")]
        if not matched:
            problems.append("%s: %s matches nothing meson installs" % (package, entry))
        for p in matched:
            owner.setdefault(p, []).append(package)

for p in sorted(installed):
    pkgs = owner.get(p, [])
    if not pkgs:
        problems.append("%s is installed by meson but in no %%files list" % p)
    elif len(pkgs) > 1:
        problems.append("%s is listed by more than one package: %s" % (p, ", ".join(pkgs)))
for msg in problems:
    print("check-files: FAIL: " + msg)
print("check-files: %d installed files, %d problems" % (len(installed), len(problems)))
sys.exit(1 if problems else 0)
' "$destdir"
