/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Waiting for a completion, from asking whether it is complete.
 *
 * A consumer that waits and then reads the return value (python3-rados'
 * Completion.wait_for_complete(), get_return_value()) would otherwise read
 * it before the operation is done: 0, success, for an operation that may
 * still fail, or a read whose buffer is not filled yet. Polling
 * *_aio_is_complete() answers exactly what the wait answers (0, once the
 * operation is complete), only later by up to the polling interval
 * (doubling from 10 us to 1 ms). An error of the question (a vendor that
 * lacks it too: -ENOSYS) is returned as it is.
 */
#include "rbdcompat_internal.h"
#include "emu_decls.h"

#include <time.h>

static void pause_for(long *ns)
{
  struct timespec ts = { 0, *ns };

  nanosleep(&ts, NULL);
  if (*ns < 1000000)
    *ns *= 2;
}

/* emulation: polls rados_aio_is_complete() (10 us to 1 ms apart) until
 * the operation is complete, then 0 as upstream */
int rbdcompat_emu_rados_aio_wait_for_complete(rados_completion_t c)
{
  long ns = 10000;
  int r;

  while ((r = rados_aio_is_complete(c)) == 0)
    pause_for(&ns);
  return r < 0 ? r : 0;
}

/* emulation: polls rbd_aio_is_complete() (10 us to 1 ms apart) until the
 * operation is complete, then 0 as upstream */
int rbdcompat_emu_rbd_aio_wait_for_complete(rbd_completion_t c)
{
  long ns = 10000;
  int r;

  while ((r = rbd_aio_is_complete(c)) == 0)
    pause_for(&ns);
  return r < 0 ? r : 0;
}
