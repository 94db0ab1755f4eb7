/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rbd_features_to_string() / rbd_features_from_string(): pure functions of
 * the RBD_FEATURE_* bits and RBD_FEATURE_NAME_* names, so an emulation can
 * give exactly upstream's answers. What upstream does (checked against the
 * Pacific library, call by call):
 *
 * to_string: the names of the set bits, sorted by name (not by bit), joined
 *   by ","; a bit without a name is -EINVAL (size untouched); *size <= the
 *   string's length is -ERANGE with *size = length + 1; else the string,
 *   its NUL, and *size = length + 1.
 * from_string: surrounding white space is ignored; "" is
 *   RBD_FEATURES_DEFAULT. A decimal number (optional + or -, a minus
 *   negating modulo 2^64, no overflow) is taken as bits: unknown bits and
 *   the internal ones (operations, migrating, non-primary, dirty-cache)
 *   are dropped and make the answer -EINVAL. Anything else is a
 *   comma-separated list of names, each trimmed: each known name ADDS its
 *   bit (so a repeated name carries into the next bit, as upstream), an
 *   unknown or empty one makes the answer -EINVAL. *features is written
 *   in every case.
 */
#include "rbdcompat_internal.h"
#include "emu_decls.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

/* Sorted by name: the order upstream's name map iterates in. */
static const struct {
  const char *name;
  uint64_t bit;
} features[] = {
  { RBD_FEATURE_NAME_DATA_POOL, RBD_FEATURE_DATA_POOL },
  { RBD_FEATURE_NAME_DEEP_FLATTEN, RBD_FEATURE_DEEP_FLATTEN },
  { RBD_FEATURE_NAME_DIRTY_CACHE, RBD_FEATURE_DIRTY_CACHE },
  { RBD_FEATURE_NAME_EXCLUSIVE_LOCK, RBD_FEATURE_EXCLUSIVE_LOCK },
  { RBD_FEATURE_NAME_FAST_DIFF, RBD_FEATURE_FAST_DIFF },
  { RBD_FEATURE_NAME_JOURNALING, RBD_FEATURE_JOURNALING },
  { RBD_FEATURE_NAME_LAYERING, RBD_FEATURE_LAYERING },
  { RBD_FEATURE_NAME_MIGRATING, RBD_FEATURE_MIGRATING },
  { RBD_FEATURE_NAME_NON_PRIMARY, RBD_FEATURE_NON_PRIMARY },
  { RBD_FEATURE_NAME_OBJECT_MAP, RBD_FEATURE_OBJECT_MAP },
  { RBD_FEATURE_NAME_OPERATIONS, RBD_FEATURE_OPERATIONS },
  { RBD_FEATURE_NAME_STRIPINGV2, RBD_FEATURE_STRIPINGV2 },
};
#define NFEATURES (sizeof features / sizeof features[0])

/* What a numeric string may not set. */
#define NUMERIC_DROPPED (RBD_FEATURES_INTERNAL | RBD_FEATURES_MUTABLE_INTERNAL)

/* emulation: the names of the bits, sorted by name, joined by ","; -EINVAL
 * for an unnamed bit, -ERANGE (with the size needed) for a short buffer */
int rbdcompat_emu_rbd_features_to_string(uint64_t features_in,
                                         char *str_features, size_t *size)
{
  uint64_t left = features_in;
  size_t len = 0, i;
  char *p;

  if (!size)
    return -EINVAL;
  for (i = 0; i < NFEATURES; i++) {
    if (features_in & features[i].bit) {
      len += (len ? 1 : 0) + strlen(features[i].name);
      left &= ~features[i].bit;
    }
  }
  if (left)
    return -EINVAL;
  if (*size <= len) {
    *size = len + 1;
    return -ERANGE;
  }
  /* len + 1 bytes fit: the names, the commas and the NUL. */
  for (p = str_features, i = 0; i < NFEATURES; i++) {
    if (features_in & features[i].bit) {
      size_t n = strlen(features[i].name);

      if (p != str_features)
        *p++ = ',';
      memcpy(p, features[i].name, n);
      p += n;
    }
  }
  *p = '\0';
  *size = len + 1;
  return 0;
}

static int is_space(char c)
{
  /* The "C" locale's white space: upstream trims with the C++ global
   * locale, which stays "C" unless the program changes it. */
  return c && strchr(" \t\n\v\f\r", c) != NULL;
}

/* [*b, *e) without surrounding white space. */
static void trim(const char **b, const char **e)
{
  while (*b < *e && is_space(**b))
    (*b)++;
  while (*e > *b && is_space((*e)[-1]))
    (*e)--;
}

/* A decimal uint64_t as boost::lexical_cast reads it: [+-]digits, all of
 * the text, no overflow; a minus sign negates modulo 2^64. */
static int parse_number(const char *b, const char *e, uint64_t *out)
{
  int neg = 0;
  uint64_t v = 0;

  if (b < e && (*b == '+' || *b == '-'))
    neg = *b++ == '-';
  if (b == e)
    return -1;
  for (; b < e; b++) {
    unsigned d = (unsigned)(*b - '0');

    if (*b < '0' || *b > '9' || v > (UINT64_MAX - d) / 10)
      return -1;
    v = v * 10 + d;
  }
  *out = neg ? (uint64_t)0 - v : v;
  return 0;
}

static int lookup(const char *b, const char *e, uint64_t *bit)
{
  size_t i, n = (size_t)(e - b);

  for (i = 0; i < NFEATURES; i++) {
    if (strlen(features[i].name) == n && !memcmp(features[i].name, b, n)) {
      *bit = features[i].bit;
      return 0;
    }
  }
  return -1;
}

/* emulation: upstream's parser: trimmed text, "" = default features, a
 * decimal number (unknown and internal bits dropped, -EINVAL), or a
 * comma-separated name list (unknown names -EINVAL); *features is always
 * written */
int rbdcompat_emu_rbd_features_from_string(const char *str_features,
                                           uint64_t *features_out)
{
  const char *b, *e, *tok;
  uint64_t v = 0, bit;
  int bad = 0;

  if (!str_features || !features_out)
    return -EINVAL;
  b = str_features, e = str_features + strlen(str_features);
  trim(&b, &e);
  if (b == e) {
    *features_out = RBD_FEATURES_DEFAULT;
    return 0;
  }
  if (!parse_number(b, e, &v)) {
    bad = (v & ~RBD_FEATURES_ALL) || (v & RBD_FEATURES_ALL & NUMERIC_DROPPED);
    *features_out = v & RBD_FEATURES_ALL & ~NUMERIC_DROPPED;
    return bad ? -EINVAL : 0;
  }
  for (tok = b;; tok++) {
    const char *end = memchr(tok, ',', (size_t)(e - tok));
    const char *tb = tok, *te = end ? end : e;

    trim(&tb, &te);
    if (!lookup(tb, te, &bit))
      v += bit;
    else
      bad = 1;
    if (!end)
      break;
    tok = end;
  }
  *features_out = v;
  return bad ? -EINVAL : 0;
}
