/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Building the header probe program against one include directory.
 *
 * Every check sits in its own function between #ifndef SKIP_<n> and
 * #endif. The program is compiled; each error the compiler reports is
 * traced to the check whose lines it names (the error line itself, or for
 * an error inside a macro expansion the "in expansion of" note pointing
 * back into the program); those checks get SKIP_<n> in skip.h and the
 * program is compiled again, until it compiles. An error that names no
 * line of the program (the headers themselves are broken) ends it.
 * One function per check also keeps "undeclared identifier" errors from
 * being reported only once per function by gcc.
 */
#include "header_build.h"
#include "header_checks.h"
#include "subprocess.h"
#include "tempdir.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* clang stops after 20 errors per run: enough rounds for every check of a
 * very old header set, not enough to loop for long on a broken compiler. */
#define MAX_ROUNDS 200

struct build {
  const char *work, *tag;
  char src[PATH_MAX], dir[PATH_MAX], prog[PATH_MAX];
  char out[PATH_MAX], log[PATH_MAX];
  struct hval *vals;
};

static char *read_all(const char *path)
{
  FILE *f = fopen(path, "re");
  char *buf = NULL;
  size_t len = 0, cap = 0, n;

  if (!f)
    return NULL;
  do {
    if (cap - len < 4096) {
      char *b = realloc(buf, cap = cap ? cap * 2 : 65536);

      if (!b) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = b;
    }
    n = fread(buf + len, 1, cap - len - 1, f);
    len += n;
  } while (n);
  fclose(f);
  buf[len] = '\0';
  return buf;
}

/* The check that line (of compiler output) points into, or -1. */
static int check_of(const struct build *b, const char *line)
{
  size_t n = strlen(b->src);
  const char *p = line;

  while ((p = strstr(p, b->src))) {
    char *end;
    unsigned long no;

    p += n;
    if (*p != ':')
      continue;
    no = strtoul(p + 1, &end, 10);
    if (end == p + 1 || *end != ':' || no == 0 || no > header_program_lines)
      continue;
    if (header_program_owner[no - 1])
      return header_program_owner[no - 1] - 1;
  }
  return -1;
}

static void set_error(struct build *b, int check, const char *msg)
{
  struct hval *v = &b->vals[check];
  const char *end = strchr(msg, '\n');
  size_t len = end ? (size_t)(end - msg) : strlen(msg);

  v->state = HVAL_ERROR;
  free(v->text);
  v->text = strndup(msg, len);
}

/* Mark the checks the compiler complained about. Returns how many new
 * ones; *unmapped gets the first error that names no check. */
static int mark_errors(struct build *b, char *log, char *unmapped, size_t ulen)
{
  char *line, *save = NULL, *msg = NULL;
  int group = -1, found = 0, in_group = 0;

  unmapped[0] = '\0';
  for (line = strtok_r(log, "\n", &save);; line = strtok_r(NULL, "\n", &save)) {
    char *e = line ? strstr(line, "error: ") : NULL;
    int is_error = e && (strstr(line, ": error: ") ||
                         strstr(line, ": fatal error: "));

    if (!line || is_error) {
      /* The previous group ends. */
      if (in_group && group >= 0 && b->vals[group].state != HVAL_ERROR) {
        set_error(b, group, msg);
        found++;
      } else if (in_group && group < 0 && !unmapped[0]) {
        snprintf(unmapped, ulen, "%s", msg);
      }
      if (!line)
        break;
      in_group = 1;
      msg = e + strlen("error: ");
      group = check_of(b, line);
      continue;
    }
    if (in_group && group < 0 && strstr(line, ": note: "))
      group = check_of(b, line);
  }
  return found;
}

static int write_skips(struct build *b)
{
  size_t cap = 64, len = 0;
  char *text = malloc(cap);
  char rel[PATH_MAX];
  unsigned i;
  int rc;

  if (!text)
    return -1;
  text[0] = '\0';
  for (i = 0; i < header_nchecks; i++) {
    if (b->vals[i].state != HVAL_ERROR)
      continue;
    if (cap - len < 32) {
      char *t = realloc(text, cap *= 2);

      if (!t) {
        free(text);
        return -1;
      }
      text = t;
    }
    len += (size_t)snprintf(text + len, cap - len, "#define SKIP_%u\n", i);
  }
  snprintf(rel, sizeof rel, "%s/skip.h", b->tag);
  rc = tempdir_write(b->work, rel, text);
  free(text);
  return rc;
}

static int compile(struct build *b, char *const *cc, const char *incdir,
                   char *err, size_t errlen)
{
  char *argv[64], unmapped[512], first[256];
  int n = 0, round, rc;

  for (; n < 50 && cc[n]; n++)
    argv[n] = cc[n];
  argv[n++] = "-std=gnu11";
  argv[n++] = "-w"; /* deprecation warnings are not the point */
  argv[n++] = "-I";
  argv[n++] = b->dir; /* skip.h */
  argv[n++] = "-I";
  argv[n++] = (char *)incdir;
  argv[n++] = "-o";
  argv[n++] = b->prog;
  argv[n++] = b->src;
  argv[n] = NULL;
  for (round = 0; round < MAX_ROUNDS; round++) {
    char *log;
    int found;

    if (write_skips(b)) {
      snprintf(err, errlen, "cannot write in %s: %s", b->dir, strerror(errno));
      return -1;
    }
    rc = spawn_wait(argv, "/dev/null", b->log);
    if (rc < 0) {
      snprintf(err, errlen, "cannot run the C compiler %s: %s (set CC)", cc[0],
               strerror(errno));
      return -1;
    }
    if (rc == 0)
      return 0;
    if (rc == SPAWN_TIMED_OUT) {
      snprintf(err, errlen,
               "%s did not finish within %d s and was stopped"
               " (a header that never ends: a FIFO or a device included?)",
               cc[0], SPAWN_WALL_SECONDS);
      return -1;
    }
    if (rc > 128) {
      snprintf(err, errlen,
               "%s was killed by signal %d (it may use %llu MiB"
               " and %d s of CPU: a header that never ends, such as"
               " /dev/zero, included?)",
               cc[0], rc - 128, SPAWN_MEMORY_LIMIT >> 20, SPAWN_CPU_SECONDS);
      return -1;
    }
    log = read_all(b->log);
    if (!log) {
      snprintf(err, errlen, "cannot read %s", b->log);
      return -1;
    }
    /* A compiler failing without an "error:" line (cc1 out of memory)
     * says why in its first line. */
    snprintf(first, sizeof first, "%.*s",
             (int)strcspn(log + strspn(log, "\n"), "\n"),
             log + strspn(log, "\n"));
    found = mark_errors(b, log, unmapped, sizeof unmapped);
    free(log);
    if (!found) {
      if (!unmapped[0])
        snprintf(unmapped, sizeof unmapped, "%s", first);
      snprintf(err, errlen, "%s failed (status %d)%s%s", cc[0], rc,
               unmapped[0] ? ": " : "", unmapped);
      return -1;
    }
  }
  snprintf(err, errlen, "%s: still failing after %d rounds", cc[0], round);
  return -1;
}

static int hexval(int c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

static char *unhex(const char *s)
{
  size_t n = strlen(s) / 2, i;
  char *out = malloc(n + 1);

  if (!out)
    return NULL;
  for (i = 0; i < n; i++) {
    int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);

    if (hi < 0 || lo < 0)
      break;
    out[i] = (char)(hi << 4 | lo);
  }
  out[i] = '\0';
  return out;
}

static void parse_line(struct build *b, char *line)
{
  char kind[16], rest[512] = "";
  unsigned long n;
  unsigned long long x = 0, y = 0;
  struct hval *v;
  int got;

  got = sscanf(line, "%lu %15s %511[^\n]", &n, kind, rest);
  if (got < 2 || n >= header_nchecks)
    return;
  v = &b->vals[n];
  if (!strcmp(kind, "undef")) {
    v->state = HVAL_UNDEF;
  } else if (!strcmp(kind, "i")) {
    long long s = strtoll(rest, NULL, 10);

    v->state = HVAL_INT;
    v->neg = s < 0;
    v->a = s < 0 ? 0ULL - (unsigned long long)s : (unsigned long long)s;
  } else if (!strcmp(kind, "u")) {
    v->state = HVAL_INT;
    v->a = strtoull(rest, NULL, 10);
  } else if (!strcmp(kind, "f") || !strcmp(kind, "s")) {
    v->state = kind[0] == 'f' ? HVAL_FLOAT : HVAL_STR;
    v->text = kind[0] == 'f' ? strdup(rest) : unhex(rest);
  } else {
    int same = 1;

    sscanf(rest, "%llu %llu %d", &x, &y, &same);
    v->a = x;
    v->b = y;
    v->same_type = same != 0;
    if (!strcmp(kind, "size"))
      v->state = HVAL_SIZE;
    else if (!strcmp(kind, "member"))
      v->state = HVAL_MEMBER;
    else if (!strcmp(kind, "compat"))
      v->state = HVAL_COMPAT;
  }
}

static int run(struct build *b, char *err, size_t errlen)
{
  char *argv[] = { b->prog, NULL };
  char *out, *line, *save = NULL;
  int rc = spawn_wait(argv, b->out, b->log);

  if (rc < 0) {
    snprintf(err, errlen,
             "cannot run the header probe program in %s: %s"
             " (is TMPDIR on a noexec file system?)",
             b->dir, strerror(errno));
    return -1;
  }
  if (rc != 0) {
    snprintf(err, errlen, "the header probe program failed (status %d)", rc);
    return -1;
  }
  out = read_all(b->out);
  if (!out) {
    snprintf(err, errlen, "cannot read %s", b->out);
    return -1;
  }
  for (line = strtok_r(out, "\n", &save); line;
       line = strtok_r(NULL, "\n", &save))
    parse_line(b, line);
  free(out);
  return 0;
}

int header_build(const char *work, const char *tag, const char *incdir,
                 char *const *cc, struct hval *vals, char *err, size_t errlen)
{
  struct build b = { .work = work, .tag = tag, .vals = vals };

  snprintf(b.src, sizeof b.src, "%s/rbdcompat-header-probe.c", work);
  snprintf(b.dir, sizeof b.dir, "%s/%s", work, tag);
  snprintf(b.prog, sizeof b.prog, "%s/%s/probe", work, tag);
  snprintf(b.out, sizeof b.out, "%s/%s/probe.out", work, tag);
  snprintf(b.log, sizeof b.log, "%s/%s/cc.log", work, tag);
  if (compile(&b, cc, incdir, err, errlen))
    return -1;
  return run(&b, err, errlen);
}

void hvals_free(struct hval *vals)
{
  unsigned i;

  for (i = 0; vals && i < header_nchecks; i++)
    free(vals[i].text);
  free(vals);
}
