/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Ceph release names by major version (generated: releases.c, from
 * gen/functable.py's list). */
#ifndef PROBE_RELEASES_H
#define PROBE_RELEASES_H

struct ceph_release {
  int major;
  const char *name;
};

extern const struct ceph_release ceph_releases[];
extern const unsigned ceph_nreleases;

#endif
