/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The probe's findings: filled by vendor_check.c, binary_check.c and
 * header_compare.c, printed by report_text.c or report_json.c. Nothing is
 * printed before everything is known, so that bad input gives one line on
 * stderr and no half report.
 */
#ifndef PROBE_REPORT_H
#define PROBE_REPORT_H

#include <limits.h>
#include <stddef.h>

#include "rbdcompat_internal.h"
#include "elf_file.h"

#define PROBE_NAME "rbdcompat-probe"

/* Exit statuses (also in the man page). */
enum { PROBE_OK = 0, PROBE_LACKING = 1, PROBE_BAD_INPUT = 2 };

/* What a call of a row does under the shim. */
enum fn_status {
  FN_PRESENT,  /* forwarded to the vendor's definition */
  FN_EMULATED, /* the vendor lacks it: exact emulation */
  FN_STUBBED,  /* the vendor lacks it: the stub answers (ENOSYS) */
};

struct probe_opts {
  const char *librbd, *librados; /* --librbd / --librados, or NULL */
  const char *headers;           /* --headers DIR, or NULL */
  const char **binaries;         /* --binary FILE... */
  size_t nbinaries;
  int json, brief;
};

struct lib_report {
  const char *soname;        /* what consumers link: librbd.so.1 */
  const char *name;          /* librbd */
  const char *how;           /* how it was found, for the report */
  char path[PATH_MAX];       /* as loaded */
  char file[PATH_MAX];       /* the file itself (symlinks resolved) */
  char elf_soname[256];      /* its DT_SONAME, "" if none */
  char api_version[32];      /* rbd_version()/rados_version(), "" if none */
  char ceph_version[128];    /* ceph_version_to_str(), "" if unavailable */
  char release[32];          /* "pacific", "" if unknown */
  char rados_from[PATH_MAX]; /* librbd: the librados its calls reach, when
                                that is not the file listed for librados */
  unsigned short machine;
  unsigned char elfclass, big_endian;
  unsigned char versioned; /* it defines symbol versions */
  char *verdef[32];        /* the versions it defines */
  unsigned nverdef;
  unsigned rows, missing, emulated, stubbed, disabled;
};

struct fn_result {
  unsigned char status;     /* enum fn_status */
  unsigned char vendor_has; /* the vendor defines it */
  unsigned char disabled;   /* named by RBDCOMPAT_DISABLE */
};

/* One rbd_ / rados_ function a binary needs. */
struct need_result {
  const struct elf_symref *ref;
  int row;           /* its row, or -1: librbdcompat does not export it */
  unsigned char lib; /* enum rbdcompat_lib */
  unsigned char vendor_has;
  unsigned char status; /* with the shim (row >= 0): enum fn_status */
};

/* A symbol version a binary needs from librbd.so.1 / librados.so.2: the
 * dynamic linker refuses to start it if the library does not define it. */
struct version_result {
  const char *file, *version;
  unsigned char vendor_has, shim_has;
};

struct binary_report {
  const char *path;
  struct elf_file elf;
  char what[160]; /* "ELF64 little-endian x86-64 ..." */
  struct need_result *needs;
  size_t nneeds;
  struct version_result *versions;
  size_t nversions;
  unsigned char links_rbd, links_rados; /* DT_NEEDED names them */
  unsigned char links_shim;             /* DT_NEEDED librbdcompat.so.1 */
  /* Without the shim: needs the vendor lacks, versions it does not define. */
  unsigned vendor_missing, vendor_missing_versions;
  /* With the shim. */
  unsigned emulated, stubbed, not_exported, shim_missing_versions;
  unsigned weak_missing; /* weak needs nobody provides */
};

/* --headers: see header_compare.c for the verdicts. */
enum header_verdict {
  HV_SAME,
  HV_MISSING,      /* ours has it, the vendor's headers do not */
  HV_EXPECTED,     /* differs, as between any two releases */
  HV_UNCHECKABLE,  /* defined, but does not compile against them */
  HV_INCOMPATIBLE, /* other value, size, offset or prototype */
  HV_COVERED,      /* a member of a type the vendor lacks: said there */
  HV_REMOVED,      /* missing, but older than them: the vendor removed it */
};

struct header_result {
  unsigned char verdict;
  char ours[128], vendor[128]; /* the values, for differences */
  char *note;                  /* compiler message or vendor declaration */
};

struct header_report {
  const char *dir;
  char compiler[256];
  struct header_result *res; /* one per header_checks[] */
  unsigned counts[HV_REMOVED + 1];
};

struct probe_report {
  struct lib_report libs[RBDCOMPAT_NLIBS];
  struct fn_result *fns; /* one per rbdcompat_fns[] row */
  struct binary_report *bins;
  size_t nbins;
  struct header_report *headers; /* NULL without --headers */
  int status;                    /* exit status */
};

/* One line on stderr: "rbdcompat-probe: ..." (errors.c). */
void probe_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* vendor_check.c: load the vendor libraries and check every row. Returns
 * PROBE_OK or PROBE_BAD_INPUT (said on stderr). */
int vendor_check(const struct probe_opts *o, struct probe_report *r);

/* binary_check.c: what one binary needs. PROBE_OK or PROBE_BAD_INPUT. */
int binary_check(const char *path, const struct probe_report *r,
                 struct binary_report *b);
void binary_report_free(struct binary_report *b);

/* header_compare.c: compare DIR's headers with ours. PROBE_OK or
 * PROBE_BAD_INPUT; the verdicts are in *h. */
int header_compare(const char *dir, struct header_report *h);
void header_report_free(struct header_report *h);

void report_text(const struct probe_opts *o, const struct probe_report *r);
void report_json(const struct probe_opts *o, const struct probe_report *r);

/* rows.c: questions about the function table. */
int row_find(const char *name, const char *version);
int row_for_symbol(const char *name, const char *version);
int since_major(const char *since);
const char *release_name(int major);
const char *fn_status_name(unsigned status);
const char *stub_answer(const struct rbdcompat_fn *fn);
const char *lib_name(unsigned lib);
const char *header_verdict_name(unsigned verdict);

/* Rows of lib introduced per major release, for the summaries. */
struct release_count {
  int major;
  unsigned total, missing, emulated, stubbed;
};
size_t release_counts(const struct probe_report *r, unsigned lib,
                      struct release_count *out, size_t max);

#endif
