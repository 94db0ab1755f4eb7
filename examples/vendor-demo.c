/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The main job of build.sh: a program written for open-source Ceph 20.2,
 * built with `pkg-config librbdcompat` and run over whatever librbd this
 * machine has. It uses a constant and functions that older or trimmed
 * vendor builds lack; with RBDCOMPAT_LOG=debug the shim says which calls
 * went to the vendor and which were emulated or stubbed.
 *
 * With CEPH_CONF set (build.sh starts a test cluster) it also does real
 * image I/O; without it, only the calls that need no cluster.
 */
#include <errno.h>
#include <rados/librados.h>
#include <rbd/librbd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(const char *what, int r)
{
  fprintf(stderr, "vendor-demo: %s: %s\n", what, strerror(-r));
  return 1;
}

static int with_cluster(const char *conf)
{
  rados_t cluster;
  rados_ioctx_t io;
  rbd_image_t image;
  rbd_trash_image_info_t trash[16];
  size_t ntrash = 16;
  char buf[4096], back[4096];
  int order = 22, r;

  if ((r = rados_create(&cluster, NULL)) < 0 ||
      (r = rados_conf_read_file(cluster, conf)) < 0 ||
      (r = rados_connect(cluster)) < 0)
    return fail("connect", r);
  if ((r = rados_ioctx_create(cluster, "rbd", &io)) < 0)
    return fail("pool rbd", r);
  rbd_remove(io, "vendor-demo");
  if ((r = rbd_create2(io, "vendor-demo", 8 << 20, RBD_FEATURE_LAYERING,
                       &order)) < 0)
    return fail("rbd_create2", r);
  if ((r = rbd_open(io, "vendor-demo", &image, NULL)) < 0)
    return fail("rbd_open", r);
  memset(buf, 0x5a, sizeof buf);
  if (rbd_write(image, 4096, sizeof buf, buf) != (ssize_t)sizeof buf ||
      rbd_read(image, 4096, sizeof back, back) != (ssize_t)sizeof back ||
      memcmp(buf, back, sizeof buf))
    return fail("write/read back", -EIO);
  printf("wrote and read back %zu bytes of image rbd/vendor-demo\n",
         sizeof buf);
  /* Newer than Pacific (20.2): emulated or stubbed on older vendors. */
  r = rbd_snap_create(image, "s1");
  printf("rbd_snap_create: %d\n", r);
  {
    uint64_t snap_id = 0;
    r = rbd_snap_get_id(image, "s1", &snap_id);
    printf("rbd_snap_get_id(s1): %d, id %llu\n", r,
           (unsigned long long)snap_id);
  }
  r = rbd_group_snap_get_info(io, "no-such-group", "no-such-snap", NULL);
  printf("rbd_group_snap_get_info (Ceph 20.2): %d (%s)\n", r, strerror(-r));
  rbd_snap_remove(image, "s1");
  rbd_close(image);
  if ((r = rbd_trash_list(io, trash, &ntrash)) < 0)
    return fail("rbd_trash_list", r);
  printf("trash holds %zu images\n", ntrash);
  rbd_trash_list_cleanup(trash, ntrash);
  rbd_remove(io, "vendor-demo");
  rados_ioctx_destroy(io);
  rados_shutdown(cluster);
  return 0;
}

int main(void)
{
  int maj, min, extra;
  const char *conf = getenv("CEPH_CONF");
  char features[256];
  size_t len = sizeof features;
  int r;

  rbd_version(&maj, &min, &extra);
  printf("vendor librbd reports version %d.%d.%d\n", maj, min, extra);
  printf("RBD_FEATURE_JOURNALING = %llu (from librbdcompat's headers)\n",
         (unsigned long long)RBD_FEATURE_JOURNALING);
  r = rbd_features_to_string(RBD_FEATURE_LAYERING | RBD_FEATURE_JOURNALING,
                             features, &len);
  printf("rbd_features_to_string: %d \"%s\"\n", r, r == 0 ? features : "");
  if (!conf || !*conf) {
    printf("CEPH_CONF is not set: skipping the cluster part\n");
    return 0;
  }
  return with_cluster(conf);
}
