/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * librados: rados_aio_create_completion2, rados_aio_write_op_operate2,
 * rados_set/unset_pool_full_try, rados_blocklist_add, the notify reply
 * decoder and the buffer and object list cleanups.
 */
#include "emucmp.h"
#include "abi-only.h" /* rados_tmap_*: exported, no longer declared */

#include <stdlib.h>
#include <string.h>
#include <time.h>

static void aio_completion2(const char *oid)
{
  rados_completion_t c;
  char buf[8] = "";
  int r;

  r = rados_aio_create_completion2(NULL, NULL, &c);
  out("aio_create_completion2: %d", r);
  if (r < 0)
    return;
  out("aio_write_full: %d", rados_aio_write_full(io, oid, c, "hello", 5));
  rados_aio_wait_for_complete(c);
  out("  completion: %d", rados_aio_get_return_value(c));
  rados_aio_release(c);
  r = rados_read(io, oid, buf, sizeof buf - 1, 0);
  out("  read: %d \"%s\"", r, buf);
}

static void operate2(const char *oid, struct timespec *mtime, const char *what)
{
  rados_write_op_t w = rados_create_write_op();
  rados_completion_t c;
  uint64_t size = 0;
  time_t t = 0;
  int r;

  need(rados_aio_create_completion(NULL, NULL, NULL, &c), "completion");
  rados_write_op_write_full(w, "mtime!", 6);
  r = rados_aio_write_op_operate2(w, io, c, oid, mtime, 0);
  out("aio_write_op_operate2(%s): %d", what, r);
  if (r == 0) {
    rados_aio_wait_for_complete(c);
    out("  completion: %d", rados_aio_get_return_value(c));
    r = rados_stat(io, oid, &size, &t);
    out("  stat: %d size=%llu mtime=%s", r, (unsigned long long)size,
        !mtime               ? "now"
        : t == mtime->tv_sec ? "as set"
                             : "OTHER");
  }
  rados_aio_release(c);
  rados_release_write_op(w);
}

struct watch {
  uint64_t handle;
  int notified;
};

static void on_notify(void *arg, uint64_t notify_id, uint64_t handle,
                      uint64_t notifier_id, void *data, size_t len)
{
  struct watch *w = arg;

  (void)notifier_id, (void)data, (void)len;
  w->notified++;
  rados_notify_ack(io, nm("watched"), notify_id, handle, "pong", 4);
}

static void on_error(void *arg, uint64_t cookie, int err)
{
  (void)arg, (void)cookie, (void)err;
}

static void notify(void)
{
  struct watch w = { 0, 0 };
  struct notify_ack_t *acks = NULL;
  struct notify_timeout_t *timeouts = NULL;
  size_t nacks = 0, ntimeouts = 0, len = 0;
  char *reply = NULL;
  int r;

  need(rados_write_full(io, nm("watched"), "x", 1), "rados_write_full");
  need(rados_watch2(io, nm("watched"), &w.handle, on_notify, on_error, &w),
       "rados_watch2");
  r = rados_notify2(io, nm("watched"), "ping", 4, 10000, &reply, &len);
  out("notify2: %d notified=%d", r, w.notified);
  if (r == 0) {
    r = rados_decode_notify_response(reply, len, &acks, &nacks, &timeouts,
                                     &ntimeouts);
    out("decode_notify_response: %d acks=%zu timeouts=%zu", r, nacks,
        ntimeouts);
    if (r == 0 && nacks == 1)
      out("  ack: cookie %s, payload %zu \"%.*s\"",
          acks[0].cookie == w.handle ? "= watch handle" : "OTHER",
          (size_t)acks[0].payload_len, (int)acks[0].payload_len,
          acks[0].payload ? acks[0].payload : "");
    if (r == 0)
      rados_free_notify_response(acks, nacks, timeouts);
    rados_buffer_free(reply);
  }
  out("decode_notify_response(NULL): %d",
      rados_decode_notify_response(NULL, 0, &acks, &nacks, &timeouts,
                                   &ntimeouts));
  rados_unwatch2(io, w.handle);
  rados_remove(io, nm("watched"));
}

static size_t put32(unsigned char *p, uint32_t v)
{
  for (int i = 0; i < 4; i++)
    p[i] = (unsigned char)(v >> (8 * i));
  return 4;
}

static size_t put64(unsigned char *p, uint64_t v)
{
  put32(p, (uint32_t)v);
  return 4 + put32(p + 4, (uint32_t)(v >> 32));
}

static size_t put_ack(unsigned char *p, uint64_t id, uint64_t cookie,
                      const char *payload, uint32_t len)
{
  size_t n = put64(p, id);

  n += put64(p + n, cookie);
  n += put32(p + n, len);
  memcpy(p + n, payload, len);
  return n + len;
}

static void decode(const unsigned char *b, size_t len, const char *what)
{
  struct notify_ack_t *acks;
  struct notify_timeout_t *timeouts;
  size_t na = 0, nt = 0, i;
  int r = rados_decode_notify_response((char *)b, len, &acks, &na, &timeouts,
                                       &nt);

  out("decode(%s): %d acks=%zu timeouts=%zu", what, r, na, nt);
  if (r < 0)
    return;
  out("  acks %s, timeouts %s", acks ? "set" : "NULL",
      timeouts ? "set" : "NULL");
  for (i = 0; i < na; i++)
    out("  ack %llu/%llu %s %llu \"%.*s\"",
        (unsigned long long)acks[i].notifier_id,
        (unsigned long long)acks[i].cookie, acks[i].payload ? "data" : "NULL",
        (unsigned long long)acks[i].payload_len, (int)acks[i].payload_len,
        acks[i].payload ? acks[i].payload : "");
  for (i = 0; i < nt; i++)
    out("  timeout %llu/%llu", (unsigned long long)timeouts[i].notifier_id,
        (unsigned long long)timeouts[i].cookie);
  rados_free_notify_response(acks, na, timeouts);
}

/* Reply buffers made by hand: order, repeated keys, empty payloads and
 * lists, trailing bytes (a truncated one would abort upstream). */
static void decode_handmade(void)
{
  unsigned char b[512];
  size_t n = 0;

  n += put32(b + n, 4);
  n += put_ack(b + n, 20, 5, "hello", 5);
  n += put_ack(b + n, 10, 7, "", 0);
  n += put_ack(b + n, 10, 3, "a\0", 2);
  n += put_ack(b + n, 10, 3, "z", 1);
  n += put32(b + n, 3);
  n += put64(b + n, 9), n += put64(b + n, 1);
  n += put64(b + n, 2), n += put64(b + n, 8);
  n += put64(b + n, 9), n += put64(b + n, 1);
  decode(b, n, "unsorted, repeated");
  b[n] = 0x7f;
  decode(b, n + 1, "trailing byte");
  n = put32(b, 0);
  n += put32(b + n, 0);
  decode(b, n, "empty lists");
  decode(b, 0, "no bytes");
}

static void mon_command_buffers(void)
{
  const char *cmd[] = { "{\"prefix\": \"osd pool ls\", \"format\": \"json\"}" };
  char *outbuf = NULL, *outs = NULL;
  size_t outlen = 0, outslen = 0;
  int r = rados_mon_command(cluster, cmd, 1, "", 0, &outbuf, &outlen, &outs,
                            &outslen);

  out("mon_command(osd pool ls): %d has rbd: %s", r,
      outbuf && memmem(outbuf, outlen, "\"rbd\"", 5) ? "yes" : "no");
  rados_buffer_free(outbuf);
  rados_buffer_free(outs);
}

/* All of the pool, page by page (14.2 wants the caller to allocate the
 * cursor it fills in). */
static void object_list(void)
{
  rados_object_list_cursor cur = rados_object_list_begin(io);
  rados_object_list_cursor end = rados_object_list_end(io);
  rados_object_list_item items[64];
  int r = 0, i, ours = 0, pages = 0;

  while (!rados_object_list_is_end(io, cur) && pages < 1000) {
    rados_object_list_cursor next = rados_object_list_begin(io);

    r = rados_object_list(io, cur, end, 64, NULL, 0, items, &next);
    rados_object_list_cursor_free(io, cur);
    cur = next;
    if (r < 0)
      break;
    /* Object names come with a length, not necessarily a NUL. */
    for (i = 0; i < r; i++)
      ours += items[i].oid_length == strlen(nm("hello")) &&
              !memcmp(items[i].oid, nm("hello"), items[i].oid_length);
    rados_object_list_free((size_t)r, items);
    pages++;
  }
  out("object_list: %s, found hello: %d", r >= 0 ? "ok" : "failed", ours);
  rados_object_list_cursor_free(io, cur);
  rados_object_list_cursor_free(io, end);
}

/* Versioned rows and the version calls, whose emulations 14.2.21's real
 * functions are compared with (run.sh's "emulated" run). */
static void versioned(void)
{
  struct rados_pool_stat_t st;
  char buf[64] = "";
  int a = -1, b = -1, c = -1, r;

  memset(&st, 0, sizeof st);
  r = rados_ioctx_pool_stat(io, &st);
  out("ioctx_pool_stat: %d has objects: %d", r, st.num_objects > 0);
  out("tmap_get: %d", rados_tmap_get(io, nm("hello"), buf, sizeof buf));
  out("tmap_put: %d", rados_tmap_put(io, nm("tmap"), buf, 0));
  out("tmap_update: %d", rados_tmap_update(io, nm("tmap"), buf, 0));
  /* 0.0.0 from the emulations (made for a process without a vendor
   * library) is not the vendor's version: only that they answer. */
  rados_version(&a, &b, &c);
  out("rados_version: %s", a >= 0 && b >= 0 && c >= 0 ? "answers" : "no");
  a = b = c = -1;
  rbd_version(&a, &b, &c);
  out("rbd_version: %s", a >= 0 && b >= 0 && c >= 0 ? "answers" : "no");
}

void section_rados(void)
{
  struct timespec whole = { 1600000000, 0 };
  char addr[] = "127.0.0.1:0/3735928559";

  aio_completion2(nm("hello"));
  operate2(nm("stamped"), NULL, "no mtime");
  operate2(nm("stamped"), &whole, "whole seconds");
  rados_set_pool_full_try(io);
  out("write_full with pool_full_try: %d",
      rados_write_full(io, nm("full-try"), "y", 1));
  rados_unset_pool_full_try(io);
  out("blocklist_add: %d", rados_blocklist_add(cluster, addr, 1));
  notify();
  decode_handmade();
  mon_command_buffers();
  object_list();
  versioned();
}
