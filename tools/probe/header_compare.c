/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * --headers DIR: the vendor's C headers against ours.
 *
 * Why compile rather than parse: what matters is what a C compiler makes
 * of the headers -- a constant's value after its macros expand, a
 * structure's size and member offsets with this ABI's padding, whether two
 * prototypes are the same type. So one generated program (header_checks.c,
 * derived from our headers at build time) is compiled with the system's C
 * compiler against the vendor's headers and against ours, both copies are
 * run, and their outputs are compared. The compiler answers; this file
 * only judges the differences:
 *   missing        ours declares it, the vendor's headers do not (a newer
 *                  addition: programs using it need our headers);
 *   removed        a constant the vendor's headers lack although they have
 *                  a later one of its family (gen_probe_data.py
 *                  macro_family()): an old constant the vendor dropped;
 *   incompatible   a different value, size, alignment, member offset or
 *                  type, or prototype: a program built against one set passes
 *                  something the other side reads differently, which no
 *                  shim can translate;
 *   release-dependent  a version or capability macro (LIBRBD_VER_*,
 *                  *_SUPPORTS_*) or a mask made of other constants:
 *                  these differ between any two releases;
 *   uncheckable    defined, but does not compile against the vendor's
 *                  headers (e.g. a mask naming a constant they lack).
 */
#include "report.h"
#include "header_build.h"
#include "header_checks.h"
#include "header_decl.h"
#include "tempdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PROGRAM_FILE "rbdcompat-header-probe.c"
#define MAX_CC_WORDS 32

/* cc split at blanks ("ccache gcc" works). */
static int compiler(const char *cc, char *buf, size_t len, char **argv)
{
  int n = 0;
  char *save = NULL, *w;

  snprintf(buf, len, "%s", cc);
  for (w = strtok_r(buf, " \t", &save); w && n < MAX_CC_WORDS;
       w = strtok_r(NULL, " \t", &save))
    argv[n++] = w;
  argv[n] = NULL;
  return n ? 0 : -1;
}

/* Is path a regular file? A FIFO would make the compiler wait forever
 * and a device (/dev/zero) grow it without end. lseek() and read(), not
 * stat(): see elf_file.c on glibc 2.33's stat symbols. Directories are
 * left to the caller (opendir()). */
static int regular_file(const char *path)
{
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  off_t end;
  char c;
  int ok;

  if (fd < 0)
    return 0;
  end = lseek(fd, 0, SEEK_END);
  /* Size 0: an empty header, or a device that reads as data. */
  ok = end > 0 || (end == 0 && read(fd, &c, 1) == 0);
  close(fd);
  return ok;
}

/* Every entry of DIR/sub that is not a directory must be a regular file
 * (the compiler reads whichever a header includes). */
static int check_entries(const char *dir, const char *sub)
{
  char path[PATH_MAX];
  struct dirent *de;
  DIR *d, *inner;
  int rc = 0;

  snprintf(path, sizeof path, "%s/%s", dir, sub);
  d = opendir(path);
  if (!d)
    return 0; /* check_dir() says what is missing */
  while (!rc && (de = readdir(d))) {
    if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
      continue;
    snprintf(path, sizeof path, "%s/%s/%s", dir, sub, de->d_name);
    inner = opendir(path);
    if (inner) {
      closedir(inner);
      continue;
    }
    if (!regular_file(path)) {
      probe_error("--headers %s: %s/%s is not a regular file (a FIFO, a"
                  " device or unreadable): refusing to compile against it",
                  dir, sub, de->d_name);
      rc = -1;
    }
  }
  closedir(d);
  return rc;
}

/* opendir(), not stat(): see elf_file.c on glibc 2.33's stat symbols. */
static int check_dir(const char *dir)
{
  char path[PATH_MAX];
  DIR *d = opendir(dir);
  unsigned i;

  if (!d) {
    if (errno == ENOTDIR)
      probe_error("--headers %s: not a directory (give the directory"
                  " holding rbd/librbd.h, e.g. /usr/include)",
                  dir);
    else
      probe_error("--headers %s: %s", dir, strerror(errno));
    return -1;
  }
  closedir(d);
  /* The headers a program includes: <rbd/librbd.h>, <rados/librados.h>
   * (the others come through them); librbd.h, the last, first. */
  for (i = our_nheaders; i-- > 0;) {
    if (strcmp(our_headers[i].path, "rbd/librbd.h") &&
        strcmp(our_headers[i].path, "rados/librados.h"))
      continue;
    snprintf(path, sizeof path, "%s/%s", dir, our_headers[i].path);
    if (access(path, R_OK) < 0) {
      probe_error("--headers %s: no readable %s there: not a directory of"
                  " Ceph's C headers",
                  dir, our_headers[i].path);
      return -1;
    }
  }
  return check_entries(dir, "rbd") || check_entries(dir, "rados") ? -1 : 0;
}

static void show(const struct hval *v, char *buf, size_t len)
{
  size_t i, o = 0;

  switch (v->state) {
  case HVAL_UNDEF:
    snprintf(buf, len, "not defined");
    break;
  case HVAL_ERROR:
    snprintf(buf, len, "does not compile");
    break;
  case HVAL_INT:
    if (v->a > 9 && !v->neg)
      snprintf(buf, len, "%llu (0x%llx)", v->a, v->a);
    else
      snprintf(buf, len, "%s%llu", v->neg ? "-" : "", v->a);
    break;
  case HVAL_FLOAT:
    snprintf(buf, len, "%s", v->text ? v->text : "?");
    break;
  case HVAL_STR:
    if (len < 8)
      break;
    buf[o++] = '"';
    for (i = 0; v->text && v->text[i] && o + 6 < len; i++) {
      unsigned char c = (unsigned char)v->text[i];

      if (c < 32 || c > 126 || c == '"' || c == '\\')
        o += (size_t)snprintf(buf + o, len - o, "\\%03o", c);
      else
        buf[o++] = (char)c;
    }
    buf[o++] = '"';
    buf[o] = '\0';
    break;
  case HVAL_SIZE:
    snprintf(buf, len, "size %llu, alignment %llu", v->a, v->b);
    break;
  case HVAL_MEMBER:
    snprintf(buf, len, "offset %llu, size %llu%s", v->a, v->b,
             v->same_type ? "" : ", another type");
    break;
  case HVAL_COMPAT:
    if (v->b)
      snprintf(buf, len, "size %llu", v->b);
    else
      snprintf(buf, len, "%s", v->a ? "same prototype" : "other prototype");
    break;
  default:
    snprintf(buf, len, "nothing");
  }
}

static int same_value(const struct hval *a, const struct hval *b)
{
  if (a->state != b->state)
    return 0;
  switch (a->state) {
  case HVAL_INT:
    return a->neg == b->neg && a->a == b->a;
  case HVAL_FLOAT:
  case HVAL_STR:
    return a->text && b->text && !strcmp(a->text, b->text);
  case HVAL_MEMBER:
    return a->a == b->a && a->b == b->b && a->same_type == b->same_type;
  default:
    return a->a == b->a && a->b == b->b;
  }
}

/* The verdict of one check; *note may get a message to show. */
static unsigned judge(const char *dir, const struct header_check *c,
                      const struct hval *ours, const struct hval *v,
                      int type_missing, char **note)
{
  if (ours->state == HVAL_NONE || ours->state == HVAL_ERROR) {
    *note = strdup("does not compile against librbdcompat's own headers with"
                   " this compiler");
    return HV_UNCHECKABLE;
  }
  if (c->kind == HC_MEMBER && type_missing)
    return HV_COVERED;
  if (v->state == HVAL_UNDEF)
    return HV_MISSING;
  if (v->state == HVAL_ERROR || v->state == HVAL_NONE) {
    *note = v->text ? strdup(v->text) : NULL;
    if (c->kind == HC_MACRO)
      return HV_UNCHECKABLE; /* defined, but its expansion fails */
    /* A struct that is there without our member has another layout. */
    return c->kind == HC_MEMBER ? HV_INCOMPATIBLE : HV_MISSING;
  }
  if (c->kind == HC_FUNCTION || c->kind == HC_TYPEDEF) {
    if (v->a == 1 && v->b == ours->b)
      return HV_SAME;
    *note = header_declaration(dir, c->name);
    return HV_INCOMPATIBLE;
  }
  if (same_value(ours, v))
    return HV_SAME;
  if (c->kind == HC_MACRO && c->cls != HC_PLAIN)
    return HV_EXPECTED;
  return HV_INCOMPATIBLE;
}

static void compare(const char *dir, struct header_report *h,
                    const struct hval *ours, const struct hval *vendor)
{
  int type_missing = 0;
  unsigned i;

  for (i = 0; i < header_nchecks; i++) {
    const struct header_check *c = &header_checks[i];
    struct header_result *r = &h->res[i];

    r->verdict = (unsigned char)judge(dir, c, &ours[i], &vendor[i],
                                      type_missing, &r->note);
    /* Members follow their type in the list. */
    if (c->kind == HC_TYPE)
      type_missing = r->verdict == HV_MISSING;
    else if (c->kind != HC_MEMBER)
      type_missing = 0;
    show(&ours[i], r->ours, sizeof r->ours);
    show(&vendor[i], r->vendor, sizeof r->vendor);
  }
  /* Upstream adds constants at the end of their family: one missing
   * before a later one the vendor has was removed by the vendor. */
  for (i = header_nchecks; i-- > 0;) {
    const struct header_check *c = &header_checks[i];
    unsigned k;

    if (h->res[i].verdict == HV_MISSING && c->family)
      for (k = i + 1; k < header_nchecks; k++)
        if (header_checks[k].family == c->family &&
            h->res[k].verdict != HV_MISSING &&
            h->res[k].verdict != HV_REMOVED) {
          h->res[i].verdict = HV_REMOVED;
          break;
        }
  }
  for (i = 0; i < header_nchecks; i++)
    h->counts[h->res[i].verdict]++;
}

static int write_inputs(const char *work)
{
  char rel[PATH_MAX];
  unsigned i;

  if (tempdir_write(work, PROGRAM_FILE, header_program))
    return -1;
  for (i = 0; i < our_nheaders; i++) {
    snprintf(rel, sizeof rel, "ours-include/%s", our_headers[i].path);
    if (tempdir_write(work, rel, our_headers[i].text))
      return -1;
  }
  return 0;
}

int header_compare(const char *dir, struct header_report *h)
{
  char work[PATH_MAX], inc[PATH_MAX + 16], ccbuf[256], err[1024];
  char *cc[MAX_CC_WORDS + 1];
  struct hval *ours = NULL, *vendor = NULL;
  const char *ccname = getenv("CC"); /* read once (clang-tidy) */
  int rc = PROBE_BAD_INPUT;

  memset(h, 0, sizeof *h);
  h->dir = dir;
  if (check_dir(dir))
    return PROBE_BAD_INPUT;
  if (!ccname || !*ccname)
    ccname = "cc";
  if (compiler(ccname, ccbuf, sizeof ccbuf, cc)) {
    probe_error("--headers: CC is empty");
    return PROBE_BAD_INPUT;
  }
  snprintf(h->compiler, sizeof h->compiler, "%s", ccname);
  if (tempdir_make(work, sizeof work)) {
    probe_error("--headers: cannot make a temporary directory: %s",
                strerror(errno));
    return PROBE_BAD_INPUT;
  }
  ours = calloc(header_nchecks, sizeof *ours);
  vendor = calloc(header_nchecks, sizeof *vendor);
  h->res = calloc(header_nchecks, sizeof *h->res);
  if (!ours || !vendor || !h->res) {
    probe_error("--headers: out of memory");
    goto out;
  }
  if (write_inputs(work)) {
    probe_error("--headers: cannot write in %s: %s", work, strerror(errno));
    goto out;
  }
  snprintf(inc, sizeof inc, "%s/ours-include", work);
  if (header_build(work, "ours", inc, cc, ours, err, sizeof err)) {
    probe_error("--headers: against librbdcompat's own headers: %s", err);
    goto out;
  }
  if (header_build(work, "vendor", dir, cc, vendor, err, sizeof err)) {
    probe_error("--headers %s: %s", dir, err);
    goto out;
  }
  compare(dir, h, ours, vendor);
  rc = PROBE_OK;
out:
  hvals_free(ours);
  hvals_free(vendor);
  tempdir_remove(work);
  return rc;
}

void header_report_free(struct header_report *h)
{
  unsigned i;

  for (i = 0; h->res && i < header_nchecks; i++)
    free(h->res[i].note);
  free(h->res);
  h->res = NULL;
}
