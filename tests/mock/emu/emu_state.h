/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The hand-written vendor of the emulation tests (emu_rbd.c, emu_rados.c):
 * it implements the OLDER calls the emulations are built on, with real
 * behaviour where the emulations depend on it (a snapshot list with
 * namespaces, -ERANGE sizing, per-entry cleanups that free), and records
 * each call here so that a test can check what an emulation asked for.
 * The state lives in its own small library, linked by the mocks and by the
 * tests alike.
 */
#ifndef EMU_STATE_H
#define EMU_STATE_H

#include <stddef.h>
#include <stdint.h>

#define EMU_MAX_SNAPS 64
#define EMU_MAX_STR 4
#define EMU_STR_LEN 128

struct emu_snap {
  uint64_t id;
  char name[EMU_STR_LEN];
  int ns; /* rbd_snap_namespace_type_t */
};

struct emu_state {
  /* What the vendor has. */
  int nsnaps;
  struct emu_snap snaps[EMU_MAX_SNAPS];
  int snap_list_error; /* nonzero: rbd_snap_list() answers it */
  int open_error;      /* nonzero: rbd_open_read_only() answers it */
  int ret;             /* what the recording calls answer */

  /* What was asked of it: the last recorded call, and counters. */
  char fn[64]; /* name of the last recorded call, "" if none */
  int calls;   /* recorded calls */
  int has_str[EMU_MAX_STR];
  char str[EMU_MAX_STR][EMU_STR_LEN];
  uint64_t u[8];
  const void *p[4];
  int snap_list_calls;
  int closes;
  int item_cleanups;  /* per-entry cleanups run by the vendor */
  int diff_cb_result; /* what the caller's diff callback returned */
};

extern struct emu_state emu;

/* Forget the calls and set the default snapshots:
 *   3 "old" user, 5 "shared" trash, 8 "shared" user,
 *   11 ".group.1_2_3" group, 12 "mirror-only" mirror. */
void emu_reset(void);
void emu_add_snap(uint64_t id, const char *name, int ns);
/* Record a call: its name, up to EMU_MAX_STR strings (NULL recorded as
 * absent) and numbers. */
void emu_record(const char *fn);
void emu_str(int i, const char *s);
void emu_strn(int i, const char *s, size_t n);

/* rados_exec() and the I/O contexts of the rbd_mirror_uuid_get emulation
 * (emu_rados.c): the reply the class method gives, or an error. Reset by
 * emu_reset(). */
struct emu_exec {
  int error;        /* nonzero: rados_exec() answers it */
  int create_error; /* nonzero: rados_ioctx_create2() answers it */
  size_t reply_len;
  unsigned char reply[512];
  int calls, creates, destroys;
  int64_t pool_id; /* given to rados_ioctx_create2() */
  char oid[64], cls[32], method[64];
};

extern struct emu_exec emu_exec;

#endif
