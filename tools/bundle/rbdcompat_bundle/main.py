# SPDX-License-Identifier: LGPL-2.1-or-later
"""rbdcompat-bundle: the vendor's Ceph client libraries, the shim and the
programs that use them, packed into one self-contained directory. See
rbdcompat-bundle(1)."""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

from . import config
from .build import env_lines, lay_out, write_launchers, write_manifest
from .collect import CollectError, Collector, system_dirs
from .elf import Elf, ElfError
from .verify import Report, dynamic, static

MODES = ("link", "preload", "dropin")


def die(msg, status=2):
    sys.stderr.write("rbdcompat-bundle: %s\n" % msg)
    sys.exit(status)


def origin_expand(d, shim):
    return re.sub(r"\$(ORIGIN|\{ORIGIN\})", os.path.dirname(os.path.realpath(shim)), d)


def is_shim(path):
    try:
        e = Elf(path)
    except (OSError, ElfError):
        return False
    return e.soname == "librbdcompat.so.1" or "librbdcompat.so.1" in e.needed and \
        any(n.endswith("-vendor.so.1") or n.endswith("-vendor.so.2") for n in e.needed)


def find_vendor(soname, env, shim):
    """As the shim finds the vendor: the variable, the vendor directory,
    the soname in the system's directories; never the shim (or its glue)."""
    v = os.environ.get(env)
    if v:
        return v, "$" + env
    vd = os.environ.get("RBDCOMPAT_VENDOR_DIR") or config.VENDOR_DIR
    p = os.path.join(origin_expand(vd, shim), soname)
    if os.path.isfile(p):
        return p, "the vendor directory %s" % vd
    for d in os.environ.get("LD_LIBRARY_PATH", "").split(":") + system_dirs():
        p = os.path.join(d, soname) if d else ""
        if p and os.path.isfile(p) and not is_shim(p):
            return p, "%s by soname in %s" % (soname, d)
    die("cannot find the vendor's %s (give --%s)" % (soname, soname.split(".")[0]))


def parse(argv):
    ap = argparse.ArgumentParser(
        prog="rbdcompat-bundle",
        description="Pack the vendor's Ceph client libraries, librbdcompat and the programs "
                    "that use them into a self-contained, verified directory.")
    ap.add_argument("--librbd", help="the vendor's librbd.so.1 (default: as the shim finds it)")
    ap.add_argument("--librados", help="the vendor's librados.so.2 (default: as the shim finds it)")
    ap.add_argument("--binary", action="append", default=[], metavar="FILE",
                    help="a program or module to carry (repeatable)")
    ap.add_argument("--mode", choices=MODES, default="link")
    ap.add_argument("--out", metavar="DIR", help="the bundle to write (must not exist)")
    ap.add_argument("--prefix", metavar="DIR",
                    help="where the bundle will live in the image (default: --out)")
    ap.add_argument("--shim", default=None, help="the librbdcompat.so.1 to bundle (default: %s)" %
                    config.SHIM)
    ap.add_argument("--lib-dir", action="append", default=[], metavar="DIR",
                    help="a directory searched first for dependencies (repeatable)")
    ap.add_argument("--verify", nargs="?", const=True, default=None, metavar="DIR",
                    help="check the bundle just written, or an existing bundle DIR")
    ap.add_argument("--conf", help="with --verify: a ceph.conf for the dynamic check")
    ap.add_argument("--keyring", help="with --verify: the keyring for the dynamic check")
    ap.add_argument("--pool", default="rbd", help="with --verify: the pool to write to (rbd)")
    ap.add_argument("--timeout", type=int, default=60, metavar="SECONDS",
                    help="with --verify --conf: seconds allowed to each run of the check client (60)")
    ap.add_argument("--keep-root", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if (a.conf is None) != (a.keyring is None):
        ap.error("--conf and --keyring go together")
    if a.conf and a.verify is None:
        ap.error("--conf/--keyring need --verify")
    if isinstance(a.verify, str) and a.out:
        ap.error("--verify DIR re-checks an existing bundle; it takes no --out")
    if a.verify is None or a.verify is True:
        if not a.out:
            ap.error("--out DIR is required")
    for f in (a.conf, a.keyring):
        if f and not os.path.isfile(f):
            ap.error("%s: no such file" % f)
    return a


def dropin_glue(workdir, librbd, librados):
    """The glue libraries of the drop-in (rbdcompat-dropin --into)."""
    tool = os.environ.get("RBDCOMPAT_BUNDLE_DROPIN") or shutil.which("rbdcompat-dropin") or \
        (config.DROPIN if os.path.isfile(config.DROPIN) else None)
    if not tool:
        die("--mode dropin needs rbdcompat-dropin (the drop-in glue libraries), which is not "
            "installed here; use --mode link or preload")
    into = os.path.join(workdir, "dropin")
    r = subprocess.run([tool, "--into", into, "--vendor-librbd", librbd, "--vendor-librados",
                        librados], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True, timeout=300)
    if r.returncode:
        die("%s --into failed (exit %d):\n%s" % (tool, r.returncode, r.stdout))
    for n in ("librbdcompat.so.1", "librbd.so.1", "librados.so.2"):
        if not os.path.isfile(os.path.join(into, n)):
            die("%s --into wrote no %s" % (tool, n))
    return into, tool


def build(a):
    shim = a.shim or os.environ.get("RBDCOMPAT_BUNDLE_SHIM") or config.SHIM
    launcher = os.environ.get("RBDCOMPAT_BUNDLE_LAUNCHER") or config.LAUNCHER
    check = os.environ.get("RBDCOMPAT_BUNDLE_CHECK") or config.CHECK
    for what, f in (("the shim", shim), ("the launcher", launcher), ("the check client", check)):
        if not os.path.isfile(f):
            die("%s %s does not exist" % (what, f))
    found = {}
    for soname, opt, env in (("librbd.so.1", a.librbd, "RBDCOMPAT_LIBRBD"),
                             ("librados.so.2", a.librados, "RBDCOMPAT_LIBRADOS")):
        if opt:
            found[soname] = (opt, "--" + soname.split(".")[0])
        else:
            found[soname] = find_vendor(soname, env, shim)
        p = found[soname][0]
        if not os.path.isfile(p):
            die("%s: no such file" % p)
        if is_shim(p):
            die("%s is librbdcompat (or its drop-in glue), not the vendor's %s" % (p, soname))
        try:
            e = Elf(p)
        except (OSError, ElfError) as err:
            die(str(err))
        if e.soname != soname:
            die("%s has SONAME %s, not %s" % (p, e.soname, soname))
    for b in a.binary:
        if not os.path.isfile(b):
            die("%s: no such file" % b)
    out = os.path.abspath(a.out)
    if os.path.exists(out) and (not os.path.isdir(out) or os.listdir(out)):
        die("%s exists and is not an empty directory" % out)
    prefix = os.path.abspath(a.prefix) if a.prefix else out
    librbd, librados = found["librbd.so.1"][0], found["librados.so.2"][0]

    work = tempfile.mkdtemp(prefix="rbdcompat-bundle.")
    try:
        glue = {}
        if a.mode == "dropin":
            into, tool = dropin_glue(work, librbd, librados)
            shim = os.path.join(into, "librbdcompat.so.1")
            glue = {n: os.path.join(into, n) for n in ("librbd.so.1", "librados.so.2")}
        col = Collector(librbd, librados, shim, a.mode, a.lib_dir)
        col.glue = glue
        try:
            col.add(shim, "lib/librbdcompat.so.1", "the shim (%s)" % (
                "from %s --into" % tool if glue else shim))
            vd = {"link": "lib/rbdcompat/vendor/", "preload": "lib/", "dropin": "lib/vendor/"}[a.mode]
            vname = {"dropin": ("librbd-vendor.so.1", "librados-vendor.so.2")}.get(
                a.mode, ("librbd.so.1", "librados.so.2"))
            col.add(librados, vd + vname[1],
                    "the vendor's librados (%s)" % found["librados.so.2"][1])
            if glue:
                col.add(glue["librados.so.2"], "lib/librados.so.2",
                        "the drop-in glue librados.so.2 (%s --into)" % tool)
            col.add(librbd, vd + vname[0], "the vendor's librbd (%s)" % found["librbd.so.1"][1])
            if glue:
                col.add(glue["librbd.so.1"], "lib/librbd.so.1",
                        "the drop-in glue librbd.so.1 (%s --into)" % tool)
            col.add(check, "libexec/rbdcompat-bundle-check", "the check client (--verify)")
            qemu_dirs = []
            for b in a.binary:
                e = col.elf(b)
                name = os.path.basename(b)
                if e.is_program:
                    col.add(b, "libexec/" + name, "--binary %s" % b)
                    if name.startswith("qemu"):
                        qemu_dirs += [p for p in e.path_strings() if p.endswith("/qemu") and
                                      os.path.isfile(os.path.join(p, "block-rbd.so"))]
                elif re.match(r"block-.*\.so$", name) or os.path.basename(os.path.dirname(b)) == "qemu":
                    col.add(b, "lib/qemu/" + name, "--binary %s (a qemu module)" % b)
                    col.env["QEMU_MODULE_DIR"] = "${BUNDLE}/lib/qemu"
                else:
                    col.add(b, "lib/" + name, "--binary %s" % b)
            for d in qemu_dirs[:1]:
                if "lib/qemu/block-rbd.so" not in col.items:
                    col.add(os.path.join(d, "block-rbd.so"), "lib/qemu/block-rbd.so",
                            "qemu's rbd module (%s, named in the qemu program)" % d)
            if "lib/qemu/block-rbd.so" in col.items:
                col.env["QEMU_MODULE_DIR"] = "${BUNDLE}/lib/qemu"
            col.rules()
        except CollectError as e:
            die(str(e))
        importers, uncovered = col.catch_all()
        loader = None
        for dest, it in col.items.items():
            if it.elf.is_program:
                loader = "lib/" + os.path.basename(it.elf.interp)
                break
        if loader not in col.items:
            die("the loader %s is not in the closure" % loader)
        preload = ["lib/librbdcompat.so.1"] if a.mode == "preload" else []
        lines = env_lines(col, loader, preload)

        def write_env(path):
            with open(path, "w") as f:
                f.write("# Read by the launchers in bin/: @loader, @preload, then NAME=VALUE\n")
                f.write("# (${BUNDLE} is the bundle's directory wherever it is).\n")
                f.write("\n".join(lines) + "\n")
            return "generated"

        def write_bundle_env(path):
            with open(path, "w") as f:
                f.write("# The environment of an image that carries this bundle at %s\n" % prefix)
                f.write("# (mode %s). The launchers in %s/bin set it themselves;\n" % (a.mode, prefix))
                f.write("# use these lines (Dockerfile ENV, a pod's env) for programs started\n")
                f.write("# otherwise. Ceph's plugin_dir: %s\n" % (
                    (col.ceph_plugin_dir or "none bundled").replace("${BUNDLE}", prefix)))
                for l in lines:
                    if not l.startswith("@"):
                        f.write(l.replace("${BUNDLE}", prefix).replace("?=", "=") + "\n")
                f.write("PATH=%s/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n" % prefix)
            return "generated"

        os.makedirs(out, exist_ok=True)
        files = lay_out(out, col, prefix, loader, launcher, preload,
                        [("etc/launcher.env", "the launchers' environment", write_env),
                         ("bundle.env", "the environment for the image", write_bundle_env)])
        launchers = write_launchers(out, col, launcher)
        for l in launchers:
            files.append({"path": l, "source": launcher, "rule": "launcher of libexec/%s" %
                          os.path.basename(l), "sha256_source": None,
                          "sha256": __import__("hashlib").sha256(open(os.path.join(out, l), "rb").read()).hexdigest(),
                          "patched": [], "soname": None, "notes": []})
        total = sum(os.path.getsize(os.path.join(out, f["path"])) for f in files)
        manifest = {
            "format": 1, "tool": "rbdcompat-bundle %s" % config.VERSION, "mode": a.mode,
            "prefix": prefix, "loader": loader, "glibc": col.glibc,
            "vendor": {"librbd": os.path.realpath(librbd), "librados": os.path.realpath(librados)},
            "shim": os.path.realpath(shim), "launchers": launchers, "env": lines,
            "ceph_plugin_dir": col.ceph_plugin_dir, "files": files, "total_bytes": total,
            "dlopen_importers": importers, "names_not_bundled": uncovered, "notes": col.notes,
        }
        write_manifest(out, manifest)
        summary(out, manifest, sys.stdout)
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def summary(out, m, f):
    kinds = {}
    for ent in m["files"]:
        k = re.sub(r" [(].*| of .*|, named in .*", "", ent["rule"])
        k = "DT_NEEDED" if k.startswith("DT_NEEDED") else k
        kinds[k] = kinds.get(k, 0) + 1
    f.write("bundle %s: mode %s, %d files, %.1f MB, glibc %s, loader %s\n" % (
        out, m["mode"], len(m["files"]), m["total_bytes"] / 1e6, m["glibc"], m["loader"]))
    f.write("  vendor: %s, %s\n" % (m["vendor"]["librbd"], m["vendor"]["librados"]))
    for k in sorted(kinds):
        f.write("  %3d  %s\n" % (kinds[k], k))
    for ent in m["files"]:
        if ent["rule"].startswith(("NSS", "OpenSSL", "Ceph plugin", "qemu", "libibverbs", "glibc ")):
            f.write("       %s  <- %s\n" % (ent["path"], ent["rule"]))
    f.write("  launchers: %s\n" % " ".join(m["launchers"]))
    f.write("  import dlopen: %s\n" % " ".join(m["dlopen_importers"]))
    n = sum(len(v) for v in m["names_not_bundled"].values())
    f.write("  lib*.so names in bundled files that no bundled file carries: %d (manifest.json"
            " names_not_bundled)\n" % n)
    for note in m["notes"]:
        f.write("  note: %s\n" % note)


def main(argv=None):
    a = parse(sys.argv[1:] if argv is None else argv)
    if isinstance(a.verify, str):
        root = os.path.abspath(a.verify)
    else:
        root = build(a)
        if a.verify is None:
            # Never call a bundle written that does not hold together: the
            # static check always runs (its lines only when it fails).
            import io
            buf = io.StringIO()
            rep = Report(buf)
            static(root, rep)
            if rep.errors:
                sys.stdout.write(buf.getvalue())
                sys.stdout.write("rbdcompat-bundle: %s is incomplete (%d problems above)\n" % (
                    root, rep.errors))
                return 1
            return 0
    rep = Report(sys.stdout)
    sys.stdout.write("verify %s:\n" % root)
    m = static(root, rep)
    if m is not None and a.conf:
        sys.stdout.flush()
        dynamic(root, m, a.conf, a.keyring, a.pool, rep, a.keep_root, a.timeout)
    sys.stdout.write("verify: %s\n" % ("PASSED" if not rep.errors else "FAILED (%d problems)" % rep.errors))
    return 1 if rep.errors else 0
