/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A vendor librados with only the older calls the emulations use (see
 * emu_state.h), recording what they are asked.
 */
#include "emu_state.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include <rados/librados.h>

#define EXPORT __attribute__((visibility("default")))

EXPORT void rados_version(int *major, int *minor, int *extra)
{
  *major = 3, *minor = 0, *extra = 0;
}

EXPORT int rados_aio_create_completion(void *cb_arg,
                                       rados_callback_t cb_complete,
                                       rados_callback_t cb_safe,
                                       rados_completion_t *pc)
{
  emu_record("rados_aio_create_completion");
  emu.p[0] = cb_arg;
  emu.p[1] = (const void *)(uintptr_t)cb_complete;
  emu.p[2] = (const void *)(uintptr_t)cb_safe;
  *pc = (rados_completion_t)0x77;
  return emu.ret;
}

EXPORT int rados_blacklist_add(rados_t cluster, char *client_address,
                               uint32_t expire_seconds)
{
  emu_record("rados_blacklist_add");
  emu.p[0] = cluster;
  emu_str(0, client_address);
  emu.u[0] = expire_seconds;
  return emu.ret;
}

EXPORT void rados_set_osdmap_full_try(rados_ioctx_t io)
{
  emu_record("rados_set_osdmap_full_try");
  emu.p[0] = io;
}

EXPORT void rados_unset_osdmap_full_try(rados_ioctx_t io)
{
  emu_record("rados_unset_osdmap_full_try");
  emu.p[0] = io;
}

/* The op builders record up to EMU_MAX_STR keys and, in u[], how many. */
static void keys(char const *const *k, size_t n)
{
  size_t i;

  for (i = 0; i < n && i < EMU_MAX_STR; i++)
    emu_str((int)i, k[i]);
  emu.u[0] = n;
}

EXPORT void rados_write_op_omap_set(rados_write_op_t op, char const *const *k,
                                    char const *const *vals, const size_t *lens,
                                    size_t num)
{
  emu_record("rados_write_op_omap_set");
  keys(k, num);
  emu.p[0] = op, emu.p[1] = vals, emu.p[2] = lens;
}

EXPORT void rados_write_op_omap_rm_keys(rados_write_op_t op,
                                        char const *const *k, size_t n)
{
  emu_record("rados_write_op_omap_rm_keys");
  keys(k, n);
  emu.p[0] = op;
}

EXPORT void rados_write_op_omap_cmp(rados_write_op_t op, const char *key,
                                    uint8_t comparison_operator,
                                    const char *val, size_t val_len, int *prval)
{
  emu_record("rados_write_op_omap_cmp");
  emu_str(0, key);
  emu.u[1] = comparison_operator, emu.u[2] = val_len;
  emu.p[0] = op, emu.p[1] = val, emu.p[2] = prval;
}

EXPORT void rados_read_op_omap_cmp(rados_read_op_t op, const char *key,
                                   uint8_t comparison_operator, const char *val,
                                   size_t val_len, int *prval)
{
  emu_record("rados_read_op_omap_cmp");
  emu_str(0, key);
  emu.u[1] = comparison_operator, emu.u[2] = val_len;
  emu.p[0] = op, emu.p[1] = val, emu.p[2] = prval;
}

EXPORT void rados_read_op_omap_get_vals_by_keys(rados_read_op_t op,
                                                char const *const *k, size_t n,
                                                rados_omap_iter_t *iter,
                                                int *prval)
{
  emu_record("rados_read_op_omap_get_vals_by_keys");
  keys(k, n);
  emu.p[0] = op, emu.p[2] = prval;
  *iter = (rados_omap_iter_t)0x55;
}

/* An exec of a class that does not exist is what the emulations add to
 * fail an op; emu.calls tells whether another call came before it. */
EXPORT void rados_write_op_exec(rados_write_op_t op, const char *cls,
                                const char *method, const char *in_buf,
                                size_t in_len, int *prval)
{
  (void)in_buf, (void)in_len;
  emu_record("rados_write_op_exec");
  emu_str(0, cls);
  emu_str(1, method);
  emu.p[0] = op, emu.p[2] = prval;
}

EXPORT void rados_read_op_exec(rados_read_op_t op, const char *cls,
                               const char *method, const char *in_buf,
                               size_t in_len, char **out_buf, size_t *out_len,
                               int *prval)
{
  (void)in_buf, (void)in_len;
  emu_record("rados_read_op_exec");
  emu_str(0, cls);
  emu_str(1, method);
  emu.p[0] = op, emu.p[1] = out_buf, emu.p[2] = prval, emu.p[3] = out_len;
}

EXPORT int rados_aio_write_op_operate(rados_write_op_t op, rados_ioctx_t io,
                                      rados_completion_t completion,
                                      const char *oid, time_t *mtime, int flags)
{
  emu_record("rados_aio_write_op_operate");
  emu_str(0, oid);
  emu.p[0] = op, emu.p[1] = io, emu.p[2] = completion, emu.p[3] = mtime;
  emu.u[0] = mtime ? (uint64_t)*mtime : 0;
  emu.u[1] = (uint64_t)flags;
  return emu.ret;
}

EXPORT void rados_buffer_free(char *buf)
{
  free(buf);
  emu.item_cleanups++;
}

/* The creators of operations, unrecorded: without them the shim's family
 * rules (lib/family.c) would stub every builder, as for a real vendor that
 * cannot make the operations the builders take. */
EXPORT rados_write_op_t rados_create_write_op(void)
{
  return (rados_write_op_t)1;
}

EXPORT rados_read_op_t rados_create_read_op(void)
{
  return (rados_read_op_t)2;
}

/* Unrecorded: a completion is only made where its outcome can be read
 * (gen/families.py REQUIRES). */
EXPORT int rados_aio_get_return_value(rados_completion_t c)
{
  (void)c;
  return 0;
}

/* ------------------------------------------- rbd_mirror_uuid_get's calls */

#define EMU_CLUSTER ((rados_t)0x7070)
#define EMU_POOL_IO ((rados_ioctx_t)0x4242)

EXPORT rados_t rados_ioctx_get_cluster(rados_ioctx_t io)
{
  (void)io;
  return EMU_CLUSTER;
}

EXPORT int64_t rados_ioctx_get_id(rados_ioctx_t io)
{
  (void)io;
  return 42;
}

EXPORT int rados_ioctx_create2(rados_t cluster, int64_t pool_id,
                               rados_ioctx_t *io)
{
  if (cluster != EMU_CLUSTER)
    return -EINVAL;
  emu_exec.creates++;
  emu_exec.pool_id = pool_id;
  if (emu_exec.create_error)
    return emu_exec.create_error;
  *io = EMU_POOL_IO;
  return 0;
}

EXPORT void rados_ioctx_destroy(rados_ioctx_t io)
{
  if (io == EMU_POOL_IO)
    emu_exec.destroys++;
}

EXPORT int rados_exec(rados_ioctx_t io, const char *oid, const char *cls,
                      const char *method, const char *in_buf, size_t in_len,
                      char *buf, size_t out_len)
{
  (void)in_buf;
  (void)in_len;
  if (io != EMU_POOL_IO)
    return -EINVAL;
  emu_exec.calls++;
  strncpy(emu_exec.oid, oid, sizeof emu_exec.oid - 1);
  strncpy(emu_exec.cls, cls, sizeof emu_exec.cls - 1);
  strncpy(emu_exec.method, method, sizeof emu_exec.method - 1);
  if (emu_exec.error)
    return emu_exec.error;
  if (emu_exec.reply_len > out_len)
    return -ERANGE;
  memcpy(buf, emu_exec.reply, emu_exec.reply_len);
  return (int)emu_exec.reply_len;
}
