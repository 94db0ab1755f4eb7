/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Finding a declaration in the vendor's headers, to show it next to ours
 * when a prototype or a typedef differs. Display only: the verdict comes
 * from the compiler (header_build.c), never from this text search.
 */
#include "header_decl.h"
#include "header_checks.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Export markers in front of upstream's declarations: noise here. */
static const char *const api_macros[] = { "CEPH_RBD_API ", "CEPH_RADOS_API " };

static char *slurp(const char *path)
{
  FILE *f = fopen(path, "re");
  long n;
  char *buf;

  if (!f)
    return NULL;
  if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || n > (1L << 24) ||
      fseek(f, 0, SEEK_SET)) {
    fclose(f);
    return NULL;
  }
  buf = malloc((size_t)n + 1);
  if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
    free(buf);
    buf = NULL;
  }
  if (buf)
    buf[n] = '\0';
  fclose(f);
  return buf;
}

/* Blank out comments and preprocessor lines, keeping offsets. */
static void blank(char *s)
{
  char *p = s;
  int bol = 1;

  while (*p) {
    if (p[0] == '/' && p[1] == '*') {
      char *e = strstr(p + 2, "*/");
      char *end = e ? e + 2 : p + strlen(p);

      memset(p, ' ', (size_t)(end - p));
      p = end;
    } else if ((p[0] == '/' && p[1] == '/') || (bol && *p == '#')) {
      while (*p && *p != '\n') {
        /* a continued preprocessor line goes on after "\\\n" */
        if (p[0] == '\\' && p[1] == '\n')
          *p++ = ' ';
        *p++ = ' ';
      }
    } else {
      if (*p == '\n')
        bol = 1;
      else if (!isspace((unsigned char)*p))
        bol = 0;
      p++;
    }
  }
}

static int ident(int c)
{
  return isalnum(c) || c == '_';
}

/* The statement of s containing the declaration of name, whitespace
 * collapsed and the export macros left out. */
static char *statement(const char *s, const char *name)
{
  size_t n = strlen(name);
  const char *p = s;

  while ((p = strstr(p, name))) {
    const char *q = p + n, *start, *end;
    char *out, *o;

    if ((p > s && ident((unsigned char)p[-1])) || ident((unsigned char)*q)) {
      p = q;
      continue;
    }
    while (isspace((unsigned char)*q))
      q++;
    if (*q != '(' && *q != ')' && *q != ';') {
      p += n;
      continue;
    }
    for (start = p; start > s && !strchr(";{}", start[-1]); start--)
      ;
    end = strchr(p, ';');
    if (!end)
      return NULL;
    out = o = malloc((size_t)(end - start) + 2);
    if (!out)
      return NULL;
    for (; start <= end; start++) {
      if (isspace((unsigned char)*start)) {
        if (o > out && o[-1] != ' ')
          *o++ = ' ';
      } else {
        *o++ = *start;
      }
    }
    *o = '\0';
    for (size_t k = 0; k < sizeof api_macros / sizeof api_macros[0]; k++) {
      size_t mlen = strlen(api_macros[k]);
      char *hit = strstr(out, api_macros[k]);

      if (hit)
        memmove(hit, hit + mlen, strlen(hit + mlen) + 1);
    }
    o = out;
    while (*o == ' ')
      o++;
    memmove(out, o, strlen(o) + 1);
    return out;
  }
  return NULL;
}

char *header_declaration(const char *dir, const char *name)
{
  char path[PATH_MAX], *text, *found = NULL;
  size_t i;

  /* The vendor's files of the names ours have (our_headers). */
  for (i = 0; !found && i < our_nheaders; i++) {
    if (snprintf(path, sizeof path, "%s/%s", dir, our_headers[i].path) >=
        (int)sizeof path)
      continue;
    text = slurp(path);
    if (!text)
      continue;
    blank(text);
    found = statement(text, name);
    free(text);
  }
  return found;
}
