/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rados_decode_notify_response(): the reply buffer of rados_notify2() is
 * Ceph's little-endian encoding of
 *   map<pair<u64 notifier_id, u64 cookie>, bufferlist payload>  (acks)
 *   set<pair<u64 notifier_id, u64 cookie>>                      (timeouts)
 * i.e. u32 count, then per ack u64, u64, u32 length and the bytes; then
 * u32 count and per timeout u64, u64. Decoding it is plain C, so the
 * result can be exactly upstream's:
 *  - entries come out sorted by (notifier_id, cookie); a repeated key
 *    keeps its first payload (upstream's map insertion does not replace)
 *    and a repeated timeout collapses (set), as Pacific's decoder does;
 *  - an ack without payload has payload NULL; an empty list gives NULL;
 *  - trailing bytes are ignored; a NULL or empty buffer is -EINVAL and
 *    leaves the outputs alone.
 * Upstream aborts (uncaught exception) on a truncated buffer; here that is
 * -EINVAL with the outputs untouched.
 */
#include "rbdcompat_internal.h"
#include "emu_decls.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct reader {
  const unsigned char *p;
  size_t left;
};

static int get_u32(struct reader *r, uint32_t *v)
{
  if (r->left < 4)
    return -EINVAL;
  *v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 |
       (uint32_t)r->p[3] << 24;
  r->p += 4, r->left -= 4;
  return 0;
}

static int get_u64(struct reader *r, uint64_t *v)
{
  uint32_t lo, hi;

  if (get_u32(r, &lo) < 0 || get_u32(r, &hi) < 0)
    return -EINVAL;
  *v = (uint64_t)hi << 32 | lo;
  return 0;
}

static int key_cmp(uint64_t id_a, uint64_t cookie_a, uint64_t id_b,
                   uint64_t cookie_b)
{
  if (id_a != id_b)
    return id_a < id_b ? -1 : 1;
  if (cookie_a != cookie_b)
    return cookie_a < cookie_b ? -1 : 1;
  return 0;
}

/* Insert into the sorted array acks[0..*n): a new key shifts the tail; a
 * repeated key is dropped with its payload (the first entry stays). */
static void put_ack(struct notify_ack_t *acks, size_t *n,
                    const struct notify_ack_t *a)
{
  size_t i = *n;

  while (i > 0 && key_cmp(acks[i - 1].notifier_id, acks[i - 1].cookie,
                          a->notifier_id, a->cookie) > 0)
    i--;
  if (i > 0 && !key_cmp(acks[i - 1].notifier_id, acks[i - 1].cookie,
                        a->notifier_id, a->cookie)) {
    free(a->payload);
    return;
  }
  memmove(&acks[i + 1], &acks[i], (*n - i) * sizeof *acks);
  acks[i] = *a;
  (*n)++;
}

static void put_timeout(struct notify_timeout_t *t, size_t *n,
                        const struct notify_timeout_t *a)
{
  size_t i = *n;

  while (i > 0 && key_cmp(t[i - 1].notifier_id, t[i - 1].cookie, a->notifier_id,
                          a->cookie) > 0)
    i--;
  if (i > 0 && !key_cmp(t[i - 1].notifier_id, t[i - 1].cookie, a->notifier_id,
                        a->cookie))
    return;
  memmove(&t[i + 1], &t[i], (*n - i) * sizeof *t);
  t[i] = *a;
  (*n)++;
}

static void free_acks(struct notify_ack_t *acks, size_t n)
{
  size_t i;

  for (i = 0; i < n; i++)
    free(acks[i].payload);
  free(acks);
}

static int read_acks(struct reader *r, struct notify_ack_t **out, size_t *nout)
{
  struct notify_ack_t *acks = NULL, a;
  uint32_t count, len, i;
  size_t n = 0;

  if (get_u32(r, &count) < 0)
    return -EINVAL;
  /* Each entry takes 20 bytes at least: a count larger than the buffer
   * can hold is a truncated buffer, not a reason to allocate. */
  if (count > r->left / 20)
    return -EINVAL;
  if (count && !(acks = calloc(count, sizeof *acks)))
    return -ENOMEM;
  for (i = 0; i < count; i++) {
    memset(&a, 0, sizeof a);
    if (get_u64(r, &a.notifier_id) < 0 || get_u64(r, &a.cookie) < 0 ||
        get_u32(r, &len) < 0 || r->left < len)
      goto truncated;
    if (len) {
      if (!(a.payload = malloc(len))) {
        free_acks(acks, n);
        return -ENOMEM;
      }
      memcpy(a.payload, r->p, len);
      a.payload_len = len;
      r->p += len, r->left -= len;
    }
    put_ack(acks, &n, &a);
  }
  if (!n) {
    free(acks);
    acks = NULL;
  }
  *out = acks, *nout = n;
  return 0;
truncated:
  free_acks(acks, n);
  return -EINVAL;
}

static int read_timeouts(struct reader *r, struct notify_timeout_t **out,
                         size_t *nout)
{
  struct notify_timeout_t *t = NULL, a;
  uint32_t count, i;
  size_t n = 0;

  if (get_u32(r, &count) < 0 || count > r->left / 16)
    return -EINVAL;
  if (count && !(t = calloc(count, sizeof *t)))
    return -ENOMEM;
  for (i = 0; i < count; i++) {
    if (get_u64(r, &a.notifier_id) < 0 || get_u64(r, &a.cookie) < 0) {
      free(t);
      return -EINVAL;
    }
    put_timeout(t, &n, &a);
  }
  *out = t, *nout = n;
  return 0;
}

/* emulation: decodes the notify reply encoding itself (sorted, de-duplicated
 * like upstream's map/set); -EINVAL for a NULL, empty or truncated buffer */
int rbdcompat_emu_rados_decode_notify_response(
    char *reply_buffer, size_t reply_buffer_len, struct notify_ack_t **acks,
    size_t *nr_acks, struct notify_timeout_t **timeouts, size_t *nr_timeouts)
{
  struct reader r = { (const unsigned char *)reply_buffer, reply_buffer_len };
  struct notify_ack_t *a;
  struct notify_timeout_t *t;
  size_t na, nt;
  int ret;

  if (!reply_buffer || !reply_buffer_len)
    return -EINVAL;
  ret = read_acks(&r, &a, &na);
  if (ret < 0)
    return ret;
  ret = read_timeouts(&r, &t, &nt);
  if (ret < 0) {
    free_acks(a, na);
    return ret;
  }
  *acks = a, *nr_acks = na;
  *timeouts = t, *nr_timeouts = nt;
  return 0;
}
