/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Snapshots of image "a": rbd_snap_create2 (flags), the lookups by name
 * and id (rbd_snap_exists, _get_id, _get_name: sizes), rbd_diff_iterate3 (flags,
 * starting snapshot), rbd_snap_set_by_id, rbd_snap_remove_by_id and
 * rbd_aio_write_with_crc32c. Leaves "a" with snapshots s1 (protected) and
 * s2 for the clone section.
 */
#include "emucmp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MiB (1ULL << 20)

static uint64_t ids[3];

/* The progress callback of rbd_snap_create2: calls and last arguments. */
struct progress {
  int calls;
  uint64_t offset, total;
};

static int on_progress(uint64_t offset, uint64_t total, void *arg)
{
  struct progress *p = arg;

  p->calls++, p->offset = offset, p->total = total;
  return 0;
}

static void create2(rbd_image_t img, const char *name, uint32_t flags,
                    const char *what)
{
  struct progress p = { 0, 0, 0 };
  int r = rbd_snap_create2(img, name, flags, on_progress, &p);

  out("snap_create2(%s, %s): %d progress %d calls, last %llu/%llu", name, what,
      r, p.calls, (unsigned long long)p.offset, (unsigned long long)p.total);
}

static void write_at(rbd_image_t img, uint64_t off, char c)
{
  char buf[4096];

  memset(buf, c, sizeof buf);
  need((int)rbd_write(img, off, sizeof buf, buf), "rbd_write");
}

static char byte_at(rbd_image_t img, uint64_t off)
{
  char c = '?';
  ssize_t r = rbd_read(img, off, 1, &c);

  return r == 1 ? (c ? c : '0') : '!';
}

static void list_snaps(rbd_image_t img)
{
  rbd_snap_info_t snaps[16];
  int max = 16, n, i;

  n = rbd_snap_list(img, snaps, &max);
  out("snap_list: %d", n);
  for (i = 0; i < n; i++) {
    out("  %s size=%llu", snaps[i].name, (unsigned long long)snaps[i].size);
    if (i < 3)
      ids[i] = snaps[i].id;
  }
  if (n >= 0)
    rbd_snap_list_end(snaps);
}

static void get_name(rbd_image_t img, uint64_t id, const char *what, size_t len)
{
  char buf[64] = "junk";
  size_t l = len;
  int r = rbd_snap_get_name(img, id, len ? buf : NULL, &l);

  out("snap_get_name(%s, %zu): %d len=%zu \"%s\"", what, len, r, l,
      len && r != -34 ? buf : "-");
}

/* Extents, as "off+len:exists" in the order reported. */
struct extents {
  char text[1024];
};

static int collect(uint64_t off, size_t len, int exists, void *arg)
{
  struct extents *e = arg;
  size_t n = strlen(e->text);

  snprintf(e->text + n, sizeof e->text - n, " %llu+%zu:%d",
           (unsigned long long)off, len, exists);
  return 0;
}

static void diff3(rbd_image_t img, uint64_t from, const char *what,
                  uint32_t flags)
{
  struct extents e = { "" };
  int r = rbd_diff_iterate3(img, from, 0, 64 * MiB, flags, collect, &e);

  out("diff_iterate3(%s, flags %u): %d%s", what, flags, r, e.text);
}

static void diff_same_as_diff2(rbd_image_t img, uint64_t id, const char *name,
                               uint32_t flags)
{
  struct extents a = { "" }, b = { "" };
  int ra = rbd_diff_iterate3(img, id, 0, 64 * MiB, flags, collect, &a);
  int rb = rbd_diff_iterate2(img, name, 0, 64 * MiB,
                             !!(flags & RBD_DIFF_ITERATE_FLAG_INCLUDE_PARENT),
                             !!(flags & RBD_DIFF_ITERATE_FLAG_WHOLE_OBJECT),
                             collect, &b);

  out("diff_iterate3 == diff_iterate2 (%s, flags %u): %s", name, flags,
      ra == rb && !strcmp(a.text, b.text) ? "yes" : "NO");
}

static void crc_write(rbd_image_t img)
{
  rbd_completion_t c;
  char buf[4096];
  int r;

  memset(buf, 'D', sizeof buf);
  need(rbd_aio_create_completion(NULL, NULL, &c), "rbd_aio_create_completion");
  /* CRC-32C (initial -1, as librbd seeds it) of 4096 'D' bytes is not
   * needed by an emulation; any value shows the data goes through. */
  r = rbd_aio_write_with_crc32c(img, 2 * MiB, sizeof buf, buf, 0, c, 0);
  out("aio_write_with_crc32c: %d", r);
  if (r == 0) {
    rbd_aio_wait_for_complete(c);
    out("  completion: %zd, byte at 2MiB: %c", rbd_aio_get_return_value(c),
        byte_at(img, 2 * MiB));
  }
  rbd_aio_release(c);
}

void section_snapshots(void)
{
  int order = 22, r;
  rbd_image_t img;
  uint64_t id = 1;
  bool exists = false;
  uint64_t bogus;

  need(rbd_create2(io, nm("a"), 64 * MiB, RBD_FEATURES_DEFAULT, &order),
       "rbd_create2");
  need(rbd_open(io, nm("a"), &img, NULL), "rbd_open");
  write_at(img, 0, 'A');
  create2(img, "s1", 0, "0");
  write_at(img, 1 * MiB, 'B');
  create2(img, "s2", RBD_SNAP_CREATE_SKIP_QUIESCE, "SKIP");
  write_at(img, 4 * MiB, 'C');
  create2(img, "s3", RBD_SNAP_CREATE_IGNORE_QUIESCE_ERROR, "IGNORE");
  create2(img, "x",
          RBD_SNAP_CREATE_SKIP_QUIESCE | RBD_SNAP_CREATE_IGNORE_QUIESCE_ERROR,
          "SKIP|IGNORE");
  create2(img, "x", 1u << 7, "1<<7");
  create2(img, "s1", 0, "0, exists");
  create2(img, "s1", RBD_SNAP_CREATE_IGNORE_QUIESCE_ERROR, "IGNORE, exists");
  list_snaps(img);
  bogus = ids[2] + 1000;

  r = rbd_snap_exists(img, "s2", &exists);
  out("snap_exists(s2): %d %d", r, exists);
  r = rbd_snap_exists(img, "nope", &exists);
  out("snap_exists(nope): %d %d", r, exists);
  r = rbd_snap_get_id(img, "s2", &id);
  out("snap_get_id(s2): %d %s", r, id == ids[1] ? "= listed id" : "WRONG");
  r = rbd_snap_get_id(img, "nope", &id);
  out("snap_get_id(nope): %d %s", r, id == NOSNAP ? "CEPH_NOSNAP" : "other");
  get_name(img, ids[0], "s1", 0);
  get_name(img, ids[0], "s1", 2);
  get_name(img, ids[0], "s1", 3);
  get_name(img, ids[0], "s1", 64);
  get_name(img, bogus, "unknown", 64);
  get_name(img, bogus, "unknown", 0);

  diff3(img, 0, "beginning", 0);
  diff3(img, ids[0], "s1", 0);
  diff3(img, ids[1], "s2", RBD_DIFF_ITERATE_FLAG_WHOLE_OBJECT);
  diff3(img, 0, "beginning", RBD_DIFF_ITERATE_FLAG_INCLUDE_PARENT);
  diff3(img, 0, "beginning", 4);
  diff3(img, bogus, "unknown", 0);
  diff_same_as_diff2(img, ids[0], "s1", 0);
  diff_same_as_diff2(img, ids[1], "s2", RBD_DIFF_ITERATE_FLAG_WHOLE_OBJECT);

  r = rbd_snap_set_by_id(img, ids[0]);
  out("snap_set_by_id(s1): %d, bytes at 0/1MiB: %c %c", r, byte_at(img, 0),
      byte_at(img, 1 * MiB));
  r = rbd_snap_set_by_id(img, NOSNAP);
  out("snap_set_by_id(head): %d, bytes at 0/1MiB: %c %c", r, byte_at(img, 0),
      byte_at(img, 1 * MiB));
  out("snap_set_by_id(unknown): %d", rbd_snap_set_by_id(img, bogus));

  out("snap_remove_by_id(s3): %d", rbd_snap_remove_by_id(img, ids[2]));
  out("snap_remove_by_id(s3 again): %d", rbd_snap_remove_by_id(img, ids[2]));
  need(rbd_snap_protect(img, "s1"), "rbd_snap_protect");
  out("snap_remove_by_id(protected s1): %d",
      rbd_snap_remove_by_id(img, ids[0]));
  list_snaps(img);
  crc_write(img);
  rbd_close(img);
}
