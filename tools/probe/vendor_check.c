/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Loading the vendor's libraries the way the shim does, and asking them
 * about every row of the function table.
 *
 * The loading itself is the shim's own code (rbdcompat_vendor(), linked in
 * from rbdcompat_core): --librbd/--librados only set RBDCOMPAT_LIBRBD and
 * RBDCOMPAT_LIBRADOS, the variables the shim reads, before the first load.
 * librados is loaded first, as a program does (rados_create() before
 * rbd_open()): a librbd loaded afterwards then uses that librados.
 */
#include "report.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHIM_SONAME "librbdcompat.so.1"

static const struct {
  const char *soname, *name, *env, *opt, *version_fn;
} libs[RBDCOMPAT_NLIBS] = {
  [RBDCOMPAT_LIB_RBD] = { "librbd.so.1", "librbd", "RBDCOMPAT_LIBRBD",
                          "--librbd", "rbd_version" },
  [RBDCOMPAT_LIB_RADOS] = { "librados.so.2", "librados", "RBDCOMPAT_LIBRADOS",
                            "--librados", "rados_version" },
};

/* Check a --librbd/--librados file before the shim's loader sees it, to
 * say exactly what is wrong with it; then hand it over. (A damaged file
 * that would crash dlopen() is refused by the shim's own check,
 * lib/elf_check.c, before its dlopen().) */
static int use_file(unsigned lib, const char *path)
{
  char err[256], buf[PATH_MAX];
  struct elf_file f;

  if (elf_file_open(path, &f, err, sizeof err)) {
    probe_error("%s %s: %s", libs[lib].opt, path, err);
    return -1;
  }
  if (f.info.soname && !strcmp(f.info.soname, SHIM_SONAME)) {
    probe_error("%s %s: that is librbdcompat itself; name the vendor's %s",
                libs[lib].opt, path, libs[lib].soname);
    elf_file_close(&f);
    return -1;
  }
  /* The shim's check (it exports rbd_version / rados_version) is passed
   * by any library depending on the right one: librbd.so.1 "exports"
   * rados_version through its librados. The soname says what it is. */
  if (f.info.soname && strcmp(f.info.soname, libs[lib].soname)) {
    probe_error("%s %s: that is %s, not a %s", libs[lib].opt, path,
                f.info.soname, libs[lib].soname);
    elf_file_close(&f);
    return -1;
  }
  elf_file_close(&f);
  /* dlopen() searches for a name without a slash; a path was meant. */
  if (!strchr(path, '/') &&
      snprintf(buf, sizeof buf, "./%s", path) < (int)sizeof buf)
    path = buf;
  setenv(libs[lib].env, path, 1);
  return 0;
}

static const char *how_found(const struct probe_opts *o, unsigned lib,
                             const char *path)
{
  const char *dir = rbdcompat_secure_getenv("RBDCOMPAT_VENDOR_DIR");
  char want[PATH_MAX], got[PATH_MAX], parent[PATH_MAX];
  char *slash;

  if ((lib == RBDCOMPAT_LIB_RBD ? o->librbd : o->librados))
    return libs[lib].opt;
  if (rbdcompat_secure_getenv(libs[lib].env) &&
      *rbdcompat_secure_getenv(libs[lib].env))
    return libs[lib].env;
  if (!dir || !*dir)
    dir = rbdcompat_default_vendor_dir;
  /* The directory it was loaded from (not the one its symlinks lead to). */
  snprintf(parent, sizeof parent, "%s", path);
  slash = strrchr(parent, '/');
  if (slash) {
    *slash = '\0';
    if (realpath(dir, want) && realpath(parent, got) && !strcmp(want, got))
      return "the vendor directory";
  }
  return "the library search path";
}

static void call_version(unsigned lib, char *out, size_t len)
{
  int row = row_find(libs[lib].version_fn, NULL);
  rbdcompat_fnptr f = row < 0 ? NULL
                              : rbdcompat_vendor_sym(&rbdcompat_fns[row]);
  int maj = 0, min = 0, extra = 0;

  if (!f)
    return;
  ((void (*)(int *, int *, int *))f)(&maj, &min, &extra);
  snprintf(out, len, "%d.%d.%d", maj, min, extra);
}

/* ceph_version_to_str() and ceph_release_to_str() of libceph-common, which
 * every Ceph client library depends on: C++ functions without arguments
 * returning a C string. A trimmed vendor build may not have them. */
static void call_ceph_version(void *h, struct lib_report *l)
{
  void *v = dlsym(h, "_Z19ceph_version_to_strv");
  void *rel = dlsym(h, "_Z19ceph_release_to_strv");
  const char *(*fn)(void);
  const char *s;

  if (v) {
    memcpy(&fn, &v, sizeof fn);
    s = fn();
    if (s)
      snprintf(l->ceph_version, sizeof l->ceph_version, "%s", s);
  }
  if (rel) {
    memcpy(&fn, &rel, sizeof fn);
    s = fn();
    if (s)
      snprintf(l->release, sizeof l->release, "%s", s);
  }
  if (!l->release[0] && l->ceph_version[0] &&
      release_name(since_major(l->ceph_version)))
    snprintf(l->release, sizeof l->release, "%s",
             release_name(since_major(l->ceph_version)));
}

/* Where librbd's own rados_* calls go: normally the librados listed. */
static void rados_of_librbd(void *rbd, struct lib_report *l,
                            const struct lib_report *rados)
{
  void *p = dlsym(rbd, "rados_version");
  Dl_info info;
  char real[PATH_MAX];

  if (p && dladdr(p, &info) && info.dli_fname &&
      realpath(info.dli_fname, real) && strcmp(real, rados->file))
    snprintf(l->rados_from, sizeof l->rados_from, "%s", real);
}

static int describe(const struct probe_opts *o, unsigned lib,
                    struct lib_report *l)
{
  const struct rbdcompat_vendor *v = rbdcompat_vendor(lib);
  char err[256];
  struct elf_file f;

  l->soname = libs[lib].soname;
  l->name = libs[lib].name;
  if (!v->handle) {
    probe_error("%s: %s", libs[lib].soname, v->error);
    return -1;
  }
  snprintf(l->path, sizeof l->path, "%s", v->path);
  if (!realpath(v->path, l->file))
    snprintf(l->file, sizeof l->file, "%s", v->path);
  if (elf_file_open(l->file, &f, err, sizeof err)) {
    probe_error("%s %s: %s", libs[lib].soname, l->file, err);
    return -1;
  }
  if (f.info.soname)
    snprintf(l->elf_soname, sizeof l->elf_soname, "%s", f.info.soname);
  l->machine = f.info.machine;
  l->elfclass = f.info.elfclass;
  l->big_endian = f.info.big_endian;
  /* A binary needing a version the library does not define is refused
   * by the dynamic linker even if every function is there. */
  l->versioned = f.info.nverdef > 0;
  for (size_t i = 0; i < f.info.nverdef && l->nverdef < 32; i++) {
    char *d = strdup(f.info.verdef[i]);

    if (d)
      l->verdef[l->nverdef++] = d;
  }
  elf_file_close(&f);
  if (!strcmp(l->elf_soname, SHIM_SONAME)) {
    const char *dir = rbdcompat_secure_getenv("RBDCOMPAT_VENDOR_DIR");

    probe_error("%s found at %s is librbdcompat itself, not the vendor's"
                " library: put the vendor's in the vendor directory (%s) or"
                " name it with %s",
                libs[lib].soname, l->file,
                dir && *dir ? dir : rbdcompat_default_vendor_dir,
                libs[lib].opt);
    return -1;
  }
  l->how = how_found(o, lib, l->path);
  call_version(lib, l->api_version, sizeof l->api_version);
  call_ceph_version(v->handle, l);
  return 0;
}

static void check_rows(struct probe_report *r)
{
  unsigned i;

  for (i = 0; i < rbdcompat_nfns; i++) {
    const struct rbdcompat_fn *fn = &rbdcompat_fns[i];
    struct fn_result *res = &r->fns[i];
    struct lib_report *l = &r->libs[fn->lib];

    res->vendor_has = rbdcompat_vendor_sym(fn) != NULL;
    res->disabled = (unsigned char)rbdcompat_disabled(rbdcompat_fn_name(fn));
    if (res->vendor_has && !res->disabled)
      res->status = FN_PRESENT;
    else
      res->status = fn->decision == RBDCOMPAT_DECISION_EMULATED ? FN_EMULATED
                                                                : FN_STUBBED;
    l->rows++;
    l->missing += res->status != FN_PRESENT;
    l->emulated += res->status == FN_EMULATED;
    l->stubbed += res->status == FN_STUBBED;
    l->disabled += res->disabled;
  }
}

int vendor_check(const struct probe_opts *o, struct probe_report *r)
{
  if ((o->librados && use_file(RBDCOMPAT_LIB_RADOS, o->librados)) ||
      (o->librbd && use_file(RBDCOMPAT_LIB_RBD, o->librbd)))
    return PROBE_BAD_INPUT;
  if (describe(o, RBDCOMPAT_LIB_RADOS, &r->libs[RBDCOMPAT_LIB_RADOS]) ||
      describe(o, RBDCOMPAT_LIB_RBD, &r->libs[RBDCOMPAT_LIB_RBD]))
    return PROBE_BAD_INPUT;
  rados_of_librbd(rbdcompat_vendor(RBDCOMPAT_LIB_RBD)->handle,
                  &r->libs[RBDCOMPAT_LIB_RBD], &r->libs[RBDCOMPAT_LIB_RADOS]);
  r->fns = calloc(rbdcompat_nfns, sizeof *r->fns);
  if (!r->fns) {
    probe_error("out of memory");
    return PROBE_BAD_INPUT;
  }
  check_rows(r);
  return PROBE_OK;
}
