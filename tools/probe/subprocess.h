/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Running the C compiler and the programs it makes. */
#ifndef PROBE_SUBPROCESS_H
#define PROBE_SUBPROCESS_H

/* What a child may use: the compiler runs on headers the probe does not
 * trust (#include "/dev/zero" makes it grow without end, a FIFO makes it
 * wait forever). The limits are far above what compiling the check
 * program takes. */
#define SPAWN_MEMORY_LIMIT ((unsigned long long)4 << 30) /* address space */
#define SPAWN_CPU_SECONDS 120
#define SPAWN_WALL_SECONDS 180

/* Run argv[0] (searched in PATH) with stdin from /dev/null, stdout and
 * stderr to the files named (created, truncated), in the C locale so that
 * compiler messages can be read, within the limits above (it and its
 * children are killed when the wall-clock limit passes). Returns the exit
 * status, 128 + signal when it was killed, or -1 with errno when it could
 * not be started. */
int spawn_wait(char *const argv[], const char *out_path, const char *err_path);

/* 128 + SIGKILL from the wall-clock limit is returned as this. */
#define SPAWN_TIMED_OUT 1000

#endif
