/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * emucmp: runs the shim's emulated functions (and the real ones, when the
 * vendor has them) against a real cluster and prints what they return, in
 * a form that does not depend on the run: no ids, uuids, addresses or
 * times, object and image names without the run's prefix. run.sh diffs
 * the output of a Pacific vendor against a 14.2.21 vendor.
 */
#ifndef EMUCMP_H
#define EMUCMP_H

#include <stddef.h>
#include <stdint.h>

#include <rbd/librbd.h>
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include <rados/librados.h>

#define NOSNAP ((uint64_t)-2)

extern rados_t cluster;
extern rados_ioctx_t io;

/* One line of output. */
void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* An image or object name of this run: EMUCMP_PREFIX + base (static
 * buffers, a few at a time). */
const char *nm(const char *base);
/* A name the vendor returned, without this run's prefix. */
const char *base(const char *name);
/* Stop with a message when setup (not a compared call) fails. */
void need(int r, const char *what);

void section_features(void);
void section_snapshots(void);
void section_clone(void);
void section_cleanups(void);
void section_mirror(void);
void section_groups(void);
void section_omap(void);
void section_rados(void);
void section_uuid_on(void);
void section_uuid_off(void);
void section_uuid(void);

#endif
