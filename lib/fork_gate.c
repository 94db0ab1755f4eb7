/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fork() must not split a process while one of its threads is inside the
 * shim's dlopen() of the vendor library: the child would inherit the
 * dynamic loader half-way through that load, and its own first call would
 * fail to load the vendor or hang. The gate counts loads in progress, and
 * a fork handler, registered on the first load (never at load time),
 * makes fork() wait until none is.
 */
#include "rbdcompat_internal.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

static atomic_int loads_in_progress;
static atomic_int registered;

static void wait_for_loads(void)
{
  while (atomic_load(&loads_in_progress))
    sched_yield();
}

#if defined(__GLIBC__)
/* pthread_atfork() is a static stub before glibc 2.28 and a compat symbol
 * after; __register_atfork is what both call, in libc since 2.3.2. */
extern int __register_atfork(void (*)(void), void (*)(void), void (*)(void),
                             void *);
extern void *__dso_handle __attribute__((weak));
__asm__(".symver __register_atfork, __register_atfork@GLIBC_2.3.2");
#define register_fork_handler(prepare) \
  __register_atfork((prepare), NULL, NULL, &__dso_handle)
#else
#define register_fork_handler(prepare) pthread_atfork((prepare), NULL, NULL)
#endif

void rbdcompat_fork_gate_enter(void)
{
  if (!atomic_load(&registered) && !atomic_exchange(&registered, 1))
    register_fork_handler(wait_for_loads);
  atomic_fetch_add(&loads_in_progress, 1);
}

void rbdcompat_fork_gate_leave(void)
{
  atomic_fetch_sub(&loads_in_progress, 1);
}
