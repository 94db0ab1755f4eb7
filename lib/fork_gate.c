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
 * fork itself).
 *
 * The handler is registered by the first load, not when the shim is
 * loaded: a preloaded shim is in every process of a pod, most of which
 * never call Ceph, and a fork can only race a load that has started. No
 * load starts before the registration has returned: a second thread's
 * load waits for the first one's registration, which can itself wait for
 * a fork running in a third thread (glibc holds its fork-handler lock
 * through the fork); that fork has no handler of ours to run and no load
 * of ours to wait for. A child forked while the parent was registering
 * may not have the handler (the registration had not happened yet), or it
 * has it and runs it; either way its first load sees an unfinished
 * registration of another process and registers again, or the handler
 * marked it done. A load nested in the registering thread (a signal
 * handler) counts as nested and does not wait for it.
 *
 * Nobody waits long: a load is one dlopen(). A fork waits two seconds at
 * most, then goes ahead (a vendor constructor that blocks, say on a lock
 * the forking thread holds, must not deadlock the process), and never for
 * loads of its own thread (a vendor constructor, or a signal handler,
 * that forks).
 *
 * Which thread makes each load is kept in a table of thread ids, not in a
 * thread-local variable: TLS would make the shim need the dynamic linker
 * itself (__tls_get_addr), one more object to find and symbol version to
 * check in every process that loads it. More loads at once than the table
 * holds are counted without a thread: a fork waits for those even when
 * they are its own (two seconds at most).
 */
#include "rbdcompat_internal.h"

#include <dlfcn.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define MAX_LOADS 256

/* The thread id of each load in progress (0: a free entry), and how many
 * more are in progress that the table had no room for. */
static atomic_int loader[MAX_LOADS];
static atomic_int loads_without_entry;
static atomic_int fork_pending;
/* 0: no handler yet; -P: process P is registering it; 1: registered. */
static atomic_int handler_state;
static atomic_int registering_thread;

static int thread_id(void)
{
  return (int)syscall(SYS_gettid);
}

/* Does thread tid have a load in progress? */
static int loading(int tid)
{
  int i;

  for (i = 0; i < MAX_LOADS; i++)
    if (atomic_load(&loader[i]) == tid)
      return 1;
  return 0;
}

/* Has any thread but tid a load in progress? */
static int others_loading(int tid)
{
  int i, t;

  for (i = 0; i < MAX_LOADS; i++)
    if ((t = atomic_load(&loader[i])) != 0 && t != tid)
      return 1;
  return atomic_load(&loads_without_entry) > 0;
}

static void count_load(int tid)
{
  unsigned start = (unsigned)tid % MAX_LOADS, i;
  int free_entry;

  for (i = start; i < start + MAX_LOADS; i++) {
    free_entry = 0;
    if (atomic_compare_exchange_strong(&loader[i % MAX_LOADS], &free_entry,
                                       tid))
      return;
  }
  atomic_fetch_add(&loads_without_entry, 1);
}

static void uncount_load(int tid)
{
  int i, n, mine;

  for (i = 0; i < MAX_LOADS; i++) {
    mine = tid;
    if (atomic_compare_exchange_strong(&loader[i], &mine, 0))
      return;
  }
  /* Not in the table: counted without an entry (or forgotten by a fork,
   * if this is a child: then there is nothing to take back). */
  n = atomic_load(&loads_without_entry);
  while (n > 0 &&
         !atomic_compare_exchange_weak(&loads_without_entry, &n, n - 1))
    ;
}

static void before_fork(void)
{
  struct timespec ms = { 0, 1000000L };
  int me = thread_id(), waited;

  atomic_store(&fork_pending, 1);
  for (waited = 0; others_loading(me) && waited < 2000; waited++)
    nanosleep(&ms, NULL);
}

static void after_fork_in_parent(void)
{
  atomic_store(&fork_pending, 0);
}

static void after_fork_in_child(void)
{
  int i;

  /* The only thread left is the forking one, and loads of its own never
   * make a fork wait: none needs to stay counted. */
  for (i = 0; i < MAX_LOADS; i++)
    atomic_store(&loader[i], 0);
  atomic_store(&loads_without_entry, 0);
  atomic_store(&fork_pending, 0);
  /* This handler runs, so it is registered, even if the parent's thread
   * that registered it had not said so yet. */
  atomic_store(&handler_state, 1);
}

#if defined(__GLIBC__)
/* pthread_atfork() is a static stub before glibc 2.28 and a compat symbol
 * after; __register_atfork is what both call, in libc since 2.3.2. It is
 * looked up by the first load rather than linked: a linked one is one
 * more symbol version (GLIBC_2.3.2 on x86_64) that the dynamic linker
 * checks in every process that loads the shim. */
typedef int (*register_atfork_fn)(void (*)(void), void (*)(void),
                                  void (*)(void), void *);
/* The C runtime's handle of this object (crtbegin.o). */
extern void *
    __dso_handle /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp) */
    __attribute__((weak));

static void register_fork_handlers(void (*prepare)(void), void (*parent)(void),
                                   void (*child)(void))
{
  void *p = dlsym(RTLD_DEFAULT, "__register_atfork");
  register_atfork_fn f;

  if (!p)
    return;                 /* not glibc after all: nothing to register with */
  memcpy(&f, &p, sizeof f); /* object to function pointer, as dlsym(3) */
  f(prepare, parent, child, &__dso_handle);
}
#else
#define register_fork_handlers(prepare, parent, child) \
  pthread_atfork((prepare), (parent), (child))
#endif

/* Register the fork handler once per process, before the first load.
 * A registration that seems to take two seconds (a fork in a new PID
 * namespace can give the child its parent's number) is done again: a
 * second copy of the handler only waits for the same loads. A load in a
 * signal handler of the registering thread does not wait for it. */
static void register_once(int tid)
{
  struct timespec ms = { 0, 1000000L };
  int me, s, waited = 0;

  if (atomic_load(&handler_state) == 1)
    return;
  me = (int)getpid();
  for (;;) {
    s = atomic_load(&handler_state);
    if (s == 1)
      return;
    if (s == -me && atomic_load(&registering_thread) == tid)
      return;
    if (s == -me && waited++ < 2000) { /* another thread is at it */
      nanosleep(&ms, NULL);
      continue;
    }
    /* None yet, or one a fork interrupted in the parent: ours to do. */
    if (atomic_compare_exchange_weak(&handler_state, &s, -me)) {
      atomic_store(&registering_thread, tid);
      register_fork_handlers(before_fork, after_fork_in_parent,
                             after_fork_in_child);
      atomic_store(&handler_state, 1);
      return;
    }
  }
}

void rbdcompat_fork_gate_enter(void)
{
  int tid = thread_id();

  if (loading(tid)) { /* nested: a fork does not wait for it */
    count_load(tid);
    return;
  }
  register_once(tid);
  for (;;) {
    while (atomic_load(&fork_pending))
      sched_yield();
    count_load(tid);
    if (!atomic_load(&fork_pending))
      return;
    uncount_load(tid); /* a fork came first */
  }
}

void rbdcompat_fork_gate_leave(void)
{
  uncount_load(thread_id());
}
