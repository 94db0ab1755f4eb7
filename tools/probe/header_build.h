/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Compiling the header probe program (header_checks.h) against one set of
 * headers and reading what it prints.
 */
#ifndef PROBE_HEADER_BUILD_H
#define PROBE_HEADER_BUILD_H

#include <stddef.h>

enum hval_state {
  HVAL_NONE,   /* nothing printed */
  HVAL_ERROR,  /* the check did not compile: text is the compiler's word */
  HVAL_UNDEF,  /* a macro these headers do not define */
  HVAL_INT,    /* neg, a: the value */
  HVAL_FLOAT,  /* text: printed with %La */
  HVAL_STR,    /* text: the string */
  HVAL_SIZE,   /* a: sizeof, b: alignment */
  HVAL_MEMBER, /* a: offset, b: size, same_type: ours (1/0) */
  HVAL_COMPAT, /* a: types compatible (1/0); b: sizeof (typedefs) */
};

struct hval {
  unsigned char state;
  unsigned char neg;
  unsigned char same_type;
  unsigned long long a, b;
  char *text;
};

/* Compile work/probe.c (already written there) with cc (argv prefix, NULL
 * terminated) against incdir, in work/tag, leaving out the checks that do
 * not compile, run it, and fill vals[header_nchecks]. Returns 0, or -1
 * with err saying why (compiler missing, headers broken beyond single
 * checks, program crashed). */
int header_build(const char *work, const char *tag, const char *incdir,
                 char *const *cc, struct hval *vals, char *err, size_t errlen);

void hvals_free(struct hval *vals);

#endif
