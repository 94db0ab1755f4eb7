/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fork() while other threads are in the middle of their first calls: one
 * may be inside dlopen() of the vendor, another writing a warning, a
 * third publishing a resolved function. The child has only the forking
 * thread; it must be able to make its own first calls (the same
 * functions and others) and get the right answers. A lock held by a
 * thread that does not exist in the child would hang it: the child runs
 * with a deadline. Rounds run in fresh processes, forks happen at
 * staggered moments of the parent's loading.
 *
 * lib/fork_gate.c makes fork() wait while a thread is inside the shim's
 * dlopen() of the vendor (a fork handler registered on the first load).
 */
#include "faults.h"
#include "harness.h"
#include "mock_vendor.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/wait.h>
#include <unistd.h>

#include <rbd/librbd.h>
#include <rados/librados.h>

#define THREADS 8
#define ROUNDS 100
#define FORKS 4

static pthread_barrier_t barrier, forks_done;
static atomic_int bad_calls;

/* Non-zero, and a line on stderr, when a call gets a wrong answer. */
static int calls_are_right(void)
{
  const char *who = NULL;
  long r;

  if ((r = rbd_close((rbd_image_t)1)) == -ENOSYS)
    who = "rbd_close";
  else if ((r = rbd_flush((rbd_image_t)1)) == -ENOSYS)
    who = "rbd_flush";
  else if ((r = rbd_lock_acquire(NULL, RBD_LOCK_MODE_SHARED)) != -ENOSYS)
    who = "rbd_lock_acquire";
  else if ((r = (long)rados_ioctx_get_id(NULL)) == -ENOSYS)
    who = "rados_ioctx_get_id";
  else if ((r = rados_pool_lookup(NULL, "rbd")) != -ENOSYS)
    who = "rados_pool_lookup";
  else if ((r = (long)(rbd_aio_get_arg(NULL) != NULL)) != 0)
    who = "rbd_aio_get_arg";
  if (who)
    fprintf(stderr, "fork: pid %d: %s returned %ld\n", (int)getpid(), who, r);
  return who != NULL;
}

static void *first_calls(void *arg)
{
  (void)arg;
  pthread_barrier_wait(&barrier);
  if (calls_are_right())
    atomic_fetch_add(&bad_calls, 1);
  /* Stay until the forks are done: a thread that has ended but is not
   * joined when fork() copies the process is, to ThreadSanitizer, a thread
   * the child leaks. */
  pthread_barrier_wait(&forks_done);
  return NULL;
}

static pid_t fork_a_caller(void)
{
  pid_t pid = fork();

  if (pid == 0) {
    pid_t g;
    int status;

    signal(SIGALRM, SIG_DFL); /* not the handler of the Check runner */
    alarm(10); /* a deadlock in the child kills it: reported below */
    /* And a grandchild, forked by the child in turn. */
    g = fork();
    if (g == 0)
      _exit(calls_are_right() ? 3 : 0);
    if (calls_are_right())
      _exit(1);
    if (g < 0 || waitpid(g, &status, 0) != g)
      _exit(4);
    _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 5);
  }
  return pid;
}

static int round_in_child(void *arg)
{
  long round = (long)arg;
  pthread_t th[THREADS];
  pid_t kids[FORKS];
  int i, result = 0;

  use_vendor("missing", "missing");
  pthread_barrier_init(&barrier, NULL, THREADS + 1);
  pthread_barrier_init(&forks_done, NULL, THREADS + 1);
  for (i = 0; i < THREADS; i++)
    pthread_create(&th[i], NULL, first_calls, NULL);
  pthread_barrier_wait(&barrier);
  /* Fork at staggered moments of the others' first calls. */
  for (i = 0; i < FORKS; i++) {
    long spin = (round % 8) * 200 * (i + 1);

    while (spin-- > 0)
      sched_yield();
    kids[i] = fork_a_caller();
  }
  for (i = 0; i < FORKS; i++) {
    int status;

    if (kids[i] < 0 || waitpid(kids[i], &status, 0) != kids[i])
      result = result ? result : 50;
    else if (WIFSIGNALED(status))
      result = result ? result : 60 + WTERMSIG(status); /* 74: SIGALRM */
    else if (WEXITSTATUS(status))
      result = result ? result : 70 + WEXITSTATUS(status);
  }
  pthread_barrier_wait(&forks_done);
  for (i = 0; i < THREADS; i++)
    pthread_join(th[i], NULL);
  if (!result && atomic_load(&bad_calls))
    result = 90;
  return result;
}

START_TEST(fork_while_first_calls_are_in_flight)
{
  long r;

  for (r = 0; r < fault_rounds(ROUNDS); r++) {
    int status = fault_run_child(round_in_child, (void *)r, 20);

    /* 6x: a forked child was killed by signal x (74: hung, SIGALRM);
     * 7x: it got a wrong answer; 90: a parent thread did. */
    ck_assert_msg(status == 0, "round %ld: %s", r, fault_status_str(status));
  }
}
END_TEST

int main(void)
{
  Suite *s = suite_create("fork");
  TCase *tc = tcase_create("in_flight");

  tcase_set_timeout(tc, 600);
  tcase_add_test(tc, fork_while_first_calls_are_in_flight);
  suite_add_tcase(s, tc);
  return run_suite(s);
}
