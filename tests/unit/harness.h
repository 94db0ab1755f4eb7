/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Helpers for the unit tests. Each Check test runs in a child forked from
 * the runner, which never calls the shim itself: every test starts with a
 * shim that has resolved nothing and loaded no vendor library.
 */
#ifndef HARNESS_H
#define HARNESS_H

#include <check.h>
#include <stddef.h>

/* Point RBDCOMPAT_LIBRBD/RBDCOMPAT_LIBRADOS at a mock vendor variant
 * ("full", "old", "missing", "special") under $MOCK_DIR. */
/* The "missing" variant lacks every function emulated in the emulation
 * sources tests/meson.build names (the cleanups, the pure emulations), and
 * these, which the tests call for an answer of each kind (one per stub
 * convention, an emulation over a missing vendor call, a versioned row);
 * gen/lists.py --emit mock-omit reads this line:
 * mock-missing: rbd_lock_acquire rbd_aio_get_arg rbd_aio_release
 *   rbd_snap_exists rados_get_last_version rados_create_read_op
 *   rados_pool_lookup rados_blocklist_add rados_ioctx_pool_stat_LIBRADOS_14_2_0
 */
void use_vendor(const char *rbd_variant, const char *rados_variant);
/* The path of a mock variant's library file. */
const char *mock_path(const char *variant, const char *file);

/* Collect what the shim writes to stderr. */
void capture_start(void);
/* Stop collecting; returns what was written (static buffer). */
const char *capture_stop(void);
/* How many lines of text contain needle. */
int count_lines(const char *text, const char *needle);

/* The shim's own handle, and a row's entry point in it (any version). */
void *shim_handle(void);
void *shim_entry(const char *name, const char *version);

/* Run a Check suite; returns the exit status for main(). */
int run_suite(Suite *s);

#endif
