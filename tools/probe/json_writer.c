/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * JSON output for --json. Strings are escaped per RFC 8259; bytes that are
 * not valid UTF-8 cannot come from the inputs we print (names from ELF
 * string tables could, in a hostile file), so any byte >= 0x80 is written
 * as \u00XX of its Latin-1 reading: the output stays valid JSON.
 */
#include "json_writer.h"

static void indent(struct json *j)
{
  int i;

  fputc('\n', j->f);
  for (i = 0; i < j->depth; i++)
    fputs("  ", j->f);
}

static void escaped(FILE *f, const char *s)
{
  fputc('"', f);
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;

    if (c == '"' || c == '\\')
      fprintf(f, "\\%c", c);
    else if (c == '\n')
      fputs("\\n", f);
    else if (c == '\t')
      fputs("\\t", f);
    else if (c < 0x20 || c >= 0x80)
      fprintf(f, "\\u%04x", c);
    else
      fputc(c, f);
  }
  fputc('"', f);
}

static void member(struct json *j, const char *key)
{
  if (j->depth > 0) {
    if (j->count[j->depth]++)
      fputc(',', j->f);
    indent(j);
  }
  if (key) {
    escaped(j->f, key);
    fputs(": ", j->f);
  }
}

void json_open(struct json *j, const char *key, char bracket)
{
  member(j, key);
  fputc(bracket, j->f);
  if (j->depth + 1 < JSON_MAX_DEPTH)
    j->depth++;
  j->count[j->depth] = 0;
}

void json_close(struct json *j, char bracket)
{
  int empty = j->count[j->depth] == 0;

  if (j->depth > 0)
    j->depth--;
  if (!empty)
    indent(j);
  fputc(bracket, j->f);
  if (j->depth == 0)
    fputc('\n', j->f);
}

void json_str(struct json *j, const char *key, const char *value)
{
  member(j, key);
  if (value)
    escaped(j->f, value);
  else
    fputs("null", j->f);
}

void json_uint(struct json *j, const char *key, unsigned long long value)
{
  member(j, key);
  fprintf(j->f, "%llu", value);
}

void json_bool(struct json *j, const char *key, int value)
{
  member(j, key);
  fputs(value ? "true" : "false", j->f);
}
