/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The Nautilus omap op builders with explicit key lengths, through their
 * Luminous forms, which take NUL-terminated keys. librados copies keys and
 * values into the op as it is built, so temporary NUL-terminated copies of
 * the keys can be freed right after the call.
 *
 * A key holding a NUL byte has no NUL-terminated form. Upstream would
 * send it; here the op is made to fail as a whole instead of silently
 * acting on a different key (shim/op_fail.c: a step the OSD rejects, so
 * nothing of the op is applied; its status goes to the function's prval
 * when it has one).
 * rados_omap_get_next2() is not emulated: rados_omap_get_next() does not
 * say how long a key is.
 */
#include "rbdcompat_internal.h"
#include "emu_decls.h"
#include "family.h"

#include <stdlib.h>
#include <string.h>

static char **copy_keys(char const *const *keys, const size_t *key_lens,
                        size_t n)
{
  char **out = calloc(n ? n : 1, sizeof *out);
  size_t i;

  if (!out)
    return NULL;
  for (i = 0; i < n; i++) {
    if (memchr(keys[i], '\0', key_lens[i]) ||
        !(out[i] = malloc(key_lens[i] + 1))) {
      while (i--)
        free(out[i]);
      free(out);
      return NULL;
    }
    memcpy(out[i], keys[i], key_lens[i]);
    out[i][key_lens[i]] = '\0';
  }
  return out;
}

static void free_keys(char **keys, size_t n)
{
  size_t i;

  for (i = 0; i < n; i++)
    free(keys[i]);
  free(keys);
}

static void fail_write_op(rados_write_op_t op, int *prval)
{
  rbdcompat_fail_write_op(op, prval);
}

static void fail_read_op(rados_read_op_t op, int *prval)
{
  rbdcompat_fail_read_op(op, prval);
}

/* emulation: rados_write_op_omap_set() with NUL-terminated copies of the
 * keys; a key holding a NUL byte fails the whole op instead */
void rbdcompat_emu_rados_write_op_omap_set2(rados_write_op_t write_op,
                                            char const *const *keys,
                                            char const *const *vals,
                                            const size_t *key_lens,
                                            const size_t *val_lens, size_t num)
{
  char **k = copy_keys(keys, key_lens, num);

  if (!k) {
    fail_write_op(write_op, NULL);
    return;
  }
  rados_write_op_omap_set(write_op, (char const *const *)k, vals, val_lens,
                          num);
  free_keys(k, num);
}

/* emulation: rados_write_op_omap_rm_keys() with NUL-terminated copies of
 * the keys; a key holding a NUL byte fails the whole op instead */
void rbdcompat_emu_rados_write_op_omap_rm_keys2(rados_write_op_t write_op,
                                                char const *const *keys,
                                                const size_t *key_lens,
                                                size_t keys_len)
{
  char **k = copy_keys(keys, key_lens, keys_len);

  if (!k) {
    fail_write_op(write_op, NULL);
    return;
  }
  rados_write_op_omap_rm_keys(write_op, (char const *const *)k, keys_len);
  free_keys(k, keys_len);
}

/* emulation: rados_write_op_omap_cmp() with a NUL-terminated copy of the
 * key; a key holding a NUL byte fails the whole op instead */
void rbdcompat_emu_rados_write_op_omap_cmp2(rados_write_op_t write_op,
                                            const char *key,
                                            uint8_t comparison_operator,
                                            const char *val, size_t key_len,
                                            size_t val_len, int *prval)
{
  char **k = copy_keys(&key, &key_len, 1);

  if (!k) {
    fail_write_op(write_op, prval);
    return;
  }
  rados_write_op_omap_cmp(write_op, k[0], comparison_operator, val, val_len,
                          prval);
  free_keys(k, 1);
}

/* emulation: rados_read_op_omap_cmp() with a NUL-terminated copy of the
 * key; a key holding a NUL byte fails the whole op instead */
void rbdcompat_emu_rados_read_op_omap_cmp2(rados_read_op_t read_op,
                                           const char *key,
                                           uint8_t comparison_operator,
                                           const char *val, size_t key_len,
                                           size_t val_len, int *prval)
{
  char **k = copy_keys(&key, &key_len, 1);

  if (!k) {
    fail_read_op(read_op, prval);
    return;
  }
  rados_read_op_omap_cmp(read_op, k[0], comparison_operator, val, val_len,
                         prval);
  free_keys(k, 1);
}

/* emulation: rados_read_op_omap_get_vals_by_keys() with NUL-terminated
 * copies of the keys; a key holding a NUL byte fails the whole op instead
 * (the caller still gets an iterator to release) */
void rbdcompat_emu_rados_read_op_omap_get_vals_by_keys2(
    rados_read_op_t read_op, char const *const *keys, size_t num_keys,
    const size_t *key_lens, rados_omap_iter_t *iter, int *prval)
{
  char **k = copy_keys(keys, key_lens, num_keys);

  if (!k) {
    rados_read_op_omap_get_vals_by_keys(read_op, NULL, 0, iter, NULL);
    fail_read_op(read_op, prval);
    return;
  }
  rados_read_op_omap_get_vals_by_keys(read_op, (char const *const *)k, num_keys,
                                      iter, prval);
  free_keys(k, num_keys);
}
