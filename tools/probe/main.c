/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rbdcompat-probe: what the vendor's Ceph libraries have, what a program
 * needs from them, and how the vendor's headers differ from upstream's.
 *
 * Everything is checked before anything is printed: bad input ends the
 * run with one line on stderr and status 2, never with half a report.
 */
#include "report.h"
#include "usage.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse(int argc, char **argv, struct probe_opts *o)
{
  enum {
    OPT_LIBRBD = 256,
    OPT_LIBRADOS,
    OPT_HEADERS,
    OPT_BINARY,
    OPT_JSON,
    OPT_BRIEF
  };
  static const struct option longopts[] = {
    { "librbd", required_argument, NULL, OPT_LIBRBD },
    { "librados", required_argument, NULL, OPT_LIBRADOS },
    { "headers", required_argument, NULL, OPT_HEADERS },
    { "binary", required_argument, NULL, OPT_BINARY },
    { "json", no_argument, NULL, OPT_JSON },
    { "brief", no_argument, NULL, OPT_BRIEF },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 },
  };
  int c;

  o->binaries = calloc((size_t)argc + 1, sizeof *o->binaries);
  if (!o->binaries)
    return PROBE_BAD_INPUT;
  opterr = 0; /* our own one-line messages */
  while ((c = getopt_long(argc, argv, ":hV", longopts, NULL)) != -1) {
    switch (c) {
    case OPT_LIBRBD:
      o->librbd = optarg;
      break;
    case OPT_LIBRADOS:
      o->librados = optarg;
      break;
    case OPT_HEADERS:
      o->headers = optarg;
      break;
    case OPT_BINARY:
      o->binaries[o->nbinaries++] = optarg;
      break;
    case OPT_JSON:
      o->json = 1;
      break;
    case OPT_BRIEF:
      o->brief = 1;
      break;
    case 'h':
      usage(stdout);
      exit(PROBE_OK);
    case 'V':
      printf("%s %s\n", PROBE_NAME, PROBE_VERSION);
      exit(PROBE_OK);
    case ':':
      probe_error("%s needs an argument; see --help", argv[optind - 1]);
      return PROBE_BAD_INPUT;
    default:
      probe_error("unknown option %s; see --help", argv[optind - 1]);
      return PROBE_BAD_INPUT;
    }
  }
  if (optind < argc) {
    probe_error("unexpected argument %s (files to look at go after"
                " --binary); see --help",
                argv[optind]);
    return PROBE_BAD_INPUT;
  }
  return PROBE_OK;
}

static int verdict(const struct probe_report *r)
{
  size_t i;

  if (r->headers && r->headers->counts[HV_INCOMPATIBLE])
    return PROBE_LACKING;
  for (i = 0; i < r->nbins; i++) {
    const struct binary_report *b = &r->bins[i];

    if (b->stubbed || b->not_exported || b->shim_missing_versions)
      return PROBE_LACKING;
  }
  return PROBE_OK;
}

int main(int argc, char **argv)
{
  struct probe_opts o = { 0 };
  struct probe_report r = { 0 };
  struct header_report h;
  int rc;
  size_t i;

  /* The shared loader would also warn on stderr; the probe reports
   * loading problems itself, in one line. */
  setenv("RBDCOMPAT_LOG", "off", 1);
  rc = parse(argc, argv, &o);
  if (rc == PROBE_OK)
    rc = vendor_check(&o, &r);
  if (rc == PROBE_OK && o.nbinaries) {
    r.bins = calloc(o.nbinaries, sizeof *r.bins);
    if (!r.bins) {
      probe_error("out of memory");
      rc = PROBE_BAD_INPUT;
    }
  }
  for (i = 0; rc == PROBE_OK && i < o.nbinaries; i++) {
    rc = binary_check(o.binaries[i], &r, &r.bins[i]);
    r.nbins = i + 1;
  }
  if (rc == PROBE_OK && o.headers) {
    rc = header_compare(o.headers, &h);
    r.headers = &h;
  }
  if (rc == PROBE_OK) {
    r.status = verdict(&r);
    if (o.json)
      report_json(&o, &r);
    else
      report_text(&o, &r);
    rc = r.status;
  }
  for (i = 0; i < r.nbins; i++)
    binary_report_free(&r.bins[i]);
  free(r.bins);
  if (r.headers)
    header_report_free(r.headers);
  free(r.fns);
  free(o.binaries);
  if (fflush(stdout) != 0 || ferror(stdout)) {
    probe_error("cannot write the report");
    return PROBE_BAD_INPUT;
  }
  return rc;
}
