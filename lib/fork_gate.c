/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fork() must not split a process while one of its threads is inside the
 * shim's dlopen() of the vendor library: the child would inherit the
 * dynamic loader half-way through that load, and its own first call would
 * fail to load the vendor or hang.
 *
 * Both sides wait for the other: the fork handler marks a fork pending and
 * waits until no load is in progress; a load does not start while a fork
 * is pending (else one could start between the handler's check and the
 * fork itself). The handler is registered when the shim is loaded: on the
 * first load it could be too late, a second thread's load starting while
 * the first one's registration still waits for a concurrent fork.
 *
 * Nobody waits long: a load is one dlopen(). A fork waits two seconds at
 * most, then goes ahead (a vendor constructor that blocks, say on a lock
 * the forking thread holds, must not deadlock the process), and never for
 * loads of its own thread (a vendor constructor, or a signal handler,
 * that forks).
 */
#include "rbdcompat_internal.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <time.h>

static atomic_int loads_in_progress;
static atomic_int fork_pending;
static _Thread_local int loads_here;   /* this thread's, nested */

static void before_fork(void)
{
  struct timespec ms = { 0, 1000000L };
  int waited;

  atomic_store(&fork_pending, 1);
  for (waited = 0; atomic_load(&loads_in_progress) > loads_here &&
                   waited < 2000; waited++)
    nanosleep(&ms, NULL);
}

static void after_fork_in_parent(void)
{
  atomic_store(&fork_pending, 0);
}

static void after_fork_in_child(void)
{
  atomic_store(&loads_in_progress, loads_here); /* the only thread left */
  atomic_store(&fork_pending, 0);
}

#if defined(__GLIBC__)
/* pthread_atfork() is a static stub before glibc 2.28 and a compat symbol
 * after; __register_atfork is what both call, in libc since 2.3.2. */
extern int __register_atfork(void (*)(void), void (*)(void), void (*)(void),
                             void *);
extern void *__dso_handle __attribute__((weak));
__asm__(".symver __register_atfork, __register_atfork@GLIBC_2.3.2");
#define register_fork_handlers(prepare, parent, child) \
  __register_atfork((prepare), (parent), (child), &__dso_handle)
#else
#define register_fork_handlers(prepare, parent, child) \
  pthread_atfork((prepare), (parent), (child))
#endif

__attribute__((constructor)) static void fork_gate_init(void)
{
  register_fork_handlers(before_fork, after_fork_in_parent,
                         after_fork_in_child);
}

void rbdcompat_fork_gate_enter(void)
{
  if (loads_here++) { /* nested: the outer load is already counted */
    atomic_fetch_add(&loads_in_progress, 1);
    return;
  }
  for (;;) {
    while (atomic_load(&fork_pending))
      sched_yield();
    atomic_fetch_add(&loads_in_progress, 1);
    if (!atomic_load(&fork_pending))
      return;
    atomic_fetch_sub(&loads_in_progress, 1); /* a fork came first */
  }
}

void rbdcompat_fork_gate_leave(void)
{
  loads_here--;
  atomic_fetch_sub(&loads_in_progress, 1);
}
