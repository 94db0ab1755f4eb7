/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * librbdcompat - rados/rados_types.h: watch and notify records
 *
 * The C interface of upstream Ceph 20.2 (Tentacle), re-stated for
 * librbdcompat: every type, constant, structure layout and prototype has
 * upstream's name and value, so code written for open-source Ceph compiles
 * unchanged against it. See the upstream documentation for what each call
 * does; the notes here are ours.
 *
 * "since X" before a function names the first upstream release that
 * declared it. The build reads these lines to make the function table
 * (gen/functable.py): they are the one list of functions.
 */
#ifndef CEPH_RADOS_TYPES_H
#define CEPH_RADOS_TYPES_H
#include <stdint.h>

struct obj_watch_t {
  char addr[256];
  int64_t watcher_id;
  uint64_t cookie;
  uint32_t timeout_seconds;
};

struct notify_ack_t {
  uint64_t notifier_id;
  uint64_t cookie;
  char *payload;
  uint64_t payload_len;
};

struct notify_timeout_t {
  uint64_t notifier_id;
  uint64_t cookie;
};

#define LIBRADOS_ALL_NSPACES "\001"
#endif
