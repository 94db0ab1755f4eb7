/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Helpers shared by the fault tests: scratch files, running a piece of a
 * test in a child process with a deadline (a hang becomes a failure with a
 * message, not a stuck suite), and checks on what the shim wrote.
 */
#ifndef FAULTS_H
#define FAULTS_H

#include <stddef.h>
#include <sys/types.h>

/* A new directory under $TMPDIR (or /tmp); static buffer per call slot. */
const char *fault_tempdir(void);
/* Copy file src to dst (mode 0755); 0 on success. */
int fault_copy(const char *src, const char *dst);
/* dir/name in a static buffer (4 slots, like mock_path). */
const char *fault_join(const char *dir, const char *name);

/* Run fn(arg) in a forked child whose exit status is fn's return value.
 * Returns that status; -1 when the child was still running after
 * 'seconds' (it is killed, with its process group); -2 - signo when a
 * signal killed it. */
int fault_run_child(int (*fn)(void *), void *arg, unsigned seconds);
/* What fault_run_child() returned, in words (static buffer). */
const char *fault_status_str(int status);

/* The longest line of text, in bytes, excluding its newline. */
size_t fault_longest_line(const char *text);

/* A string of n copies of c (malloc'd, NUL-terminated). */
char *fault_repeat(char c, size_t n);

/* How many rounds a stress test runs: 'normal', or fewer when
 * RBDCOMPAT_FAULT_ROUNDS says so (valgrind runs every thread on one core
 * and each round costs 50 times more there; a few rounds still check
 * every access). */
int fault_rounds(int normal);

/* How many entries /proc/self/fd has (-1 if unavailable). */
int fault_count_fds(void);

#endif
