/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Finding and loading the vendor's librbd / librados.
 *
 * Order, for each library (librbd.so.1 shown):
 *   1. RBDCOMPAT_LIBRBD=PATH (ignored under secure execution): that file,
 *      and nothing else if it cannot be loaded.
 *   2. A librbd.so.1 the process already has that is not the shim: the
 *      LD_PRELOAD case, where the program itself linked the vendor library.
 *   3. The vendor directory (RBDCOMPAT_VENDOR_DIR, ignored under secure
 *      execution, else the configured default): the drop-in case, where
 *      the shim is installed as librbd.so.1 and the vendor's file moved.
 *   4. librbd.so.1 by soname, through the normal search path.
 * A candidate that turns out to be the shim itself, or any other copy of
 * librbdcompat (it defines the exported marker), is refused with a message
 * instead of being used (that would recurse forever). A candidate that is
 * the drop-in glue (dropin/: an empty librbd.so.1 needing librbdcompat.so.1
 * and librbd-vendor.so.1) stands for its vendor dependency.
 *
 * Loading is lock-free: threads racing on the first call may each dlopen()
 * the same file (dlopen reference-counts it); one handle wins the
 * compare-and-swap and the others are released. So there is no lock for a
 * fork() or a signal to catch held.
 */
#include "rbdcompat_internal.h"
#include "elf_check.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Arrays, not pointers: no relocation at load (see rbdcompat_internal.h). */
struct libinfo {
  char soname[16]; /* what upstream consumers link */
  char env[24];    /* path override */
  char probe[16];  /* a function every release of it has */
  /* Without the probe (a vendor may remove even that), the library is
   * still recognised by its SONAME and most of these (every release since
   * 12.2.0 has them; see identity()). */
  char core[6][24];
};

/* function-list: a library's identity, chosen by hand (lint-function-lists) */
static const struct libinfo libs[RBDCOMPAT_NLIBS] = {
  [RBDCOMPAT_LIB_RBD] = { "librbd.so.1",
                          "RBDCOMPAT_LIBRBD",
                          "rbd_version",
                          { "rbd_open", "rbd_close", "rbd_create", "rbd_stat",
                            "rbd_read", "rbd_write" } },
  [RBDCOMPAT_LIB_RADOS] = { "librados.so.2",
                            "RBDCOMPAT_LIBRADOS",
                            "rados_version", /* function-list: as above */
                            { "rados_create", "rados_connect", "rados_shutdown",
                              "rados_ioctx_create", "rados_read",
                              "rados_write" } },
};

/* The result of a load attempt; published once, read-only afterwards. */
struct loaded {
  struct rbdcompat_vendor v;
  char path[PATH_MAX];
  char error[512];
};

static _Atomic(struct loaded *) published[RBDCOMPAT_NLIBS];

/* The shim's own address range, found once (dl_iterate_phdr walks the
 * loaded objects' program headers; no symbol table is searched, unlike
 * dladdr()). Racing threads compute the same range. */
static _Atomic uintptr_t self_lo, self_hi;

static int find_self(struct dl_phdr_info *info, size_t size, void *data)
{
  uintptr_t me = (uintptr_t)data, lo = UINTPTR_MAX, hi = 0;
  int i;

  (void)size;
  for (i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];

    if (ph->p_type != PT_LOAD)
      continue;
    if (info->dlpi_addr + ph->p_vaddr < lo)
      lo = info->dlpi_addr + ph->p_vaddr;
    if (info->dlpi_addr + ph->p_vaddr + ph->p_memsz > hi)
      hi = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
  }
  if (me < lo || me >= hi)
    return 0;
  atomic_store(&self_hi, hi);
  atomic_store(&self_lo, lo); /* published last: lo != 0 means known */
  return 1;
}

int rbdcompat_is_self(const void *addr)
{
  uintptr_t a = (uintptr_t)addr;

  if (!atomic_load(&self_lo))
    dl_iterate_phdr(find_self, (void *)(uintptr_t)&rbdcompat_is_self);
  return a >= atomic_load(&self_lo) && a < atomic_load(&self_hi);
}

/* The DT_SONAME of a loaded object, or "" (glibc relocates the dynamic
 * section's addresses in place; where it does not, l_addr is added). */
static const char *soname_of(const struct link_map *lm)
{
  const ElfW(Dyn) *d;
  uintptr_t strtab = 0, off = 0;
  int have = 0;

  if (!lm || !lm->l_ld)
    return "";
  for (d = lm->l_ld; d->d_tag != DT_NULL; d++) {
    if (d->d_tag == DT_STRTAB)
      strtab = d->d_un.d_ptr;
    else if (d->d_tag == DT_SONAME)
      off = d->d_un.d_val, have = 1;
  }
  if (!strtab || !have)
    return "";
  if (strtab < lm->l_addr)
    strtab += lm->l_addr;
  return (const char *)strtab + off;
}

/* Is p defined by the file of link map lm itself (not a dependency)? */
static int defined_here(const void *p, const struct link_map *lm)
{
  Dl_info info;

  if (!p || rbdcompat_is_self(p))
    return 0;
  return !lm || !lm->l_name || !*lm->l_name || !dladdr(p, &info) ||
         !info.dli_fname || !strcmp(info.dli_fname, lm->l_name);
}

/* A library without its probe function (a vendor removed rbd_version):
 * it is one when its SONAME says so and it defines at least two of the
 * functions every release has (librbd's SONAME is not librados's, the
 * shim's is neither). 0 when recognised, else fills why. */
static int identity(void *h, const struct libinfo *li, char *why, size_t len)
{
  struct link_map *lm = NULL;
  const char *so;
  unsigned i, n = 0, all = sizeof li->core / sizeof li->core[0];

  if (dlinfo(h, RTLD_DI_LINKMAP, &lm) != 0)
    lm = NULL;
  so = soname_of(lm);
  for (i = 0; i < all; i++)
    n += defined_here(dlsym(h, li->core[i]), lm);
  if (!strcmp(so, li->soname) && n >= 2)
    return 0;
  snprintf(why, len,
           "it does not export %s: not a %s (SONAME %s%s%s,"
           " %u of %u of its core functions)",
           li->probe, li->soname, *so ? "\"" : "", *so ? so : "none",
           *so ? "\"" : "", n, all);
  return -1;
}

/* Check that handle h is a real vendor library and not the shim. Returns
 * 0 when it is usable, else fills why. */
static int vet(void *h, const struct libinfo *li, char *why, size_t len)
{
  void *probe = dlsym(h, li->probe);
  struct link_map *lm = NULL;
  Dl_info info;

  if (!probe)
    return identity(h, li, why, len);
  /* dlsym() searches the library's dependencies too: librbd.so.1 offered
   * as librados finds rados_version in its own librados. The probe must
   * be defined by the file itself. */
  if (dlinfo(h, RTLD_DI_LINKMAP, &lm) == 0 && lm && dladdr(probe, &info) &&
      info.dli_fname && lm->l_name && *lm->l_name &&
      strcmp(info.dli_fname, lm->l_name) != 0) {
    snprintf(why, len, "%s comes from its dependency %s: not a %s", li->probe,
             info.dli_fname, li->soname);
    return -1;
  }
  if (rbdcompat_is_self(probe)) {
    snprintf(why, len,
             "it is librbdcompat itself (a drop-in install needs"
             " the vendor's %s in the vendor directory)",
             li->soname);
    return -1;
  }
  return 0;
}

/* --- the drop-in glue and other copies of librbdcompat -------------- */

/* The soname each glue library (dropin/) gives its vendor dependency. */
static const char *const glue_vendor_soname[RBDCOMPAT_NLIBS] = {
  [RBDCOMPAT_LIB_RBD] = "librbd-vendor.so.1",
  [RBDCOMPAT_LIB_RADOS] = "librados-vendor.so.2",
};

/* Is h our glue for lib: DT_NEEDED exactly [librbdcompat.so.1, the
 * -vendor soname]? Read from the loaded dynamic section (no file access).
 * glibc relocates its d_ptr entries in place except on targets with a
 * read-only dynamic section (RISC-V, MIPS), musl never does: an address
 * below the load bias is an offset still to relocate. */
static int is_glue(void *h, enum rbdcompat_lib lib)
{
  struct link_map *lm = NULL;
  const ElfW(Dyn) *d;
  ElfW(Addr) strtab = 0;
  size_t needed[3], n = 0;

  if (dlinfo(h, RTLD_DI_LINKMAP, &lm) != 0 || !lm || !lm->l_ld)
    return 0;
  for (d = lm->l_ld; d->d_tag != DT_NULL; d++) {
    if (d->d_tag == DT_STRTAB)
      strtab = d->d_un.d_ptr;
    else if (d->d_tag == DT_NEEDED && n < 3)
      needed[n++] = d->d_un.d_val;
  }
  if (!strtab || n != 2)
    return 0;
  if (strtab < lm->l_addr)
    strtab += lm->l_addr;
  return !strcmp((const char *)strtab + needed[0], "librbdcompat.so.1") &&
         !strcmp((const char *)strtab + needed[1], glue_vendor_soname[lib]);
}

/* h, or, when h is the glue, the vendor object it depends on (loaded with
 * it: found by the name the glue needs it by). Closes h when replacing it;
 * NULL, with r->error, when the glue's vendor is not there. */
static void *glue_vendor(void *h, const struct libinfo *li, int flags,
                         const char *file, struct loaded *r)
{
  enum rbdcompat_lib lib = (enum rbdcompat_lib)(li - libs);
  void *v;

  if (!is_glue(h, lib))
    return h;
  dlerror();
  v = dlopen(glue_vendor_soname[lib], flags | RTLD_NOLOAD);
  if (!v) {
    const char *e = dlerror();
    snprintf(r->error, sizeof r->error,
             "%s is librbdcompat's drop-in glue,"
             " but its %s is not loaded: %s",
             file, glue_vendor_soname[lib], e ? e : "unknown error");
  }
  dlclose(h);
  return v;
}

/* Does the object of handle h itself (not a dependency) define the marker,
 * i.e. is it a copy of librbdcompat? */
static int defines_marker(void *h)
{
  void *m = dlsym(h, RBDCOMPAT_MARKER);
  struct link_map *lm = NULL;
  Dl_info info;

  return m && dlinfo(h, RTLD_DI_LINKMAP, &lm) == 0 && lm && lm->l_name &&
         dladdr(m, &info) && info.dli_fname &&
         !strcmp(info.dli_fname, lm->l_name);
}

/* Is this runtime the shim itself, a shared object exporting the marker?
 * rbdcompat-probe links the same runtime into an executable that exports
 * nothing: it loads a copy of the shim on purpose, to say what it is, and
 * forwards nothing, so nothing can go back and forth. */
static int self_exports_marker(void)
{
  static _Atomic int known; /* 0 unknown, 1 no, 2 yes */
  Dl_info info;
  void *h, *m = NULL;
  int k = atomic_load(&known);

  if (k)
    return k == 2;
  if (dladdr(rbdcompat_marker_self, &info) && info.dli_fname &&
      *info.dli_fname &&
      (h = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD))) {
    m = dlsym(h, RBDCOMPAT_MARKER);
    dlclose(h);
  }
  k = m == (const void *)rbdcompat_marker_self ? 2 : 1;
  atomic_store(&known, k);
  return k == 2;
}

static int refuse_other_copy(void *h, const char *file, char *why, size_t len)
{
  if (!self_exports_marker() || !defines_marker(h))
    return 0;
  snprintf(why, len,
           "it is another copy of librbdcompat (it defines %s;"
           " %s must be the vendor's library)",
           RBDCOMPAT_MARKER, file);
  return -1;
}

/* The vendor object's own address range, found once per library: a
 * definition inside it is the vendor's (the common case, no lookup). */
static _Atomic uintptr_t vendor_lo[RBDCOMPAT_NLIBS], vendor_hi[RBDCOMPAT_NLIBS];

struct range_query {
  const struct link_map *lm;
  uintptr_t lo, hi;
};

static int find_range(struct dl_phdr_info *info, size_t size, void *data)
{
  struct range_query *q = data;
  int i;

  (void)size;
  if (info->dlpi_addr != q->lm->l_addr || !info->dlpi_name ||
      strcmp(info->dlpi_name, q->lm->l_name) != 0)
    return 0;
  for (i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    uintptr_t a = info->dlpi_addr + ph->p_vaddr;

    if (ph->p_type != PT_LOAD)
      continue;
    if (!q->lo || a < q->lo)
      q->lo = a;
    if (a + ph->p_memsz > q->hi)
      q->hi = a + ph->p_memsz;
  }
  return 1;
}

/* Is p, found through vendor handle h, defined by another copy of
 * librbdcompat (the vendor's dependencies include it: a glue librados.so.2
 * under the vendor's librbd)? */
static int in_other_copy(enum rbdcompat_lib lib, void *h, const void *p)
{
  uintptr_t a = (uintptr_t)p;
  struct link_map *lm = NULL;
  Dl_info info;
  void *o;
  int copy;

  if (!atomic_load(&vendor_lo[lib]) && dlinfo(h, RTLD_DI_LINKMAP, &lm) == 0 &&
      lm && lm->l_name) {
    struct range_query q = { lm, 0, 0 };

    dl_iterate_phdr(find_range, &q);
    atomic_store(&vendor_hi[lib], q.hi);
    atomic_store(&vendor_lo[lib], q.lo); /* published last */
  }
  if ((a >= atomic_load(&vendor_lo[lib]) && a < atomic_load(&vendor_hi[lib])) ||
      !self_exports_marker())
    return 0;
  if (!dladdr(p, &info) || !info.dli_fname || !*info.dli_fname)
    return 0;
  o = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
  if (!o)
    return 0;
  copy = defines_marker(o);
  dlclose(o);
  if (copy)
    rbdcompat_log(RBDCOMPAT_LOG_DEBUG,
                  "%s is another copy of librbdcompat:"
                  " not used",
                  info.dli_fname);
  return copy;
}

static void where(void *h, const struct libinfo *li, char *out, size_t len)
{
  Dl_info info;
  void *probe = dlsym(h, li->probe);
  struct link_map *lm = NULL;

  if (probe && dladdr(probe, &info) && info.dli_fname && *info.dli_fname)
    snprintf(out, len, "%s", info.dli_fname);
  else if (dlinfo(h, RTLD_DI_LINKMAP, &lm) == 0 && lm && lm->l_name &&
           *lm->l_name)
    snprintf(out, len, "%s", lm->l_name); /* recognised without probe */
  else
    snprintf(out, len, "%s", li->soname);
}

/* dlopen() of a path reads the file: a FIFO (or a terminal, a socket)
 * would block it forever. Only a file that can be read without blocking
 * and sought in goes on to dlopen(). */
static int readable_file(const char *file, char *why, size_t len)
{
  int fd, seekable;

  if (!strchr(file, '/'))
    return 0; /* a soname: the dynamic loader searches regular files */
  fd = open(file, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    snprintf(why, len, "%s", strerror(errno));
    return -1;
  }
  seekable = lseek(fd, 0, SEEK_END) >= 0;
  close(fd);
  if (!seekable) {
    snprintf(why, len, "not a regular ELF file");
    return -1;
  }
  return 0;
}

static void *try_open(const char *file, int flags, const struct libinfo *li,
                      struct loaded *r)
{
  char why[256];
  void *h;

  if (readable_file(file, why, sizeof why)) {
    snprintf(r->error, sizeof r->error, "cannot load %s: %s", file, why);
    return NULL;
  }
  /* glibc's loader trusts the file: a damaged one crashes dlopen(). The
   * functions recognising the library must be functions. */
  if (strchr(file, '/') &&
      rbdcompat_elf_check_file(file,
                               (const char *[]){ li->probe, li->core[0],
                                                 li->core[1], li->core[2],
                                                 li->core[3], li->core[4],
                                                 li->core[5], NULL },
                               why, sizeof why)) {
    snprintf(r->error, sizeof r->error, "cannot load %s: %s", file, why);
    return NULL;
  }
  dlerror();
  h = dlopen(file, flags);
  if (!h) {
    if (!(flags & RTLD_NOLOAD)) {
      const char *e = dlerror();
      snprintf(r->error, sizeof r->error, "cannot load %s: %s", file,
               e ? e : "unknown error");
    }
    return NULL;
  }
  h = glue_vendor(h, li, flags, file, r);
  if (!h)
    return NULL;
  if (vet(h, li, why, sizeof why) ||
      refuse_other_copy(h, file, why, sizeof why)) {
    snprintf(r->error, sizeof r->error, "refusing %s: %s", file, why);
    dlclose(h);
    return NULL;
  }
  return h;
}

static void load(enum rbdcompat_lib lib, struct loaded *r)
{
  const struct libinfo *li = &libs[lib];
  /* RTLD_NOW: a vendor library with unresolvable symbols fails here,
   * with a message, instead of killing the process at its first call. */
  const int flags = RTLD_NOW | RTLD_LOCAL;
  const char *env = rbdcompat_secure_getenv(li->env);
  const char *dir;
  char file[PATH_MAX], dirbuf[PATH_MAX];
  void *h = NULL;

  memset(r, 0, sizeof *r);
  if (env && *env) {
    h = try_open(env, flags, li, r);
    goto out;
  }
  h = try_open(li->soname, flags | RTLD_NOLOAD, li, r);
  if (h)
    goto out;
  dir = rbdcompat_vendor_dir(dirbuf, sizeof dirbuf); /* $ORIGIN expanded */
  if (dir &&
      snprintf(file, sizeof file, "%s/%s", dir, li->soname) <
          (int)sizeof file &&
      access(file, F_OK) == 0) {
    h = try_open(file, flags, li, r);
    goto out;
  }
  h = try_open(li->soname, flags, li, r);
out:
  r->v.handle = h;
  if (h) {
    where(h, li, r->path, sizeof r->path);
    r->error[0] = '\0';
  } else {
    snprintf(r->path, sizeof r->path, "%s", env && *env ? env : li->soname);
  }
  r->v.path = r->path;
  r->v.error = r->error;
}

/* Anyone who can write the vendor's file can run code in every process
 * that loads it: say so, once (the load is published once). */
/* The mode comes from the statx system call: glibc's stat() binds
 * stat64@GLIBC_2.33 when built on a new glibc, above the 2.17 floor, and
 * the statx() wrapper is 2.28. A kernel older than 4.11 (EL7's 3.10) has
 * no statx: no warning there. */
static void warn_if_writable(const char *path)
{
#if defined(__GLIBC__) && defined(SYS_statx) && defined(STATX_MODE)
  struct statx st;
  int ok = syscall(SYS_statx, AT_FDCWD, path, 0, STATX_MODE, &st) == 0;
  unsigned mode = ok ? st.stx_mode : 0;
#else /* musl: stat() has no symbol versions to worry about */
  struct stat st;
  unsigned mode = stat(path, &st) == 0 ? (unsigned)st.st_mode : 0;
#endif
#if defined(__GLIBC__) && defined(SYS_statx) && defined(STATX_MODE) && \
    defined(__x86_64__) && defined(SYS_newfstatat)
  /* EL7 (kernel 3.10, x86_64): no statx, but newfstatat, whose struct is
   * glibc's struct stat on x86_64. */
  if (!ok) {
    struct stat old;

    if (syscall(SYS_newfstatat, AT_FDCWD, path, &old, 0) == 0)
      mode = (unsigned)old.st_mode;
  }
#endif

  if (mode & (S_IWGRP | S_IWOTH))
    rbdcompat_log(RBDCOMPAT_LOG_WARN,
                  "warning: %s is writable by %s: whoever"
                  " can write it can run code in this process",
                  path, (mode & S_IWOTH) ? "others" : "its group");
}

const struct rbdcompat_vendor *rbdcompat_vendor(enum rbdcompat_lib lib)
{
  /* Constant, not a struct loaded: 4 kB of .data less for every process. */
  static const struct rbdcompat_vendor no_memory = {
    NULL, "(none)", "out of memory while loading the vendor library"
  };
  struct loaded *r = atomic_load_explicit(&published[lib],
                                          memory_order_acquire);
  struct loaded *expected = NULL;

  if (r)
    return &r->v;
  /* No thread waits for another's load: one that finds nothing published
   * loads on its own (the only wait is fork_gate.c's, bounded, around a
   * fork), so a signal amid another thread's load leaves nobody stuck. */
  r = malloc(sizeof *r);
  if (!r)
    return &no_memory;
  rbdcompat_fork_gate_enter();
  load(lib, r);
  rbdcompat_fork_gate_leave();
  if (atomic_compare_exchange_strong_explicit(&published[lib], &expected, r,
                                              memory_order_acq_rel,
                                              memory_order_acquire)) {
    if (r->v.handle) {
      rbdcompat_log(RBDCOMPAT_LOG_DEBUG, "loaded %s", r->path);
      warn_if_writable(r->path);
    } else
      rbdcompat_log(RBDCOMPAT_LOG_WARN,
                    "%s; every %s function gives its"
                    " stub answer",
                    r->error, lib == RBDCOMPAT_LIB_RBD ? "rbd_*" : "rados_*");
    return &r->v;
  }
  /* Lost the race: release our reference, use the winner's. */
  if (r->v.handle)
    dlclose(r->v.handle);
  free(r);
  return &expected->v;
}

/* The vendor's definition of a symbol-versioned row. Upstream librados
 * (14.2.0 and later) has two: an unversioned "base" one, hidden from the
 * static linker, filling the old struct layout, and a LIBRADOS_14.2.0 one.
 * Older librados has no symbol versions at all: its one definition is the
 * base one.
 *
 * glibc gives no way to ask for a hidden base definition by name, but
 * dlsym() returns it whenever it exists (it prefers base definitions);
 * when it does not, dlsym() falls back to the one versioned definition,
 * which is how a library without the base one is recognised. */
#ifndef RBDCOMPAT_HAVE_DLVSYM
/* Does the library define symbol versions at all (a DT_VERDEF entry)? */
static int has_symbol_versions(void *h)
{
  struct link_map *lm = NULL;
  const ElfW(Dyn) *d;

  if (dlinfo(h, RTLD_DI_LINKMAP, &lm) != 0 || !lm || !lm->l_ld)
    return 0;
  for (d = lm->l_ld; d->d_tag != DT_NULL; d++)
    if (d->d_tag == DT_VERDEF)
      return 1;
  return 0;
}
#endif

static void *versioned_sym(void *h, const struct rbdcompat_fn *fn)
{
  const char *name = rbdcompat_fn_name(fn), *version = rbdcompat_fn_version(fn);
  int base = !strcmp(version, "Base");
#ifdef RBDCOMPAT_HAVE_DLVSYM
  void *plain = dlsym(h, name);
  unsigned i;

  /* A made-up version matches only in a library without any versions
   * (glibc accepts any definition there). */
  if (dlvsym(h, name, "RBDCOMPAT_NO_SUCH_VERSION"))
    return base ? plain : NULL;
  if (!base)
    return dlvsym(h, name, version);
  for (i = 0; plain && i < rbdcompat_nfns; i++) {
    const struct rbdcompat_fn *o = &rbdcompat_fns[i];
    const char *ov = rbdcompat_fn_version(o);

    if (ov && strcmp(ov, "Base") != 0 && !strcmp(rbdcompat_fn_name(o), name) &&
        dlvsym(h, name, ov) == plain)
      return NULL; /* what dlsym() found is that version, not a base one */
  }
  return plain;
#else
  /* No dlvsym() (musl): dlsym() gives the default version of a versioned
   * library, and its hidden base definition cannot be asked for; in a
   * library without versions the one definition is the base one. */
  if (!has_symbol_versions(h))
    return base ? dlsym(h, name) : NULL;
  return base ? NULL : dlsym(h, name);
#endif
}

rbdcompat_fnptr rbdcompat_vendor_sym(const struct rbdcompat_fn *fn)
{
  const struct rbdcompat_vendor *v = rbdcompat_vendor(fn->lib);
  rbdcompat_fnptr f;
  void *p;

  if (!v->handle)
    return NULL;
  if (fn->version_off)
    p = versioned_sym(v->handle, fn);
  else
    p = dlsym(v->handle, rbdcompat_fn_name(fn));
  /* The lookup scope of a vendor library includes its dependencies; if
   * the shim is one of them (a drop-in librados.so.2 under a vendor
   * librbd) a function the vendor lacks would be found in the shim and
   * call itself forever: refuse it. */
  if (p && (rbdcompat_is_self(p) || in_other_copy(fn->lib, v->handle, p)))
    p = NULL;
  memcpy(&f, &p, sizeof f); /* object to function pointer, as dlsym(3) */
  return f;
}
