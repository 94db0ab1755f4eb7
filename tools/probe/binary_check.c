/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * --binary FILE: which librbd/librados functions an executable or shared
 * object needs (its undefined dynamic symbols), whether the vendor's
 * libraries define them, and what the shim does for each.
 *
 * A symbol is librbd's or librados's when its symbol version names
 * librbd.so.1 / librados.so.2, or, without a version, by its name: rbd_*,
 * rados_* (but not rados_striper_*, which is libradosstriper's) and the C++
 * API's librbd:: / librados:: names, which the shim does not export.
 */
#include "report.h"

#include <dlfcn.h>
#include <elf.h>
#include <stdlib.h>
#include <string.h>

static int starts(const char *s, const char *prefix)
{
  return !strncmp(s, prefix, strlen(prefix));
}

#define SHIM_SONAME "librbdcompat.so.1"

/* Which library a needed symbol comes from, or -1: not ours. A program
 * linked to librbdcompat needs its versioned symbols from it
 * (rados_ioctx_pool_stat@LIBRADOS_14.2.0): those go by name, like
 * unversioned ones. */
static int owner(const struct elf_symref *ref)
{
  if (ref->file && strcmp(ref->file, SHIM_SONAME)) {
    if (!strcmp(ref->file, "librbd.so.1"))
      return RBDCOMPAT_LIB_RBD;
    if (!strcmp(ref->file, "librados.so.2"))
      return RBDCOMPAT_LIB_RADOS;
    return -1;
  }
  if (starts(ref->name, "rbd_") || starts(ref->name, "_ZN6librbd") ||
      starts(ref->name, "_ZNK6librbd"))
    return RBDCOMPAT_LIB_RBD;
  if (starts(ref->name, "rados_striper_"))
    return -1;
  if (starts(ref->name, "rados_") || starts(ref->name, "_ZN8librados") ||
      starts(ref->name, "_ZNK8librados"))
    return RBDCOMPAT_LIB_RADOS;
  return -1;
}

static int by_name(const void *a, const void *b)
{
  const struct need_result *x = a, *y = b;
  int c = strcmp(x->ref->name, y->ref->name);

  if (c)
    return c;
  return strcmp(x->ref->version ? x->ref->version : "",
                y->ref->version ? y->ref->version : "");
}

static void check_need(const struct probe_report *r, struct binary_report *b,
                       const struct elf_symref *ref, unsigned lib)
{
  struct need_result *n = &b->needs[b->nneeds++];

  n->ref = ref;
  n->lib = (unsigned char)lib;
  n->row = row_for_symbol(ref->name, ref->version);
  if (n->row >= 0) {
    n->vendor_has = r->fns[n->row].vendor_has;
    n->status = r->fns[n->row].status;
  } else {
    /* Not a C function of upstream's: ask the vendor's library as is. */
    n->vendor_has = dlsym(rbdcompat_vendor(lib)->handle, ref->name) != NULL;
  }
  if (ref->weak) {
    if (!n->vendor_has)
      b->weak_missing++;
    return;
  }
  if (!n->vendor_has)
    b->vendor_missing++;
  if (n->row < 0)
    b->not_exported++;
  else if (n->status == FN_EMULATED)
    b->emulated++;
  else if (n->status == FN_STUBBED)
    b->stubbed++;
}

static int shim_defines(const char *version)
{
  unsigned i;

  for (i = 0; i < rbdcompat_nfns; i++)
    if (rbdcompat_fns[i].version_off &&
        !strcmp(rbdcompat_fn_version(&rbdcompat_fns[i]), version))
      return strcmp(version, "Base") != 0;
  return 0;
}

static void check_versions(const struct probe_report *r,
                           struct binary_report *b)
{
  const struct elf_info *info = &b->elf.info;
  size_t i;
  unsigned k;

  b->versions = calloc(info->nverneed + 1, sizeof *b->versions);
  if (!b->versions)
    return;
  for (i = 0; i < info->nverneed; i++) {
    const struct elf_verneed *v = &info->verneed[i];
    const struct lib_report *l;
    struct version_result *res;

    if (!strcmp(v->file, "librbd.so.1") ||
        (!strcmp(v->file, SHIM_SONAME) && !strncmp(v->version, "LIBRBD", 6)))
      l = &r->libs[RBDCOMPAT_LIB_RBD];
    else if (!strcmp(v->file, "librados.so.2") ||
             (!strcmp(v->file, SHIM_SONAME) &&
              !strncmp(v->version, "LIBRADOS", 8)))
      l = &r->libs[RBDCOMPAT_LIB_RADOS];
    else
      continue;
    res = &b->versions[b->nversions++];
    res->file = v->file;
    res->version = v->version;
    res->shim_has = (unsigned char)shim_defines(v->version);
    /* A library without any symbol versions satisfies every version
     * (the dynamic linker only warns). */
    res->vendor_has = !l->versioned;
    for (k = 0; k < l->nverdef; k++)
      if (!strcmp(l->verdef[k], v->version))
        res->vendor_has = 1;
    b->vendor_missing_versions += !res->vendor_has;
    b->shim_missing_versions += !res->shim_has;
  }
}

int binary_check(const char *path, const struct probe_report *r,
                 struct binary_report *b)
{
  const struct lib_report *host = &r->libs[RBDCOMPAT_LIB_RBD];
  const struct elf_info *info;
  char err[256], here[160];
  size_t i;

  memset(b, 0, sizeof *b);
  b->path = path;
  if (elf_file_open(path, &b->elf, err, sizeof err)) {
    probe_error("%s: %s", path, err);
    return PROBE_BAD_INPUT;
  }
  info = &b->elf.info;
  elf_describe(info, b->what, sizeof b->what);
  if (info->type != ET_EXEC && info->type != ET_DYN) {
    probe_error("%s: %s, not an executable or a shared object", path, b->what);
    return PROBE_BAD_INPUT;
  }
  if (info->machine != host->machine || info->elfclass != host->elfclass ||
      info->big_endian != host->big_endian) {
    struct elf_info h = { .elfclass = host->elfclass,
                          .machine = host->machine,
                          .big_endian = host->big_endian,
                          .type = ET_DYN };

    elf_describe(&h, here, sizeof here);
    probe_error("%s: %s, but the vendor's %s here is an %s: it cannot run"
                " on this machine's Ceph",
                path, b->what, host->soname, here);
    return PROBE_BAD_INPUT;
  }
  for (i = 0; i < info->nneeded; i++) {
    b->links_rbd |= !strcmp(info->needed[i], "librbd.so.1");
    b->links_rados |= !strcmp(info->needed[i], "librados.so.2");
    b->links_shim |= !strcmp(info->needed[i], "librbdcompat.so.1");
  }
  b->needs = calloc(info->nundef + 1, sizeof *b->needs);
  if (!b->needs) {
    probe_error("%s: out of memory", path);
    return PROBE_BAD_INPUT;
  }
  for (i = 0; i < info->nundef; i++) {
    int lib = owner(&info->undef[i]);

    if (lib >= 0)
      check_need(r, b, &info->undef[i], (unsigned)lib);
  }
  qsort(b->needs, b->nneeds, sizeof *b->needs, by_name);
  check_versions(r, b);
  return PROBE_OK;
}

void binary_report_free(struct binary_report *b)
{
  free(b->needs);
  free(b->versions);
  elf_file_close(&b->elf);
}
