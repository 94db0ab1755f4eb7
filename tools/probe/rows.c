/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Questions about the function table (rbdcompat_fns, shared with the shim
 * through rbdcompat_core) and the names the reports use for its values.
 */
#include "report.h"
#include "releases.h"
#include "header_checks.h"

#include <stdlib.h>
#include <string.h>

static int same_version(const char *a, const char *b)
{
  return (!a && !b) || (a && b && !strcmp(a, b));
}

int row_find(const char *name, const char *version)
{
  unsigned i;

  for (i = 0; i < rbdcompat_nfns; i++)
    if (!strcmp(rbdcompat_fn_name(&rbdcompat_fns[i]), name) &&
        same_version(rbdcompat_fn_version(&rbdcompat_fns[i]), version))
      return (int)i;
  return -1;
}

/* The row a binary's reference binds to. A reference without a version
 * (the binary was linked against a library without symbol versions, or
 * the function has none) binds to the unversioned definition, which for
 * the versioned functions of librados is the hidden "Base" one. */
int row_for_symbol(const char *name, const char *version)
{
  int row = row_find(name, version);

  if (row < 0 && version)
    row = row_find(name, NULL);
  if (row < 0 && !version)
    row = row_find(name, "Base");
  return row;
}

int since_major(const char *since)
{
  return atoi(since);
}

const char *release_name(int major)
{
  unsigned i;

  for (i = 0; i < ceph_nreleases; i++)
    if (ceph_releases[i].major == major)
      return ceph_releases[i].name;
  return NULL;
}

const char *fn_status_name(unsigned status)
{
  switch (status) {
  case FN_PRESENT:
    return "present";
  case FN_EMULATED:
    return "missing-emulated";
  default:
    return "missing-stubbed";
  }
}

/* The shim's own words for it (lib/resolve.c), so both always agree. */
const char *stub_answer(const struct rbdcompat_fn *fn)
{
  return rbdcompat_stub_answer(fn);
}

const char *lib_name(unsigned lib)
{
  return lib == RBDCOMPAT_LIB_RBD ? "librbd" : "librados";
}

const char *header_verdict_name(unsigned verdict)
{
  static const char *const names[] = {
    [HV_SAME] = "same",
    [HV_MISSING] = "missing",
    [HV_EXPECTED] = "release-dependent",
    [HV_UNCHECKABLE] = "uncheckable",
    [HV_INCOMPATIBLE] = "incompatible",
    [HV_COVERED] = "type-missing",
    [HV_REMOVED] = "removed",
  };

  return verdict <= HV_REMOVED ? names[verdict] : "?";
}

size_t release_counts(const struct probe_report *r, unsigned lib,
                      struct release_count *out, size_t max)
{
  size_t n = 0, k;
  unsigned i;

  for (i = 0; i < rbdcompat_nfns; i++) {
    const struct rbdcompat_fn *fn = &rbdcompat_fns[i];
    int major = since_major(rbdcompat_fn_since(fn));

    if (fn->lib != lib)
      continue;
    for (k = 0; k < n && out[k].major != major; k++)
      ;
    if (k == n) {
      if (n == max)
        continue;
      memset(&out[n], 0, sizeof out[n]);
      out[n++].major = major;
    }
    out[k].total++;
    if (r->fns[i].status != FN_PRESENT)
      out[k].missing++;
    if (r->fns[i].status == FN_EMULATED)
      out[k].emulated++;
    if (r->fns[i].status == FN_STUBBED)
      out[k].stubbed++;
  }
  /* By release: the table lists functions by header, not by age. */
  for (k = 1; k < n; k++) {
    struct release_count t = out[k];
    size_t j = k;

    for (; j > 0 && out[j - 1].major > t.major; j--)
      out[j] = out[j - 1];
    out[j] = t;
  }
  return n;
}
