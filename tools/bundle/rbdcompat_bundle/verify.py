# SPDX-License-Identifier: LGPL-2.1-or-later
"""rbdcompat-bundle --verify: the static check (every file of the manifest
present and unchanged, every DT_NEEDED and every version need satisfied
inside the bundle, no RUNPATH or loader outside it, no musl file, every
module a rule found still there) and the dynamic one (the bundled check
client connects, writes and reads back 4 MiB in an empty root, and every
file the process opened lies inside the bundle)."""

import json
import os
import re
import shutil
import signal
import subprocess
import tempfile

from .build import MANIFEST, sha256
from .elf import Elf, ElfError, is_elf


class Report:
    def __init__(self, out):
        self.out = out
        self.errors = 0

    def ok(self, msg):
        self.out.write("ok: %s\n" % msg)

    def note(self, msg):
        self.out.write("note: %s\n" % msg)

    def error(self, kind, msg):
        self.errors += 1
        self.out.write("%s: %s\n" % (kind, msg))


def load_manifest(root, rep):
    try:
        with open(os.path.join(root, MANIFEST)) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        rep.error("ERROR", "%s: no readable %s (%s): not a bundle" % (root, MANIFEST, e))
        return None


def inside(root, path):
    root = os.path.realpath(root)
    p = os.path.realpath(path)
    return p == root or p.startswith(root + "/")


def static(root, rep):
    m = load_manifest(root, rep)
    if m is None:
        return None
    listed = {}
    for ent in m["files"]:
        p = os.path.join(root, ent["path"])
        listed[ent["path"]] = ent
        if not os.path.isfile(p):
            rep.error("MISSING", "%s (%s; from %s)" % (ent["path"], ent["rule"], ent["source"]))
        elif sha256(p) != ent["sha256"]:
            rep.error("CHANGED", "%s differs from the manifest's sha256" % ent["path"])
    nfiles = 0
    elves = {}
    for dirpath, _, files in os.walk(root):
        for fn in files:
            p = os.path.join(dirpath, fn)
            rel = os.path.relpath(p, root)
            nfiles += rel != MANIFEST
            if rel != MANIFEST and rel not in listed:
                rep.note("%s is not in the manifest" % rel)
            if os.path.isfile(p) and is_elf(p):
                try:
                    elves[rel] = Elf(p)
                except ElfError as e:
                    rep.error("ERROR", str(e))
    lib = os.path.join(root, "lib")
    prefix = m.get("prefix", root)
    nneeded = nvers = 0
    for rel, e in sorted(elves.items()):
        if e.is_musl:
            rep.error("MUSL", "%s is built for musl (%s): glibc-built Ceph libraries cannot run "
                      "under musl's loader" % (rel, e.interp or "needs libc.musl"))
        if e.interp and not (e.interp.startswith(prefix.rstrip("/") + "/lib/") and
                             os.path.isfile(os.path.join(lib, os.path.basename(e.interp)))):
            rep.error("OUTSIDE", "%s names the loader %s, not the bundle's" % (rel, e.interp))
        dirs = []
        for rp in (e.runpath, e.rpath):
            for d in (rp or "").split(":"):
                if not d:
                    continue
                if not re.match(r"\$(ORIGIN|\{ORIGIN\})(/|$)", d):
                    rep.error("OUTSIDE", "%s has RUNPATH %s outside the bundle" % (rel, d))
                    continue
                d = re.sub(r"^\$(ORIGIN|\{ORIGIN\})", os.path.dirname(os.path.join(root, rel)), d)
                if not inside(root, d):
                    rep.error("OUTSIDE", "%s has RUNPATH %s, which leaves the bundle" % (rel, d))
                    continue
                dirs.append(d)
        dirs.append(lib)
        found = {}
        for name in e.needed:
            nneeded += 1
            hit = next((os.path.join(d, name) for d in dirs
                        if os.path.isfile(os.path.join(d, name)) and
                        inside(root, os.path.join(d, name))), None)
            if not hit:
                what = " (the vendor's %s)" % name if name in ("librbd.so.1", "librados.so.2") else ""
                rep.error("MISSING", "%s needs %s%s: not in the bundle" % (rel, name, what))
                continue
            found[name] = os.path.relpath(os.path.realpath(hit), os.path.realpath(root))
        for name, vers in sorted(e.verneed.items()):
            if name not in found:
                continue
            dep = elves.get(found[name])
            for v in sorted(vers):
                nvers += 1
                if dep is not None and v not in dep.verdef:
                    rep.error("VERSION", "%s needs %s of %s; %s does not define it" % (
                        rel, v, name, found[name]))
    # NSS's modules (no DT_NEEDED names them): named again from libnss3's
    # and softokn's own strings, so a bundle without its manifest entry
    # still fails.
    nss = elves.get("lib/libnss3.so")
    if nss is not None:
        for name in nss.library_strings():
            if re.match(r"libsoftokn\d*\.so$", name) and not os.path.isfile(os.path.join(lib, name)):
                rep.error("MISSING", "lib/%s: lib/libnss3.so loads it at run time (Ceph's "
                          "crypto fails without it)" % name)
    soft = elves.get("lib/libsoftokn3.so")
    if soft is not None:
        for name in soft.library_strings():
            if re.match(r"libfreebl(priv)?\d*\.so$", name) and name in \
                    {os.path.basename(x["path"]) for x in m["files"]} and \
                    not os.path.isfile(os.path.join(lib, name)):
                rep.error("MISSING", "lib/%s: lib/libsoftokn3.so loads it at run time" % name)
    for b in m.get("launchers", []):
        if not os.path.isfile(os.path.join(root, "libexec", os.path.basename(b))):
            rep.error("MISSING", "libexec/%s, which %s runs" % (os.path.basename(b), b))
    rep.ok("%d files (and manifest.json), %d ELF files, %d DT_NEEDED and %d version needs "
           "checked inside %s" % (
        nfiles, len(elves), nneeded, nvers, root))
    return m


STRACE_OPEN = re.compile(r'^(\d+) +(open|openat|execve|stat|newfstatat|access|readlink|statx)'
                         r'\((?:AT_FDCWD, )?"([^"]*)".*= (-?\d+|0x[0-9a-f]+)(?: (E[A-Z]+))?')


def run_bounded(cmd, timeout):
    """Run cmd in a session of its own; on timeout kill the whole session
    (strace, unshare and the client: a crashing Ceph client can hang in
    its fatal-signal handler)."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         universal_newlines=True, errors="replace", start_new_session=True)
    try:
        out, _ = p.communicate(timeout=timeout)
        return out, p.returncode
    except subprocess.TimeoutExpired:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except OSError:
            pass
        out, _ = p.communicate()
        return (out or "") + "\n(killed after %d s)" % timeout, "timeout"


def conf_in_root(conf, dest):
    """The conf, with its keyring line pointing at the root's copy."""
    with open(conf) as f:
        text = f.read()
    text = re.sub(r"(?m)^(\s*keyring\s*=).*$", r"\1 /etc/ceph/keyring", text)
    with open(dest, "w") as f:
        f.write(text)


def dynamic(root, m, conf, keyring, pool, rep, keep=False, timeout=60):
    """Run the bundled check client in an empty root: the bundle, the conf,
    /proc and a minimal /dev, rootless (unshare -r), LD_BIND_NOW=1."""
    for tool in ("unshare", "chroot", "mount"):
        if not shutil.which(tool):
            rep.error("ERROR", "%s is not installed: cannot build the empty root" % tool)
            return
    check = os.path.join(root, "bin", "rbdcompat-bundle-check")
    if not os.path.isfile(check):
        rep.error("MISSING", "bin/rbdcompat-bundle-check (the check client)")
        return
    prefix = m.get("prefix") or "/bundle"
    work = tempfile.mkdtemp(prefix="rbdcompat-bundle-verify.")
    try:
        for with_proc in (True, False):
            er = os.path.join(work, "root-proc" if with_proc else "root-noproc")
            for d in (prefix.lstrip("/"), "etc/ceph", "proc", "dev"):
                os.makedirs(os.path.join(er, d), exist_ok=True)
            conf_in_root(conf, os.path.join(er, "etc/ceph/ceph.conf"))
            shutil.copyfile(keyring, os.path.join(er, "etc/ceph/keyring"))
            devs = ("null", "zero", "urandom", "random")
            for d in devs:
                open(os.path.join(er, "dev", d), "w").close()
            script = ["set -e", 'mount --bind "$1" "$2$3"']
            if with_proc:
                script.append('mount -t proc proc "$2/proc"')
            script += ['for d in %s; do mount --bind /dev/$d "$2/dev/$d"; done' % " ".join(devs),
                       'exec chroot "$2" "$3/bin/rbdcompat-bundle-check" /etc/ceph/ceph.conf '
                       '/etc/ceph/keyring "$4"']
            log = os.path.join(work, "strace.log")
            cmd = ["/usr/bin/env", "-i", "LD_BIND_NOW=1",
                   "PATH=%s/bin:/usr/sbin:/usr/bin:/sbin:/bin" % prefix,
                   shutil.which("unshare"), "-r", "-m", "-p", "-f", "--kill-child",
                   "/bin/sh", "-c", "\n".join(script), "sh", os.path.realpath(root), er, prefix, pool]
            strace = shutil.which("strace") if with_proc else None
            if strace:
                cmd = [strace, "-f", "-qq", "-s", "512", "-e", "trace=%file", "-o", log] + cmd
            output, rc = run_bounded(cmd, timeout)
            where = "empty root with /proc" if with_proc else "empty root without /proc"
            lines = [l for l in output.splitlines() if l.strip()]
            if rc == 0 and any(l == "check: passed" for l in lines):
                rep.ok("%s: %s" % (where, "; ".join(l[7:] for l in lines if l.startswith("check: ")
                                                    and l != "check: passed")))
            else:
                rep.error("FAILED", "the check client in an %s (exit %s):\n    %s" % (
                    where, rc, "\n    ".join(lines[-25:])))
            if strace:
                opened_check(log, prefix, rep)
            elif with_proc:
                rep.note("strace is not installed: which files were opened is not checked")
    finally:
        if keep:
            rep.note("kept %s" % work)
        else:
            shutil.rmtree(work, ignore_errors=True)


def opened_check(log, prefix, rep):
    """Every file the client opened lies inside the bundle; /etc/ceph (the
    conf given), /proc and /dev are the empty root's own."""
    allowed = (prefix.rstrip("/") + "/", "/etc/ceph/", "/proc/", "/dev/")
    started = set()
    opened, outside, absent = set(), set(), set()
    try:
        text = open(log, errors="replace").read().splitlines()
    except OSError as e:
        rep.error("ERROR", "no strace log: %s" % e)
        return
    # strace -f splits a call other threads interrupt into "<unfinished ...>"
    # and "<... NAME resumed>" lines: join them first.
    joined, pending = [], {}
    for line in text:
        mm = re.match(r"^(\d+) +(.*) <unfinished \.\.\.>$", line)
        if mm:
            pending[mm.group(1)] = mm.group(2)
            continue
        mm = re.match(r"^(\d+) +<\.\.\. \w+ resumed>(.*)$", line)
        if mm:
            if mm.group(1) in pending:
                joined.append("%s %s%s" % (mm.group(1), pending.pop(mm.group(1)), mm.group(2)))
            continue
        joined.append(line)
    for line in joined:
        mm = re.match(r"^(\d+) +(?:clone3?|vfork|fork)\(.*= (\d+)$", line)
        if mm and mm.group(1) in started:
            started.add(mm.group(2))
        mm = STRACE_OPEN.match(line)
        if not mm:
            continue
        pid, call, path, ret, err = mm.groups()
        if call == "execve" and path.startswith(prefix.rstrip("/") + "/bin/") and not err:
            started.add(pid)
            continue
        if pid not in started or not path.startswith("/"):
            continue
        if err:
            if err == "ENOENT" and not path.startswith(allowed):
                absent.add(path)
            continue
        if call in ("open", "openat", "execve"):
            opened.add(path)
            if not path.startswith(allowed):
                outside.add(path)
    if not started:
        rep.error("ERROR", "strace saw no program of the bundle start")
        return
    if outside:
        rep.error("OUTSIDE", "the client opened files outside the bundle: %s" % ", ".join(sorted(outside)))
    else:
        rep.ok("every file the client opened (%d) lies inside the bundle, /etc/ceph, /proc or /dev"
               % len(opened))
    # The loader's and libc's own lookups in the default directories (a
    # bare soname dlopen()ed, ld.so.cache) are summed up, the rest named.
    default = re.compile(r"^/(usr/)?lib(64|32)?(/|$)|^/etc/ld\.so\.(cache|preload)$")
    searched = sorted(p for p in absent if default.match(p))
    others = sorted(p for p in absent if not default.match(p))
    if searched:
        rep.note("%d lookups in the default library directories found nothing (as they must "
                 "in an empty root)" % len(searched))
    if others:
        rep.note("looked for outside the bundle and absent (harmless here): %s" % ", ".join(others))
