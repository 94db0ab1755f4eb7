/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A private scratch directory for the header comparison. */
#ifndef PROBE_TEMPDIR_H
#define PROBE_TEMPDIR_H

#include <stddef.h>

/* Make $TMPDIR/rbdcompat-probe.XXXXXX (or under /tmp); 0 or -1 + errno. */
int tempdir_make(char *out, size_t len);
/* Write text to dir/rel, making rel's directories; 0 or -1 + errno. */
int tempdir_write(const char *dir, const char *rel, const char *text);
/* Remove dir and everything in it (symlinks are removed, not followed). */
void tempdir_remove(const char *dir);

#endif
