/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Running the C compiler and the programs it makes. */
#ifndef PROBE_SUBPROCESS_H
#define PROBE_SUBPROCESS_H

/* Run argv[0] (searched in PATH) with stdin from /dev/null, stdout and
 * stderr to the files named (created, truncated), in the C locale so that
 * compiler messages can be read. Returns the exit status, 128 + signal
 * when it was killed, or -1 with errno when it could not be started. */
int spawn_wait(char *const argv[], const char *out_path,
               const char *err_path);

#endif
