/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * An ordinary librbd C consumer, used by the end-to-end tests in three ways:
 * built against the SDS-like headers and library (it must fail: it uses
 * RBD_FEATURE_JOURNALING and rbd_trash_list_cleanup), built with
 * `pkg-config librbdcompat` (link time), and built against the system's
 * Pacific headers and run over a drop-in shim.
 *
 *   consumer [--newer] IMAGE
 *
 * Against the cluster named by CEPH_CONF (required: without a config a
 * Ceph client looks for monitors in DNS), pool "rbd": create IMAGE, write,
 * read back, snapshot, resize, move to the trash, list it, restore, remove.
 * --newer also calls functions that Ceph 14.2 lacks (the vendor must lack
 * them too: on a newer one they would really run) and accepts either a
 * correct answer (emulated) or -ENOSYS (stub), then goes on with the I/O.
 * Prints "ok: STEP" per step; on the first failure "not ok: STEP: why"
 * and exit status 1.
 */
/* strdup(), and struct timespec for the upstream headers in strict C11. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rados/librados.h>
#include <rbd/librbd.h>

#define MIB (1024 * 1024)

static const char *image_name;

static void die(const char *step, const char *fmt, int r)
{
  printf("not ok: %s: ", step);
  printf(fmt, r);
  printf(" (%s)\n", r < 0 ? strerror(-r) : "-");
  exit(1);
}

#define CHECK(step, expr)                  \
  do {                                     \
    int r_ = (expr);                       \
    if (r_ < 0)                            \
      die(step, #expr " returned %d", r_); \
  } while (0)

static void ok(const char *step)
{
  printf("ok: %s\n", step);
  fflush(stdout);
}

/* A byte pattern that differs per offset and per "generation", so that a
 * read of the wrong place or of stale data is noticed. */
static void fill(char *buf, size_t len, uint64_t off, int gen)
{
  for (size_t i = 0; i < len; i++)
    buf[i] = (char)(((off + i) * 131 + (uint64_t)gen * 17) >> 3);
}

static void write_verify(rbd_image_t img, uint64_t off, int gen,
                         const char *step)
{
  static char w[MIB], r[MIB];
  ssize_t n;

  fill(w, sizeof w, off, gen);
  n = rbd_write(img, off, sizeof w, w);
  if (n != (ssize_t)sizeof w)
    die(step, "rbd_write returned %d", (int)n);
  CHECK(step, rbd_flush(img));
  memset(r, 0, sizeof r);
  n = rbd_read(img, off, sizeof r, r);
  if (n != (ssize_t)sizeof r)
    die(step, "rbd_read returned %d", (int)n);
  if (memcmp(w, r, sizeof w))
    die(step, "read back differs from what was written (%d)", 0);
}

static void verify(rbd_image_t img, uint64_t off, int gen, const char *step)
{
  static char want[MIB], got[MIB];
  ssize_t n;

  fill(want, sizeof want, off, gen);
  n = rbd_read(img, off, sizeof got, got);
  if (n != (ssize_t)sizeof got)
    die(step, "rbd_read returned %d", (int)n);
  if (memcmp(want, got, sizeof want))
    die(step, "data differs (generation %d)", gen);
}

static void create(rados_ioctx_t io)
{
  rbd_image_options_t opts;
  uint64_t features = RBD_FEATURE_LAYERING | RBD_FEATURE_EXCLUSIVE_LOCK;
  int r;

  /* rbd_create4 with options, as go-ceph's CreateImage does. */
  rbd_image_options_create(&opts);
  CHECK("create", rbd_image_options_set_uint64(opts, RBD_IMAGE_OPTION_FEATURES,
                                               features));
  CHECK("create",
        rbd_image_options_set_uint64(opts, RBD_IMAGE_OPTION_ORDER, 22));
  r = rbd_create4(io, image_name, 4 * MIB, opts);
  rbd_image_options_destroy(opts);
  CHECK("create", r);
  ok("create 4 MiB image");
}

static void snapshots(rbd_image_t img)
{
  rbd_snap_info_t snaps[4];
  int max = 4, n;

  CHECK("snapshot", rbd_snap_create(img, "s1"));
  n = rbd_snap_list(img, snaps, &max);
  if (n != 1 || strcmp(snaps[0].name, "s1"))
    die("snapshot", "rbd_snap_list found %d snapshots, want s1", n);
  rbd_snap_list_end(snaps);
  /* Overwrite the head; the snapshot must keep the old data. */
  write_verify(img, 0, 2, "snapshot");
  ok("snapshot, list, overwrite head");
}

static void read_snapshot(rados_ioctx_t io)
{
  rbd_image_t snap;

  CHECK("read snapshot", rbd_open_read_only(io, image_name, &snap, "s1"));
  verify(snap, 0, 1, "read snapshot");
  CHECK("read snapshot", rbd_close(snap));
  ok("snapshot keeps the old data");
}

static void resize(rbd_image_t img)
{
  uint64_t size = 0, features = 0;

  CHECK("resize", rbd_resize(img, 8 * MIB));
  CHECK("resize", rbd_get_size(img, &size));
  if (size != 8 * MIB)
    die("resize", "size is %d MiB, want 8", (int)(size / MIB));
  write_verify(img, 7 * MIB, 3, "resize");
  CHECK("features", rbd_get_features(img, &features));
  /* The constant the SDS headers lack. */
  if (features & RBD_FEATURE_JOURNALING)
    die("features", "journaling is on (features %d)", (int)features);
  ok("resize to 8 MiB, write past the old end, no journaling");
}

/* The trash id of image_name, or NULL. Uses rbd_trash_list_cleanup, which
 * the SDS-like vendor lacks. */
static char *trash_id(rados_ioctx_t io)
{
  rbd_trash_image_info_t *entries;
  size_t n = 0, i;
  char *id = NULL;
  int r = rbd_trash_list(io, NULL, &n);

  if (r < 0 && r != -ERANGE)
    die("trash list", "rbd_trash_list returned %d", r);
  n += 4; /* room for entries added meanwhile by other tests */
  entries = calloc(n, sizeof *entries);
  if (!entries)
    die("trash list", "calloc failed (%d)", -ENOMEM);
  r = rbd_trash_list(io, entries, &n);
  if (r < 0)
    die("trash list", "rbd_trash_list returned %d", r);
  for (i = 0; i < (size_t)r; i++)
    if (!strcmp(entries[i].name, image_name))
      id = strdup(entries[i].id);
  rbd_trash_list_cleanup(entries, (size_t)r);
  free(entries);
  return id;
}

static void trash(rados_ioctx_t io)
{
  char *id;

  CHECK("trash move", rbd_trash_move(io, image_name, 0));
  id = trash_id(io);
  if (!id)
    die("trash list", "%d entries named the image", 0);
  ok("trash move, list (rbd_trash_list_cleanup)");
  CHECK("trash restore", rbd_trash_restore(io, id, image_name));
  free(id);
  id = trash_id(io);
  if (id) {
    free(id);
    die("trash restore", "the image is still in the trash (%d)", 0);
  }
  ok("trash restore");
}

/* Functions newer than Ceph 14.2: the emulation's answer must be right,
 * a stub's must be -ENOSYS; either way the program goes on. */
static void newer(rbd_image_t img)
{
  rbd_encryption_luks1_format_options_t luks = {
    RBD_ENCRYPTION_ALGORITHM_AES256, "secret", 6
  };
  bool yes = false, no = true;
  int r1, r2, r;

  r1 = rbd_snap_exists(img, "s1", &yes);
  r2 = rbd_snap_exists(img, "no-such-snapshot", &no);
  if (r1 == -ENOSYS && r2 == -ENOSYS)
    printf("newer: rbd_snap_exists: -ENOSYS\n");
  else if (r1 == 0 && r2 == 0 && yes && !no)
    printf("newer: rbd_snap_exists: answered\n");
  else
    die("newer", "rbd_snap_exists gave a wrong answer (%d)", r1 ? r1 : r2);
  r = rbd_encryption_load(img, RBD_ENCRYPTION_FORMAT_LUKS1, &luks, sizeof luks);
  if (r != -ENOSYS)
    die("newer", "rbd_encryption_load returned %d, want -ENOSYS", r);
  printf("newer: rbd_encryption_load: -ENOSYS\n");
  verify(img, 0, 2, "newer");
  ok("functions newer than the vendor, then I/O goes on");
}

int main(int argc, char **argv)
{
  const char *conf = getenv("CEPH_CONF");
  int with_newer = argc == 3 && !strcmp(argv[1], "--newer");
  rados_t cluster;
  rados_ioctx_t io;
  rbd_image_t img;
  int major, minor, extra;

  if (argc != 2 + with_newer) {
    fprintf(stderr, "usage: %s [--newer] IMAGE\n", argv[0]);
    return 2;
  }
  image_name = argv[argc - 1];
  if (!conf || !*conf) {
    fprintf(stderr, "%s: CEPH_CONF must name the cluster's config\n", argv[0]);
    return 2;
  }
  rbd_version(&major, &minor, &extra);
  printf("librbd version %d.%d.%d\n", major, minor, extra);

  CHECK("connect", rados_create2(&cluster, "ceph", "client.admin", 0));
  CHECK("connect", rados_conf_read_file(cluster, conf));
  CHECK("connect", rados_conf_set(cluster, "client_mount_timeout", "30"));
  CHECK("connect", rados_connect(cluster));
  CHECK("connect", rados_ioctx_create(cluster, "rbd", &io));
  ok("connect");

  create(io);
  CHECK("open", rbd_open(io, image_name, &img, NULL));
  write_verify(img, 0, 1, "write");
  write_verify(img, 3 * MIB, 1, "write");
  ok("write 2 MiB, read back");
  snapshots(img);
  read_snapshot(io);
  resize(img);
  if (with_newer)
    newer(img);
  CHECK("close", rbd_close(img));

  trash(io);
  CHECK("reopen", rbd_open(io, image_name, &img, NULL));
  verify(img, 0, 2, "data after restore");
  verify(img, 3 * MIB, 1, "data after restore");
  verify(img, 7 * MIB, 3, "data after restore");
  CHECK("remove", rbd_snap_remove(img, "s1"));
  CHECK("close", rbd_close(img));
  ok("data intact after trash restore");
  CHECK("remove", rbd_remove(io, image_name));
  ok("remove");

  rados_ioctx_destroy(io);
  rados_shutdown(cluster);
  printf("consumer: all steps passed\n");
  return 0;
}
