/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The report for people: the libraries found, every function with what
 * the shim does about it, a summary per library and per release, then the
 * header comparison and the binaries, and a last line with the verdict.
 */
#include "report.h"
#include "header_checks.h"

#include <stdio.h>
#include <string.h>

#define MAX_RELEASES 32
/* Lists of names in verdict lines stop after this many. */
#define LIST_MAX 12

static void row_label(unsigned i, char *buf, size_t len)
{
  const struct rbdcompat_fn *fn = &rbdcompat_fns[i];
  const char *version = rbdcompat_fn_version(fn);

  snprintf(buf, len, "%s%s%s", rbdcompat_fn_name(fn), version ? "@" : "",
           version ? version : "");
}

static const char *release_label(int major, char *buf, size_t len)
{
  const char *name = release_name(major);

  snprintf(buf, len, "Ceph %d%s%s%s", major, name ? " (" : "", name ? name : "",
           name ? ")" : "");
  return buf;
}

/* Why a missing row does what it does. */
static void explain(unsigned i, const struct fn_result *res, char *buf,
                    size_t len)
{
  const struct rbdcompat_fn *fn = &rbdcompat_fns[i];
  const char *pre = res->disabled ? "disabled by RBDCOMPAT_DISABLE; " : "";

  if (res->status == FN_EMULATED) {
    snprintf(buf, len, "%semulated: %s", pre, rbdcompat_fn_why(fn));
    return;
  }
  switch (fn->decision) {
  case RBDCOMPAT_DECISION_STUBBED:
    snprintf(buf, len, "%sstub %s; no exact emulation: %s", pre,
             stub_answer(fn), rbdcompat_fn_why(fn));
    break;
  case RBDCOMPAT_DECISION_FORWARDED:
    snprintf(buf, len,
             "%sstub %s (a function of every release, which this"
             " vendor removed)",
             pre, stub_answer(fn));
    break;
  default:
    snprintf(buf, len, "%sstub %s (no decision recorded yet)", pre,
             stub_answer(fn));
  }
}

static void print_libraries(const struct probe_report *r)
{
  static const unsigned order[] = { RBDCOMPAT_LIB_RADOS, RBDCOMPAT_LIB_RBD };
  size_t k;

  printf("Vendor libraries, found as librbdcompat finds them:\n");
  for (k = 0; k < 2; k++) {
    const struct lib_report *l = &r->libs[order[k]];

    printf("  %-14s %s\n", l->soname, l->file);
    if (strcmp(l->path, l->file))
      printf("  %-14s loaded as %s\n", "", l->path);
    printf("  %-14s found through %s\n", "", l->how);
    printf("  %-14s %s_version() says %s; Ceph %s%s%s%s\n", "",
           order[k] == RBDCOMPAT_LIB_RBD ? "rbd" : "rados",
           l->api_version[0] ? l->api_version : "nothing",
           l->ceph_version[0] ? l->ceph_version : "version unknown",
           l->release[0] ? " (" : "", l->release, l->release[0] ? ")" : "");
    if (l->rados_from[0])
      printf("  %-14s NOTE: its own rados_* calls go to %s\n", "",
             l->rados_from);
  }
  printf("\n");
}

static void print_functions(const struct probe_opts *o,
                            const struct probe_report *r, unsigned lib)
{
  const struct lib_report *l = &r->libs[lib];
  char label[160], why[1200];
  unsigned i, pass;

  printf("%s functions of upstream Ceph: %u, %u missing from %s"
         " (%u emulated, %u stubbed)%s\n",
         l->name, l->rows, l->missing, l->soname, l->emulated, l->stubbed,
         o->brief ? "; present ones not listed (--brief)" : "");
  /* Missing ones first: they are what the reader is after. */
  for (pass = 0; pass < 2; pass++) {
    for (i = 0; i < rbdcompat_nfns; i++) {
      const struct fn_result *res = &r->fns[i];

      if (rbdcompat_fns[i].lib != lib ||
          (pass == 0) != (res->status != FN_PRESENT) || (pass == 1 && o->brief))
        continue;
      row_label(i, label, sizeof label);
      if (res->status == FN_PRESENT) {
        printf("  %-17s %-44s since %s\n", fn_status_name(res->status), label,
               rbdcompat_fn_since(&rbdcompat_fns[i]));
        continue;
      }
      explain(i, res, why, sizeof why);
      printf("  %-17s %-44s since %-7s %s\n", fn_status_name(res->status),
             label, rbdcompat_fn_since(&rbdcompat_fns[i]), why);
    }
  }
  printf("\n");
}

static void print_summary(const struct probe_report *r)
{
  static const unsigned order[] = { RBDCOMPAT_LIB_RBD, RBDCOMPAT_LIB_RADOS };
  struct release_count rc[MAX_RELEASES];
  char rel[64];
  size_t k, n, j;

  printf("Summary: functions of upstream Ceph the vendor's libraries lack\n");
  for (k = 0; k < 2; k++) {
    const struct lib_report *l = &r->libs[order[k]];

    printf("  %s (Ceph %s): %u of %u missing, %u emulated, %u stubbed\n",
           l->soname, l->ceph_version[0] ? l->ceph_version : "version unknown",
           l->missing, l->rows, l->emulated, l->stubbed);
    n = release_counts(r, order[k], rc, MAX_RELEASES);
    for (j = 0; j < n; j++) {
      printf("    added in %s%s: %u of %u missing",
             release_label(rc[j].major, rel, sizeof rel),
             j == 0 ? " or earlier" : "", rc[j].missing, rc[j].total);
      if (rc[j].missing)
        printf(" (%u emulated, %u stubbed)", rc[j].emulated, rc[j].stubbed);
      printf("\n");
    }
  }
  printf("\n");
}

static void print_header_group(const struct header_report *h, unsigned verdict,
                               const char *title)
{
  unsigned i;

  if (!h->counts[verdict])
    return;
  printf("  %s (%u):\n", title, h->counts[verdict]);
  for (i = 0; i < header_nchecks; i++) {
    const struct header_check *c = &header_checks[i];
    const struct header_result *res = &h->res[i];
    static const char *const kinds[] = {
      [HC_MACRO] = "constant",  [HC_ENUMERATOR] = "enum constant",
      [HC_TYPE] = "type",       [HC_MEMBER] = "member",
      [HC_TYPEDEF] = "typedef", [HC_FUNCTION] = "function",
    };

    if (res->verdict != verdict)
      continue;
    printf("    %-13s %s", kinds[c->kind], c->name);
    if (verdict == HV_INCOMPATIBLE || verdict == HV_EXPECTED) {
      if (c->kind == HC_FUNCTION || c->kind == HC_TYPEDEF)
        printf("\n        theirs: %s\n        ours:   %s",
               res->note ? res->note : "(declaration not found)", c->ours);
      else
        printf(": %s in these headers, %s in librbdcompat's (%s)", res->vendor,
               res->ours, c->header);
      if (c->kind == HC_MEMBER && c->ours)
        printf("; ours: %s", c->ours);
    } else if (res->note && verdict != HV_MISSING && verdict != HV_REMOVED) {
      printf(": %s", res->note);
    }
    printf("\n");
  }
}

static void print_headers(const struct header_report *h)
{
  printf("Headers in %s against librbdcompat's (upstream Ceph), compiled"
         " with %s:\n",
         h->dir, h->compiler);
  if (h->counts[HV_INCOMPATIBLE]) {
    printf("  *** INCOMPATIBLE: %u constants, layouts or prototypes differ."
           " librbdcompat cannot fix\n"
           "  *** this: a program built against one set of headers passes"
           " values or structures\n"
           "  *** that the other side reads differently.\n",
           h->counts[HV_INCOMPATIBLE]);
    print_header_group(h, HV_INCOMPATIBLE, "incompatible");
  }
  print_header_group(h, HV_REMOVED,
                     "removed from these headers (older"
                     " constants they dropped, though they have later ones"
                     " of the same group; programs using them need"
                     " librbdcompat's headers)");
  print_header_group(h, HV_MISSING,
                     "missing from these headers (newer than"
                     " them; programs using them need librbdcompat's"
                     " headers)");
  print_header_group(h, HV_UNCHECKABLE,
                     "defined, but not compilable against"
                     " these headers");
  print_header_group(h, HV_EXPECTED,
                     "different, as between any two releases"
                     " (version, capability and combined constants)");
  printf("  %u checks: %u same, %u missing (%u more members of missing types),"
         " %u removed, %u release-dependent, %u uncheckable, %u incompatible"
         "\n\n",
         header_nchecks, h->counts[HV_SAME], h->counts[HV_MISSING],
         h->counts[HV_COVERED], h->counts[HV_REMOVED], h->counts[HV_EXPECTED],
         h->counts[HV_UNCHECKABLE], h->counts[HV_INCOMPATIBLE]);
}

/* ", "-separated names of the needs matching want(), at most LIST_MAX. */
static void list_needs(const struct binary_report *b,
                       int (*want)(const struct need_result *))
{
  size_t i, shown = 0, total = 0;

  for (i = 0; i < b->nneeds; i++) {
    if (!want(&b->needs[i]))
      continue;
    if (shown < LIST_MAX)
      printf("%s%s", shown++ ? ", " : "", b->needs[i].ref->name);
    total++;
  }
  if (total > shown)
    printf(" and %zu more", total - shown);
}

static int vendor_lacks(const struct need_result *n)
{
  return !n->ref->weak && !n->vendor_has;
}

static int is_stubbed(const struct need_result *n)
{
  return !n->ref->weak && n->row >= 0 && n->status == FN_STUBBED;
}

static int not_exported(const struct need_result *n)
{
  return !n->ref->weak && n->row < 0;
}

static void print_versions(const struct binary_report *b, int vendor)
{
  size_t i, k = 0;

  for (i = 0; i < b->nversions; i++)
    if (!(vendor ? b->versions[i].vendor_has : b->versions[i].shim_has))
      printf("%s%s from %s", k++ ? ", " : "", b->versions[i].version,
             b->versions[i].file);
}

static void print_binary(const struct probe_opts *o,
                         const struct binary_report *b)
{
  const struct elf_info *info = &b->elf.info;
  size_t i;

  printf("Binary %s\n  %s; %s%s%s%s; %s\n", b->path, b->what,
         b->links_rbd || b->links_rados || b->links_shim
             ? "links"
             : "links neither librbd.so.1 nor librados.so.2",
         b->links_shim ? " librbdcompat.so.1" : "",
         b->links_rbd ? " librbd.so.1" : "",
         b->links_rados ? " librados.so.2" : "",
         !info->has_dynamic ? "statically linked"
         : info->bind_now   ? "binds every symbol at start"
                            : "binds symbols at first call");
  printf("  needs %zu librbd/librados functions%s\n", b->nneeds,
         !b->nneeds ? ""
         : o->brief ? " (present ones not listed):"
                    : ":");
  for (i = 0; i < b->nneeds; i++) {
    const struct need_result *n = &b->needs[i];
    char label[300];

    snprintf(label, sizeof label, "%s%s%s%s", n->ref->name,
             n->ref->version ? "@" : "", n->ref->version ? n->ref->version : "",
             n->ref->weak ? " (weak)" : "");
    if (n->row < 0)
      printf("    %-17s %-44s librbdcompat does not export it%s\n",
             "not-exported", label, n->vendor_has ? " (the vendor does)" : "");
    else if (n->status == FN_PRESENT && !o->brief)
      printf("    %-17s %s\n", "present", label);
    else if (n->status == FN_PRESENT)
      continue;
    else
      printf("    %-17s %-44s %s\n", fn_status_name(n->status), label,
             n->status == FN_EMULATED ? "emulated exactly"
                                      : stub_answer(&rbdcompat_fns[n->row]));
  }
  for (i = 0; i < b->nversions; i++)
    printf("  needs version %s of %s: the vendor's %s, librbdcompat %s\n",
           b->versions[i].version, b->versions[i].file,
           b->versions[i].vendor_has ? "has it" : "LACKS it",
           b->versions[i].shim_has ? "has it" : "LACKS it");

  printf("  without librbdcompat: ");
  /* It cannot start without the shim it links; what its needs would meet
   * in the vendor's libraries alone is still worth saying. */
  if (b->links_shim)
    printf("(it links librbdcompat.so.1; relinked against the vendor's"
           " libraries) ");
  if (!b->vendor_missing && !b->vendor_missing_versions) {
    printf("runs: the vendor's libraries have everything it needs\n");
  } else {
    printf("DOES NOT RUN: ");
    if (b->vendor_missing) {
      printf("the vendor's libraries lack %u of %zu: ", b->vendor_missing,
             b->nneeds);
      list_needs(b, vendor_lacks);
      printf(b->vendor_missing_versions ? "; " : "");
    }
    if (b->vendor_missing_versions) {
      printf("they do not define ");
      print_versions(b, 1);
    }
    printf(
        " (%s)\n",
        b->vendor_missing_versions || info->bind_now
            ? "the dynamic linker refuses to load it"
            : "it fails with \"symbol lookup error\" at the first call of one,"
              " or at once if loaded with RTLD_NOW as Python modules are");
  }
  printf("  with librbdcompat:    ");
  if (b->not_exported || b->shim_missing_versions) {
    printf("DOES NOT RUN: librbdcompat lacks ");
    list_needs(b, not_exported);
    if (b->shim_missing_versions) {
      printf("%s", b->not_exported ? "; and " : "");
      print_versions(b, 0);
    }
    printf(" (not part of upstream's C API)\n");
  } else if (b->stubbed) {
    printf("runs, but NOT COVERED: %u function%s answer%s ENOSYS (the vendor"
           " lacks them, no exact emulation exists): ",
           b->stubbed, b->stubbed > 1 ? "s" : "", b->stubbed > 1 ? "" : "s");
    list_needs(b, is_stubbed);
    printf("\n");
  } else if (b->emulated) {
    printf("runs: %u function%s emulated exactly, the others forwarded\n",
           b->emulated, b->emulated > 1 ? "s" : "");
  } else {
    printf("runs: every function forwarded to the vendor\n");
  }
  printf("\n");
}

/* The last line: the verdict and, when it is 1, each reason. */
static void print_result(const struct probe_report *r)
{
  const char *sep = "";
  size_t i;

  if (r->status == PROBE_OK) {
    printf("Result: %s (exit 0)\n",
           r->headers || r->nbins
               ? "nothing needed is missing or uncovered"
               : "vendor libraries loaded; give --binary or --headers for a"
                 " verdict on a program");
    return;
  }
  printf("Result: NOT COVERED (exit 1): ");
  if (r->headers && r->headers->counts[HV_INCOMPATIBLE]) {
    printf("%u incompatible header differences",
           r->headers->counts[HV_INCOMPATIBLE]);
    sep = "; ";
  }
  for (i = 0; i < r->nbins; i++) {
    const struct binary_report *b = &r->bins[i];

    if (!b->stubbed && !b->not_exported && !b->shim_missing_versions)
      continue;
    printf("%s%s needs", sep, b->path);
    if (b->stubbed)
      printf(" %u function%s librbdcompat can only stub", b->stubbed,
             b->stubbed > 1 ? "s" : "");
    if (b->not_exported)
      printf("%s %u it does not export", b->stubbed ? "," : "",
             b->not_exported);
    if (b->shim_missing_versions)
      printf("%s %u symbol version%s it does not define",
             b->stubbed || b->not_exported ? "," : "", b->shim_missing_versions,
             b->shim_missing_versions > 1 ? "s" : "");
    sep = "; ";
  }
  printf("\n");
}

void report_text(const struct probe_opts *o, const struct probe_report *r)
{
  size_t i;

  print_libraries(r);
  print_functions(o, r, RBDCOMPAT_LIB_RBD);
  print_functions(o, r, RBDCOMPAT_LIB_RADOS);
  print_summary(r);
  if (r->headers)
    print_headers(r->headers);
  for (i = 0; i < r->nbins; i++)
    print_binary(o, &r->bins[i]);
  print_result(r);
}
