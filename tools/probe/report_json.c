/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The report as JSON (--json), for programs. The schema is documented in
 * tools/probe/README-schema.md; "schema" says which version of it this is
 * and changes when a member changes meaning or goes away (adding members
 * does not change it).
 */
#include "report.h"
#include "header_checks.h"
#include "json_writer.h"

#include <stdio.h>
#include <string.h>

#define SCHEMA "rbdcompat-probe/1"
#define MAX_RELEASES 32

static const char *decision_name(unsigned d)
{
  switch (d) {
  case RBDCOMPAT_DECISION_FORWARDED:
    return "forwarded";
  case RBDCOMPAT_DECISION_EMULATED:
    return "emulated";
  case RBDCOMPAT_DECISION_STUBBED:
    return "stubbed";
  default:
    return "undecided";
  }
}

static const char *nonempty(const char *s)
{
  return s && *s ? s : NULL;
}

static void library(struct json *j, const struct probe_report *r, unsigned lib)
{
  const struct lib_report *l = &r->libs[lib];
  struct release_count rc[MAX_RELEASES];
  size_t n, k;

  json_open(j, NULL, '{');
  json_str(j, "name", l->name);
  json_str(j, "soname", l->soname);
  json_str(j, "path", l->path);
  json_str(j, "file", l->file);
  json_str(j, "found_through", l->how);
  json_str(j, "elf_soname", nonempty(l->elf_soname));
  json_str(j, "api_version", nonempty(l->api_version));
  json_str(j, "ceph_version", nonempty(l->ceph_version));
  json_str(j, "release", nonempty(l->release));
  if (lib == RBDCOMPAT_LIB_RBD)
    json_str(j, "librados_used", nonempty(l->rados_from));
  json_uint(j, "functions", l->rows);
  json_uint(j, "present", l->rows - l->missing);
  json_uint(j, "missing", l->missing);
  json_uint(j, "emulated", l->emulated);
  json_uint(j, "stubbed", l->stubbed);
  json_uint(j, "disabled", l->disabled);
  json_open(j, "by_release", '[');
  n = release_counts(r, lib, rc, MAX_RELEASES);
  for (k = 0; k < n; k++) {
    json_open(j, NULL, '{');
    json_uint(j, "major", (unsigned long long)rc[k].major);
    json_str(j, "release", release_name(rc[k].major));
    json_uint(j, "functions", rc[k].total);
    json_uint(j, "missing", rc[k].missing);
    json_uint(j, "emulated", rc[k].emulated);
    json_uint(j, "stubbed", rc[k].stubbed);
    json_close(j, '}');
  }
  json_close(j, ']');
  json_close(j, '}');
}

static void functions(struct json *j, const struct probe_report *r)
{
  unsigned i;

  json_open(j, "functions", '[');
  for (i = 0; i < rbdcompat_nfns; i++) {
    const struct rbdcompat_fn *fn = &rbdcompat_fns[i];
    const struct fn_result *res = &r->fns[i];

    json_open(j, NULL, '{');
    json_str(j, "name", rbdcompat_fn_name(fn));
    json_str(j, "version", rbdcompat_fn_version(fn));
    json_str(j, "library", lib_name(fn->lib));
    json_str(j, "since", rbdcompat_fn_since(fn));
    json_bool(j, "deprecated", fn->deprecated);
    json_str(j, "status", fn_status_name(res->status));
    json_bool(j, "vendor_has", res->vendor_has);
    json_bool(j, "disabled", res->disabled);
    json_str(j, "decision", decision_name(fn->decision));
    json_str(j, "why", nonempty(rbdcompat_fn_why(fn)));
    json_str(j, "stub_answer",
             res->status == FN_STUBBED ? stub_answer(fn) : NULL);
    json_close(j, '}');
  }
  json_close(j, ']');
}

static void headers(struct json *j, const struct header_report *h)
{
  static const char *const kinds[] = {
    [HC_MACRO] = "macro",     [HC_ENUMERATOR] = "enumerator",
    [HC_TYPE] = "type",       [HC_MEMBER] = "member",
    [HC_TYPEDEF] = "typedef", [HC_FUNCTION] = "function",
  };
  unsigned i;

  json_open(j, "headers", '{');
  json_str(j, "dir", h->dir);
  json_str(j, "compiler", h->compiler);
  json_uint(j, "checks", header_nchecks);
  json_uint(j, "same", h->counts[HV_SAME]);
  json_uint(j, "missing", h->counts[HV_MISSING]);
  json_uint(j, "removed", h->counts[HV_REMOVED]);
  json_uint(j, "members_of_missing_types", h->counts[HV_COVERED]);
  json_uint(j, "release_dependent", h->counts[HV_EXPECTED]);
  json_uint(j, "uncheckable", h->counts[HV_UNCHECKABLE]);
  json_uint(j, "incompatible", h->counts[HV_INCOMPATIBLE]);
  json_open(j, "differences", '[');
  for (i = 0; i < header_nchecks; i++) {
    const struct header_check *c = &header_checks[i];
    const struct header_result *res = &h->res[i];

    if (res->verdict == HV_SAME || res->verdict == HV_COVERED)
      continue;
    json_open(j, NULL, '{');
    json_str(j, "kind", kinds[c->kind]);
    json_str(j, "name", c->name);
    json_str(j, "header", c->header);
    json_str(j, "verdict", header_verdict_name(res->verdict));
    json_str(j, "ours", c->ours ? c->ours : res->ours);
    json_str(j, "theirs",
             res->verdict == HV_MISSING || res->verdict == HV_REMOVED ? NULL
             : (c->kind == HC_FUNCTION || c->kind == HC_TYPEDEF) &&
                     res->verdict == HV_INCOMPATIBLE
                 ? res->note
                 : res->vendor);
    json_str(j, "note",
             res->verdict == HV_INCOMPATIBLE &&
                     (c->kind == HC_FUNCTION || c->kind == HC_TYPEDEF)
                 ? NULL
                 : res->note);
    json_close(j, '}');
  }
  json_close(j, ']');
  json_close(j, '}');
}

static void name_list(struct json *j, const char *key,
                      const struct binary_report *b, int which)
{
  size_t i;

  json_open(j, key, '[');
  for (i = 0; i < b->nneeds; i++) {
    const struct need_result *n = &b->needs[i];

    if (n->ref->weak)
      continue;
    if ((which == 0 && !n->vendor_has) || (which == 1 && n->row < 0) ||
        (which == 2 && n->row >= 0 && n->status == FN_STUBBED) ||
        (which == 3 && n->row >= 0 && n->status == FN_EMULATED))
      json_str(j, NULL, n->ref->name);
  }
  json_close(j, ']');
}

static void version_list(struct json *j, const char *key,
                         const struct binary_report *b, int vendor)
{
  size_t i;

  json_open(j, key, '[');
  for (i = 0; i < b->nversions; i++)
    if (!(vendor ? b->versions[i].vendor_has : b->versions[i].shim_has))
      json_str(j, NULL, b->versions[i].version);
  json_close(j, ']');
}

static void binary(struct json *j, const struct binary_report *b)
{
  const struct elf_info *info = &b->elf.info;
  size_t i;

  json_open(j, NULL, '{');
  json_str(j, "path", b->path);
  json_str(j, "elf", b->what);
  json_bool(j, "links_librbd", b->links_rbd);
  json_bool(j, "links_librados", b->links_rados);
  json_bool(j, "links_librbdcompat", b->links_shim);
  json_bool(j, "bind_now", info->bind_now);
  json_open(j, "needs", '[');
  for (i = 0; i < b->nneeds; i++) {
    const struct need_result *n = &b->needs[i];

    json_open(j, NULL, '{');
    json_str(j, "name", n->ref->name);
    json_str(j, "version", n->ref->version);
    json_str(j, "version_file", n->ref->file);
    json_str(j, "library", lib_name(n->lib));
    json_bool(j, "weak", n->ref->weak);
    json_bool(j, "vendor_has", n->vendor_has);
    json_str(j, "status",
             n->row < 0 ? "not-exported" : fn_status_name(n->status));
    json_close(j, '}');
  }
  json_close(j, ']');
  json_open(j, "versions", '[');
  for (i = 0; i < b->nversions; i++) {
    json_open(j, NULL, '{');
    json_str(j, "file", b->versions[i].file);
    json_str(j, "version", b->versions[i].version);
    json_bool(j, "vendor_has", b->versions[i].vendor_has);
    json_bool(j, "shim_has", b->versions[i].shim_has);
    json_close(j, '}');
  }
  json_close(j, ']');
  json_open(j, "without_shim", '{');
  json_bool(j, "runs", !b->vendor_missing && !b->vendor_missing_versions);
  name_list(j, "missing", b, 0);
  version_list(j, "missing_versions", b, 1);
  json_close(j, '}');
  json_open(j, "with_shim", '{');
  json_bool(j, "runs", !b->not_exported && !b->shim_missing_versions);
  json_bool(j, "covered",
            !b->not_exported && !b->shim_missing_versions && !b->stubbed);
  name_list(j, "emulated", b, 3);
  name_list(j, "stubbed", b, 2);
  name_list(j, "not_exported", b, 1);
  version_list(j, "missing_versions", b, 0);
  json_close(j, '}');
  json_close(j, '}');
}

void report_json(const struct probe_opts *o, const struct probe_report *r)
{
  struct json j = { .f = stdout };
  size_t i;

  (void)o;
  json_open(&j, NULL, '{');
  json_str(&j, "schema", SCHEMA);
  json_uint(&j, "exit_status", (unsigned long long)r->status);
  json_open(&j, "libraries", '[');
  library(&j, r, RBDCOMPAT_LIB_RBD);
  library(&j, r, RBDCOMPAT_LIB_RADOS);
  json_close(&j, ']');
  functions(&j, r);
  if (r->headers)
    headers(&j, r->headers);
  else
    json_str(&j, "headers", NULL);
  json_open(&j, "binaries", '[');
  for (i = 0; i < r->nbins; i++)
    binary(&j, &r->bins[i]);
  json_close(&j, ']');
  json_close(&j, '}');
}
