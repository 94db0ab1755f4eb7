/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The omap op builders with key lengths (rados_*_omap_*2), given keys that
 * are not NUL-terminated at their length: set2, get_vals_by_keys2, cmp2
 * (read and write ops) and rm_keys2.
 */
#include "emucmp.h"

#include <string.h>

static void show_all(const char *oid)
{
  rados_read_op_t op = rados_create_read_op();
  rados_omap_iter_t it;
  unsigned char more = 0;
  int prval = -1, r;
  char *k, *v;
  size_t kl, vl;

  rados_read_op_omap_get_vals2(op, "", "", 100, &it, &more, &prval);
  r = rados_read_op_operate(op, io, oid, 0);
  out("  omap: %d prval=%d", r, prval);
  while (r == 0 && rados_omap_get_next2(it, &k, &v, &kl, &vl) == 0 && k)
    out("    %.*s=%.*s", (int)kl, k, (int)vl, v);
  if (r == 0)
    rados_omap_get_end(it);
  rados_release_read_op(op);
}

void section_omap(void)
{
  /* Each key is longer in memory than its length says. */
  const char *keys[] = { "k1XX", "k2X", "k3" };
  const size_t key_lens[] = { 2, 2, 2 };
  const char *vals[] = { "v1", "v2", "v3" };
  const size_t val_lens[] = { 2, 2, 2 };
  const char *get[] = { "k3Q", "k1", "zz" };
  const size_t get_lens[] = { 2, 2, 2 };
  const char *oid = nm("omap");
  rados_write_op_t w;
  rados_read_op_t rd;
  rados_omap_iter_t it;
  int r, prval = 1, prval2 = 1;
  char *k, *v;
  size_t kl, vl;

  w = rados_create_write_op();
  rados_write_op_create(w, LIBRADOS_CREATE_IDEMPOTENT, NULL);
  rados_write_op_omap_set2(w, keys, vals, key_lens, val_lens, 3);
  out("omap_set2: %d", rados_write_op_operate(w, io, oid, NULL, 0));
  rados_release_write_op(w);
  show_all(oid);

  rd = rados_create_read_op();
  rados_read_op_omap_get_vals_by_keys2(rd, get, 3, get_lens, &it, &prval);
  r = rados_read_op_operate(rd, io, oid, 0);
  out("omap_get_vals_by_keys2: %d prval=%d", r, prval);
  while (r == 0 && rados_omap_get_next2(it, &k, &v, &kl, &vl) == 0 && k)
    out("  %.*s=%.*s", (int)kl, k, (int)vl, v);
  if (r == 0)
    rados_omap_get_end(it);
  rados_release_read_op(rd);

  rd = rados_create_read_op();
  rados_read_op_omap_cmp2(rd, "k1Z", LIBRADOS_CMPXATTR_OP_EQ, "v1", 2, 2,
                          &prval);
  r = rados_read_op_operate(rd, io, oid, 0);
  out("read omap_cmp2(k1 == v1): %d prval=%d", r, prval);
  rados_release_read_op(rd);
  rd = rados_create_read_op();
  rados_read_op_omap_cmp2(rd, "k1", LIBRADOS_CMPXATTR_OP_GT, "v9", 2, 2,
                          &prval);
  r = rados_read_op_operate(rd, io, oid, 0);
  out("read omap_cmp2(k1 > v9): %d prval=%d", r, prval);
  rados_release_read_op(rd);

  w = rados_create_write_op();
  rados_write_op_omap_cmp2(w, "k1", LIBRADOS_CMPXATTR_OP_EQ, "v1", 2, 2,
                           &prval);
  rados_write_op_omap_rm_keys2(w, keys + 1, key_lens + 1, 1);
  r = rados_write_op_operate(w, io, oid, NULL, 0);
  out("write omap_cmp2(k1 == v1) + rm_keys2(k2): %d prval=%d", r, prval);
  rados_release_write_op(w);
  w = rados_create_write_op();
  rados_write_op_omap_cmp2(w, "k1", LIBRADOS_CMPXATTR_OP_EQ, "nope", 2, 4,
                           &prval2);
  rados_write_op_omap_rm_keys2(w, keys + 2, key_lens + 2, 1);
  r = rados_write_op_operate(w, io, oid, NULL, 0);
  out("write omap_cmp2(k1 == nope) + rm_keys2(k3): %d prval=%d", r, prval2);
  rados_release_write_op(w);
  show_all(oid);
  out("remove: %d", rados_remove(io, oid));
}
