/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Signals arriving while 16 threads make their first calls: a SIGALRM
 * every 50 microseconds (setitimer), handled without SA_RESTART so that
 * any interruptible system call on the way (open, read, mmap, write of a
 * warning) can see EINTR. Every call must still get the right answer
 * (the vendor's, or the stub's for a function the vendor lacks), each
 * missing function must be reported exactly once, and nothing may hang.
 * Each round runs in a fresh child, so every round loads the vendor
 * libraries and resolves every function anew.
 */
#include "faults.h"
#include "harness.h"
#include "mock_vendor.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>

#include <rbd/librbd.h>
#include <rados/librados.h>

#define THREADS 16
#define ROUNDS 30

static atomic_uint ticks;
static pthread_barrier_t barrier;
static int failures[THREADS];

static void on_tick(int sig)
{
  (void)sig;
  atomic_fetch_add_explicit(&ticks, 1, memory_order_relaxed);
}

/* The "missing" mock vendor lacks the functions called below (the
 * "mock-missing:" line of tests/unit/harness.h). */
static void *first_calls(void *arg)
{
  long t = (long)arg;
  int bad = 0;

  pthread_barrier_wait(&barrier);
  /* Start only once the storm is on. */
  while (atomic_load_explicit(&ticks, memory_order_relaxed) < 2)
    ;
  bad |= (rbd_close((rbd_image_t)t) == -ENOSYS) << 0;
  bad |= (rbd_flush((rbd_image_t)t) == -ENOSYS) << 1;
  bad |= (rbd_lock_acquire(NULL, RBD_LOCK_MODE_SHARED) != -ENOSYS) << 2;
  errno = 0;
  bad |= (rbd_aio_get_arg(NULL) != NULL || errno != ENOSYS) << 3;
  bad |= (rados_ioctx_get_id(NULL) == -ENOSYS) << 4;
  bad |= (rados_pool_lookup(NULL, "rbd") != -ENOSYS) << 5;
  errno = 0;
  bad |= (rados_get_last_version(NULL) != 0 || errno != ENOSYS) << 6;
  failures[t] = bad;
  return NULL;
}

/* Signals each round's child took, shown in the test log (shared with
 * the children). */
static unsigned *ticks_per_round;

static int round_in_child(void *arg)
{
  struct itimerval storm = { { 0, 50 }, { 0, 50 } }, off;
  struct sigaction sa;
  pthread_t th[THREADS];
  const char *err;
  long t;

  use_vendor("missing", "missing");
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_tick;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0; /* no SA_RESTART: let system calls see EINTR */
  sigaction(SIGALRM, &sa, NULL);
  pthread_barrier_init(&barrier, NULL, THREADS);
  capture_start();
  setitimer(ITIMER_REAL, &storm, NULL);
  for (t = 0; t < THREADS; t++)
    if (pthread_create(&th[t], NULL, first_calls, (void *)t))
      return 20;
  for (t = 0; t < THREADS; t++)
    pthread_join(th[t], NULL);
  memset(&off, 0, sizeof off);
  setitimer(ITIMER_REAL, &off, NULL);
  ticks_per_round[(long)arg] = atomic_load(&ticks);
  err = capture_stop();
  for (t = 0; t < THREADS; t++)
    if (failures[t])
      return 30 + __builtin_ctz((unsigned)failures[t]);
  if (count_lines(err, "rbd_lock_acquire is missing") != 1 ||
      count_lines(err, "rbd_aio_get_arg is missing") != 1 ||
      count_lines(err, "rados_pool_lookup is missing") != 1 ||
      count_lines(err, "rados_get_last_version is missing") != 1)
    return 40;
  if (count_lines(err, "rbdcompat:") != 4)
    return 41;
  return 0;
}

START_TEST(signal_storm_during_first_calls_from_sixteen_threads)
{
  unsigned long total = 0;
  long r;

  ticks_per_round = mmap(NULL, ROUNDS * sizeof *ticks_per_round,
                         PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1,
                         0);
  ck_assert(ticks_per_round != MAP_FAILED);
  for (r = 0; r < fault_rounds(ROUNDS); r++) {
    int status = fault_run_child(round_in_child, (void *)r, 60);

    /* 3x: call that got a wrong answer (bit x of first_calls);
     * 40/41: missing functions not reported exactly once. */
    ck_assert_msg(status == 0, "round %ld: %s", r, fault_status_str(status));
    ck_assert_uint_ge(ticks_per_round[r], 2);
    total += ticks_per_round[r];
  }
  printf("signals: %lu SIGALRMs over %d rounds of first calls\n", total,
         fault_rounds(ROUNDS));
}
END_TEST

int main(void)
{
  Suite *s = suite_create("signals");
  TCase *tc = tcase_create("storm");

  tcase_set_timeout(tc, 600);
  tcase_add_test(tc, signal_storm_during_first_calls_from_sixteen_threads);
  suite_add_tcase(s, tc);
  return run_suite(s);
}
