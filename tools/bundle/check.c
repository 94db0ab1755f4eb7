/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rbdcompat-bundle-check: the client `rbdcompat-bundle --verify --conf`
 * runs inside a bundle, in an empty root. Linked against librbdcompat (so
 * it works in every bundle mode): connects, writes 4 MiB as a RADOS object
 * and 4 MiB into a new RBD image, reads both back and compares, removes
 * both. One line per step; exit 0 only if every byte came back.
 *
 *   rbdcompat-bundle-check CONF KEYRING POOL
 */
#include <rados/librados.h>
#include <rbd/librbd.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SIZE (4u << 20)

static int fail(const char *what, int r)
{
  printf("check: FAILED: %s: %d (%s)\n", what, r, strerror(r < 0 ? -r : r));
  return 1;
}

int main(int argc, char **argv)
{
  rados_t cluster;
  rados_ioctx_t io;
  rbd_image_t img;
  char *out, *in, name[64];
  int major, minor, extra, order = 22, r;
  unsigned i, seed = (unsigned)time(NULL) ^ (unsigned)getpid();
  ssize_t n;

  if (argc != 4) {
    fprintf(stderr, "usage: %s CONF KEYRING POOL\n", argv[0]);
    return 2;
  }
  out = malloc(SIZE);
  in = malloc(SIZE);
  if (!out || !in)
    return fail("malloc", -12);
  for (i = 0; i < SIZE; i++)
    out[i] = (char)(rand_r(&seed) >> 7);
  rbd_version(&major, &minor, &extra);
  printf("check: vendor librbd %d.%d.%d\n", major, minor, extra);
  if ((r = rados_create(&cluster, "admin")) < 0)
    return fail("rados_create", r);
  if ((r = rados_conf_read_file(cluster, argv[1])) < 0)
    return fail("rados_conf_read_file", r);
  if ((r = rados_conf_set(cluster, "keyring", argv[2])) < 0)
    return fail("rados_conf_set keyring", r);
  /* Nothing outside the empty root: no admin socket, no log file. */
  rados_conf_set(cluster, "admin_socket", "");
  rados_conf_set(cluster, "log_file", "");
  if ((r = rados_connect(cluster)) < 0)
    return fail("rados_connect", r);
  printf("check: connected\n");
  if ((r = rados_ioctx_create(cluster, argv[3], &io)) < 0)
    return fail("rados_ioctx_create", r);
  snprintf(name, sizeof name, "rbdcompat-bundle-check-%u", seed);
  if ((r = rados_write_full(io, name, out, SIZE)) < 0)
    return fail("rados_write_full", r);
  memset(in, 0, SIZE);
  if ((n = rados_read(io, name, in, SIZE, 0)) != (ssize_t)SIZE)
    return fail("rados_read", (int)n);
  if (memcmp(in, out, SIZE))
    return fail("rados object read back differs", 0);
  rados_remove(io, name);
  printf("check: rados object: 4194304 bytes written and read back\n");
  if ((r = rbd_create(io, name, SIZE, &order)) < 0)
    return fail("rbd_create", r);
  if ((r = rbd_open(io, name, &img, NULL)) < 0)
    return fail("rbd_open", r);
  if ((n = rbd_write(img, 0, SIZE, out)) != (ssize_t)SIZE)
    return fail("rbd_write", (int)n);
  memset(in, 0, SIZE);
  if ((n = rbd_read(img, 0, SIZE, in)) != (ssize_t)SIZE)
    return fail("rbd_read", (int)n);
  rbd_close(img);
  if ((r = rbd_remove(io, name)) < 0)
    return fail("rbd_remove", r);
  if (memcmp(in, out, SIZE))
    return fail("rbd image read back differs", 0);
  printf("check: rbd image: 4194304 bytes written and read back\n");
  rados_ioctx_destroy(io);
  rados_shutdown(cluster);
  free(in);
  free(out);
  printf("check: passed\n");
  return 0;
}
