/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A small streaming JSON writer: commas, indentation and escaping. */
#ifndef PROBE_JSON_WRITER_H
#define PROBE_JSON_WRITER_H

#include <stdio.h>

#define JSON_MAX_DEPTH 16

struct json {
  FILE *f;
  int depth;
  int count[JSON_MAX_DEPTH]; /* members written at each level */
};

/* key is the member name inside an object, NULL inside an array. */
void json_open(struct json *j, const char *key, char bracket);
void json_close(struct json *j, char bracket);
void json_str(struct json *j, const char *key,
              const char *value); /* NULL: null */
void json_uint(struct json *j, const char *key, unsigned long long value);
void json_bool(struct json *j, const char *key, int value);

#endif
