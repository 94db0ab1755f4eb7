# SPDX-License-Identifier: LGPL-2.1-or-later
"""Laying a bundle out: copy what the collector chose, patch every ELF to
$ORIGIN-relative RUNPATHs (and programs to the bundle's loader), write a
launcher per program, the launcher's env, bundle.env and manifest.json."""

import hashlib
import json
import os
import shutil
import subprocess

from .collect import GLIBC_SONAME

MANIFEST = "manifest.json"


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def runpath_for(dest):
    """$ORIGIN, and the way from the file's directory to lib/."""
    d = os.path.dirname(dest)
    rel = os.path.relpath("lib", d)
    parts = ["$ORIGIN"] if d == "lib" or d.startswith("lib/") else []
    if rel != ".":
        parts.append("$ORIGIN/" + rel)
    return ":".join(parts)


def patchelf(args):
    r = subprocess.run(["patchelf"] + args, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, universal_newlines=True, timeout=120)
    if r.returncode:
        raise RuntimeError("patchelf %s: %s" % (" ".join(args), r.stdout.strip()))


def lay_out(out, col, prefix, loader_dest, launcher, preload, extra_files):
    """Write the bundle into out (which must not exist yet)."""
    entries = []
    for dest, it in sorted(col.items.items()):
        path = os.path.join(out, dest)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        shutil.copyfile(it.real, path)
        os.chmod(path, 0o755 if it.elf.is_program or dest.startswith("lib/ld-") else 0o644)
        patches = []
        name = os.path.basename(dest)
        if not GLIBC_SONAME.match(name) and dest != loader_dest:
            rp = runpath_for(dest)
            if dest.startswith("lib/rbdcompat/vendor/"):
                rp = "$ORIGIN:$ORIGIN/../.."
            elif dest.startswith("lib/vendor/"):
                rp = "$ORIGIN/.."          # dropin: librados.so.2 is the glue
            elif it.rule.startswith("the drop-in glue"):
                rp = "$ORIGIN:$ORIGIN/vendor"
            patchelf(["--set-rpath", rp, path])
            patches.append("RUNPATH %s (was %s)" % (rp, it.elf.runpath or it.elf.rpath or "none"))
        if it.elf.is_program:
            interp = os.path.join(prefix, loader_dest)
            patchelf(["--set-interpreter", interp, path])
            patches.append("PT_INTERP %s (was %s)" % (interp, it.elf.interp))
        entries.append({
            "path": dest, "source": it.source, "real_source": it.real, "rule": it.rule,
            "sha256_source": sha256(it.real), "sha256": sha256(path),
            "patched": patches, "soname": it.elf.soname, "notes": it.notes,
        })
    for dest, rule, write in extra_files:
        path = os.path.join(out, dest)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        src = write(path)
        entries.append({"path": dest, "source": src, "rule": rule, "sha256_source": None,
                        "sha256": sha256(path), "patched": [], "soname": None, "notes": []})
    return entries


def write_launchers(out, col, launcher):
    made = []
    os.makedirs(os.path.join(out, "bin"), exist_ok=True)
    for dest, it in sorted(col.items.items()):
        if dest.startswith("libexec/") and it.elf.is_program:
            b = os.path.join(out, "bin", os.path.basename(dest))
            shutil.copyfile(launcher, b)
            os.chmod(b, 0o755)
            made.append("bin/" + os.path.basename(dest))
    return made


def env_lines(col, loader_dest, preload):
    lines = ["@loader " + loader_dest]
    lines += ["@preload " + p for p in preload]
    env = dict(col.env)
    env["RBDCOMPAT_VENDOR_DIR"] = "$ORIGIN/rbdcompat/vendor"
    for k in sorted(env):
        lines.append("%s=%s" % (k, env[k]))
    lines.append("RBDCOMPAT_LOG?=warn")
    return lines


def write_manifest(out, manifest):
    with open(os.path.join(out, MANIFEST), "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
        f.write("\n")
