/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rbd_mirror_uuid_get: upstream's librbd reads the pool's mirror uuid with
 * the OSD class method rbd.mirror_uuid_get on the rbd_mirroring object of
 * the pool's default namespace; every librados can call that method, so
 * the older vendor's rados_exec() gives the same answer (tests/emulation
 * compares it with Pacific's function on the same cluster).
 */
#include "rbdcompat_internal.h"
#include "emu_decls.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The largest reply read; a uuid is 36 bytes (and its 4-byte length). */
#define MIRROR_UUID_REPLY_MAX ((size_t)64 * 1024)

/* The method's reply: an encoded string (a little-endian 32-bit length,
 * then the bytes). Returns its length, -EBADMSG if it is malformed. */
static long decode_string(const char *reply, int len, const char **s)
{
  const unsigned char *p = (const unsigned char *)reply;
  uint32_t n;

  if (len < 4)
    return -EBADMSG;
  n = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
      (uint32_t)p[3] << 24;
  if (n > (uint32_t)len - 4)
    return -EBADMSG;
  *s = reply + 4;
  return (long)n;
}

/* rados_exec() on a fresh I/O context of the same pool: the default
 * namespace, as upstream reads it whatever the caller's namespace is. */
static int read_reply(rados_ioctx_t io_ctx, char **reply)
{
  rados_ioctx_t pool_io;
  size_t size = 256;
  int r;

  r = rados_ioctx_create2(rados_ioctx_get_cluster(io_ctx),
                          rados_ioctx_get_id(io_ctx), &pool_io);
  if (r < 0)
    return r;
  for (;;) {
    char *buf = malloc(size);

    if (!buf) {
      r = -ENOMEM;
      break;
    }
    r = rados_exec(pool_io, "rbd_mirroring", "rbd", "mirror_uuid_get", NULL, 0,
                   buf, size);
    if (r >= 0) {
      *reply = buf;
      break;
    }
    free(buf);
    /* -ERANGE: the reply is larger than the buffer. */
    if (r != -ERANGE || size >= MIRROR_UUID_REPLY_MAX)
      break;
    size *= 4;
  }
  rados_ioctx_destroy(pool_io);
  return r;
}

/* emulation: the rbd.mirror_uuid_get class method on the pool's
 * rbd_mirroring object (rados_exec(), default namespace), which is what
 * upstream reads; -ENOENT when the pool has no mirror uuid (mirroring never
 * enabled, or disabled), -ERANGE with the size needed for a short buffer */
int rbdcompat_emu_rbd_mirror_uuid_get(rados_ioctx_t io_ctx, char *uuid,
                                      size_t *max_len)
{
  char *reply = NULL;
  const char *s = NULL;
  long n;
  int r = read_reply(io_ctx, &reply);

  if (r < 0)
    return r;
  n = decode_string(reply, r, &s);
  if (n == 0)
    n = -ENOENT;
  if (n > 0 && *max_len < (size_t)n + 1) {
    *max_len = (size_t)n + 1;
    n = -ERANGE;
  } else if (n > 0) {
    *max_len = (size_t)n + 1;
    memcpy(uuid, s, (size_t)n);
    uuid[n] = '\0';
  }
  free(reply);
  return n < 0 ? (int)n : 0;
}
