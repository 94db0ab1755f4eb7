# SPDX-License-Identifier: LGPL-2.1-or-later
"""Which files a bundle needs: the DT_NEEDED closure of the roots, found by
reading ELF files as the dynamic loader would search for them (vendor
directories first, so a vendor library's RUNPATH into the system's Ceph
cannot pull in another release), one glibc set, and the run-time modules
no DT_NEEDED names, each by a rule that reads files and runs nothing."""

import glob
import os
import re

from .elf import Elf, ElfError

GLIBC_SONAME = re.compile(
    r"(ld-linux[-.a-z0-9_]*\.so\.\d+|ld64\.so\.\d+|libc\.so\.6|libm\.so\.6|libdl\.so\.2|"
    r"libpthread\.so\.0|librt\.so\.1|libresolv\.so\.2|libutil\.so\.1|libanl\.so\.1|"
    r"libmvec\.so\.1|libnsl\.so\.1|libBrokenLocale\.so\.1|libc_malloc_debug\.so\.0|"
    r"libthread_db\.so\.1|libnss_[a-z]+\.so\.2)$")
VENDOR_SONAMES = ("librbd.so.1", "librados.so.2")
SHIM_SONAME = "librbdcompat.so.1"


class CollectError(Exception):
    pass


def system_dirs():
    """The directories the system's loader searches: ld.so.conf, then the
    defaults (no ldconfig -p: read the configuration files)."""
    dirs = []

    def read_conf(path, depth=0):
        try:
            lines = open(path).read().splitlines()
        except OSError:
            return
        for line in lines:
            line = line.split("#")[0].strip()
            if not line:
                continue
            if line.startswith("include") and depth < 4:
                pat = line.split(None, 1)[1]
                if not pat.startswith("/"):
                    pat = os.path.join(os.path.dirname(path), pat)
                for p in sorted(glob.glob(pat)):
                    read_conf(p, depth + 1)
            elif line.startswith("/"):
                dirs.append(line)

    read_conf("/etc/ld.so.conf")
    dirs += ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64",
             "/lib", "/usr/lib"]
    seen, out = set(), []
    for d in dirs:
        if d not in seen and os.path.isdir(d):
            seen.add(d)
            out.append(d)
    return out


class Item:
    """One file the bundle carries."""

    def __init__(self, source, dest, rule, elf=None):
        self.source = source      # the file as found (not resolved)
        self.real = os.path.realpath(source)
        self.dest = dest          # path inside the bundle
        self.rule = rule          # why it is there
        self.elf = elf
        self.notes = []


class Collector:
    def __init__(self, librbd, librados, shim, mode, lib_dirs=()):
        self.librbd, self.librados, self.shim, self.mode = librbd, librados, shim, mode
        vdirs = []
        for lib in (librbd, librados):
            for base in {os.path.dirname(lib), os.path.dirname(os.path.realpath(lib))}:
                vdirs += [base, os.path.join(base, "ceph")]
        self.vendor_dirs = [d for d in dict.fromkeys(list(lib_dirs) + vdirs) if os.path.isdir(d)]
        self.sys_dirs = system_dirs()
        self.items = {}            # dest -> Item
        self.notes = []
        self.arch = None
        self.glibc_dir = None
        self._elf_cache = {}
        self.env = {}
        self.glue = {}             # dropin mode: soname -> the glue library
        self.ceph_plugin_dir = None
        self.glibc = None

    def elf(self, path):
        real = os.path.realpath(path)
        if real not in self._elf_cache:
            try:
                self._elf_cache[real] = Elf(real)
            except (OSError, ElfError) as e:
                raise CollectError(str(e))
        return self._elf_cache[real]

    # -- finding a DT_NEEDED name as the loader would, vendor sets first
    def search_dirs(self, owner):
        dirs = list(self.vendor_dirs)
        e = owner.elf
        for rp in (e.runpath, e.rpath):
            for d in (rp or "").split(":"):
                if d:
                    d = d.replace("${ORIGIN}", "$ORIGIN").replace(
                        "$ORIGIN", os.path.dirname(owner.source))
                    dirs.append(d)
        return dirs + self.sys_dirs

    def find(self, name, owner):
        if name == SHIM_SONAME:
            return self.shim
        if name in self.glue:          # dropin: the glue stands for the soname
            return self.glue[name]
        if name in ("librbd.so.1", "librbd-vendor.so.1"):
            return self.librbd
        if name in ("librados.so.2", "librados-vendor.so.2"):
            return self.librados
        dirs = self.sys_dirs if GLIBC_SONAME.match(name) else self.search_dirs(owner)
        if GLIBC_SONAME.match(name) and self.glibc_dir:
            dirs = [self.glibc_dir] + dirs
        for d in dirs:
            p = os.path.join(d, name)
            if os.path.isfile(p):
                try:
                    if self.elf(p).arch == owner.elf.arch:
                        return p
                except CollectError:
                    continue
        return None

    # -- adding files
    def add(self, source, dest, rule):
        if dest in self.items:
            if self.items[dest].real != os.path.realpath(source):
                raise CollectError("%s and %s would both be %s in the bundle" % (
                    self.items[dest].source, source, dest))
            return self.items[dest]
        e = self.elf(source)
        if self.arch is None:
            self.arch = e.arch
        elif e.arch != self.arch:
            raise CollectError("%s is %s; the bundle is for %s" % (
                source, e.describe(), self.items[next(iter(self.items))].elf.describe()))
        if e.is_musl:
            raise CollectError("%s is built for musl (%s): a bundle carries glibc-built "
                               "programs and libraries only; build it against glibc" % (
                                   source, e.interp or "needs libc.musl"))
        it = Item(source, dest, rule, e)
        self.items[dest] = it
        self.closure(it)
        return it

    def libdest(self, name, path):
        if name in VENDOR_SONAMES and self.mode == "link":
            return "lib/rbdcompat/vendor/" + name
        if name.endswith(("-vendor.so.1", "-vendor.so.2")):
            return "lib/vendor/" + name   # dropin: what the glue links
        return "lib/" + name

    def closure(self, it):
        for name in it.elf.needed:
            if name in VENDOR_SONAMES and self.mode == "link" and \
                    not it.dest.startswith("lib/rbdcompat/vendor/"):
                raise CollectError(
                    "%s links %s directly; --mode link carries only programs linked "
                    "against librbdcompat.so.1 (use --mode preload or dropin for it)" % (
                        it.source, name))
            dest = self.libdest(name, None)
            if dest in self.items:
                continue
            path = self.find(name, it)
            if not path:
                raise CollectError("%s needs %s, which is not in %s" % (
                    it.source, name, ", ".join(self.search_dirs(it))))
            if GLIBC_SONAME.match(name) and self.glibc_dir is None:
                self.glibc_dir = os.path.dirname(os.path.realpath(path))
            self.add(path, dest, "DT_NEEDED of %s" % it.dest)

    # -- the rules for what nobody's DT_NEEDED names
    def find_beside(self, name, near):
        for d in [os.path.dirname(near.source), os.path.dirname(near.real),
                  os.path.join(os.path.dirname(near.real), "nss")] + self.sys_dirs:
            p = os.path.join(d, name)
            if os.path.isfile(p):
                return p
        return None

    def rule_nss(self):
        """NSS loads its PKCS#11 softoken and freebl by name at run time
        (Ceph 14.2 connects through them): the names are in libnss3 and in
        softokn; their own DT_NEEDED (sqlite) follow by the closure."""
        done = set()
        pending = [d for d, it in self.items.items() if os.path.basename(d) in
                   ("libnss3.so", "libsoftokn3.so")]
        while pending:
            dest = pending.pop()
            if dest in done:
                continue
            done.add(dest)
            it = self.items[dest]
            for name in it.elf.library_strings():
                if not re.match(r"lib(softokn|freebl|freeblpriv|nssdbm)\d*\.so$", name):
                    continue
                if "lib/" + name in self.items:
                    continue
                p = self.find_beside(name, it)
                if not p:
                    self.notes.append("NSS module %s named in %s not found" % (name, dest))
                    continue
                new = self.add(p, "lib/" + name, "NSS module, named in %s" % dest)
                new.notes.append("NSS needs /dev/urandom at run time")
                pending.append(new.dest)

    def rule_openssl(self):
        for dest, it in list(self.items.items()):
            if not re.match(r"lib/libcrypto\.so\.", dest):
                continue
            for m in re.finditer(rb'(MODULESDIR|ENGINESDIR): "([^"]+)"', it.elf.data):
                kind, path = m.group(1).decode(), m.group(2).decode()
                cand = [path, os.path.join(os.path.dirname(it.source), os.path.basename(path))]
                found = [c for c in cand if os.path.isdir(c)]
                # A module directory beside a vendor's own libcrypto wins.
                found.sort(key=lambda c: not c.startswith(os.path.dirname(it.source)))
                if not found:
                    self.notes.append("OpenSSL %s %s (named in %s) does not exist; none bundled" % (
                        kind, path, dest))
                    continue
                sub = "lib/openssl/" + os.path.basename(path)
                for f in sorted(glob.glob(os.path.join(found[0], "*.so"))):
                    self.add(f, sub + "/" + os.path.basename(f),
                             "OpenSSL %s of %s (%s)" % (kind.lower(), dest, found[0]))
                self.env.setdefault("OPENSSL_MODULES" if kind == "MODULESDIR" else "OPENSSL_ENGINES",
                                    "${BUNDLE}/" + sub)

    def rule_ceph_plugins(self):
        for dest, it in list(self.items.items()):
            if not re.match(r"lib/libceph-common\.so\.", dest):
                continue
            own = os.path.dirname(it.real)
            for path in sorted(p for p in it.elf.path_strings() if p.endswith("/ceph")):
                if not any(os.path.isdir(os.path.join(path, k))
                           for k in ("compressor", "crypto", "erasure-code")):
                    continue  # not a plugin directory (/var/run/ceph)
                if os.path.realpath(path) != own:
                    self.notes.append(
                        "Ceph plugin_dir %s named in %s belongs to another libceph-common "
                        "(this one is in %s): its plugins are not bundled" % (path, dest, own))
                    continue
                for kind in ("compressor", "crypto"):
                    for f in sorted(glob.glob(os.path.join(path, kind, "lib*.so"))):
                        self.add(f, "lib/ceph/%s/%s" % (kind, os.path.basename(f)),
                                 "Ceph plugin_dir %s/%s (named in %s)" % (path, kind, dest))
                if os.path.isdir(os.path.join(path, "erasure-code")):
                    self.notes.append("Ceph erasure-code plugins (OSD only) not bundled")
                self.ceph_plugin_dir = "${BUNDLE}/lib/ceph"

    def rule_ibverbs(self):
        for dest, it in list(self.items.items()):
            if not re.match(r"lib/libibverbs\.so\.", dest):
                continue
            for path in sorted(p for p in it.elf.path_strings() if p.endswith("/libibverbs")):
                for f in sorted(glob.glob(os.path.join(path, "*.so"))):
                    self.add(f, "lib/libibverbs/" + os.path.basename(f),
                             "libibverbs provider (%s, named in %s)" % (path, dest))

    def rule_glibc_nss(self):
        libc = self.items.get("lib/libc.so.6")
        if not libc:
            return
        v = libc.elf.glibc_version()
        self.glibc = ".".join(map(str, v))
        if v >= (2, 34):
            return
        for name in ("libnss_files.so.2", "libnss_dns.so.2"):
            p = self.find(name, libc)
            if p:
                self.add(p, "lib/" + name, "glibc %s NSS module (glibc < 2.34)" % self.glibc)

    def rules(self):
        self.rule_nss()
        self.rule_openssl()
        self.rule_ceph_plugins()
        self.rule_ibverbs()
        self.rule_glibc_nss()

    def catch_all(self):
        """Every bundled file that imports dlopen, and every lib*.so* name in
        a bundled file that no bundled file carries: listed, never dropped."""
        names = set()
        for d, it in self.items.items():
            names.add(os.path.basename(d))
            if it.elf.soname:
                names.add(it.elf.soname)
        importers = sorted(d for d, it in self.items.items() if "dlopen" in it.elf.imports)
        uncovered = {}
        for d, it in sorted(self.items.items()):
            miss = [n for n in it.elf.library_strings() if n not in names and
                    not any(x.startswith(n + ".") or n.startswith(x + ".") for x in names)]
            if miss:
                uncovered[d] = miss
        return importers, uncovered
