/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * emucmp [SECTION...]: connects with CEPH_CONF/CEPH_ARGS, uses pool "rbd",
 * and runs the sections (all by default). See emucmp.h.
 */
#include "emucmp.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

rados_t cluster;
rados_ioctx_t io;

void out(const char *fmt, ...)
{
  va_list ap;

  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  putchar('\n');
  fflush(stdout);
}

static const char *prefix(void)
{
  const char *p = getenv("EMUCMP_PREFIX");

  return p ? p : "emucmp-";
}

const char *nm(const char *b)
{
  static char bufs[8][256];
  static int next;
  char *p = bufs[next++ % 8];

  snprintf(p, sizeof bufs[0], "%s%s", prefix(), b);
  return p;
}

const char *base(const char *name)
{
  size_t n = strlen(prefix());

  return name && !strncmp(name, prefix(), n) ? name + n : name;
}

void need(int r, const char *what)
{
  if (r < 0) {
    fprintf(stderr, "emucmp: %s failed: %d\n", what, r);
    exit(2);
  }
}

/* Sections marked "named" run only when named on the command line. */
static const struct {
  const char *name;
  void (*run)(void);
  int named;
} sections[] = {
  { "features", section_features, 0 }, { "snapshots", section_snapshots, 0 },
  { "clone", section_clone, 0 },       { "cleanups", section_cleanups, 0 },
  { "mirror", section_mirror, 0 },     { "groups", section_groups, 0 },
  { "omap", section_omap, 0 },         { "rados", section_rados, 0 },
  { "uuid-on", section_uuid_on, 1 },   { "uuid-off", section_uuid_off, 1 },
  { "uuid", section_uuid, 1 },
};

int main(int argc, char **argv)
{
  size_t i;
  int a;

  need(rados_create(&cluster, NULL), "rados_create");
  need(rados_conf_read_file(cluster, NULL), "rados_conf_read_file");
  need(rados_conf_parse_env(cluster, NULL), "rados_conf_parse_env");
  need(rados_connect(cluster), "rados_connect");
  need(rados_ioctx_create(cluster, "rbd", &io), "rados_ioctx_create");
  for (i = 0; i < sizeof sections / sizeof sections[0]; i++) {
    int run = argc < 2 && !sections[i].named;

    for (a = 1; a < argc; a++)
      run |= !strcmp(argv[a], sections[i].name);
    if (run) {
      out("== %s", sections[i].name);
      sections[i].run();
    }
  }
  rados_ioctx_destroy(io);
  rados_shutdown(cluster);
  return 0;
}
