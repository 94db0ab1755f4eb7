/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Waiting for a completion, and asking whether it is complete, from the
 * other questions librados answers about a completion.
 *
 * A consumer that waits and then reads the return value (python3-rados'
 * Completion.wait_for_complete(), get_return_value()) would otherwise read
 * it before the operation is done: 0, success, for an operation that may
 * still fail, or a read whose buffer is not filled yet. python3-rados
 * ignores what the wait returns, so an error of the wait is not enough:
 * the emulation must wait by whatever means the vendor has left.
 *
 * Every one of these questions answers "complete" only once the operation
 * is complete: since Luminous, the oldest release the table knows, an
 * operation is safe exactly when it is complete (upstream documents
 * wait_for_safe() as an alias of wait_for_complete() since then), and the
 * "_and_cb" forms also wait for the completion callback to have returned.
 * Any of them therefore gives an answer that is right, at worst later than
 * the function it stands for. The order prefers the exact question, then
 * the ones that do not wait for the caller's own callback (a caller that
 * waits inside that callback would wait for itself). Real librados never
 * answers -ENOSYS to these: it means the shim's stub, i.e. the vendor lacks
 * that question too, and the next one is tried. The is_complete emulation
 * uses only is_* questions and the waits use is_complete, so no emulation
 * here reaches itself.
 */
#include "rbdcompat_internal.h"
#include "emu_decls.h"

#include <errno.h>
#include <time.h>

/* rados_aio_wait_for_safe*() are deprecated in the header, not in the ABI:
 * here they are only another way to learn that an operation is done. */
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

static void pause_for(long *ns)
{
  struct timespec ts = { 0, *ns };

  nanosleep(&ts, NULL);
  if (*ns < 1000000)
    *ns *= 2;
}

/* emulation: the first of rados_aio_is_safe(), rados_aio_is_complete_and_cb()
 * and rados_aio_is_safe_and_cb() the vendor has (each non-zero only once the
 * operation is complete) */
int rbdcompat_emu_rados_aio_is_complete(rados_completion_t c)
{
  int r = rados_aio_is_safe(c);

  if (r == -ENOSYS)
    r = rados_aio_is_complete_and_cb(c);
  if (r == -ENOSYS)
    r = rados_aio_is_safe_and_cb(c);
  return r;
}

/* emulation: polls rados_aio_is_complete() (itself emulated when missing;
 * 10 us to 1 ms apart) until the operation is complete, else the first
 * blocking wait the vendor has (for safe, then with the callbacks); 0 as
 * upstream, -ENOSYS when the vendor has no way to tell */
int rbdcompat_emu_rados_aio_wait_for_complete(rados_completion_t c)
{
  long ns = 10000;
  int r;

  while ((r = rados_aio_is_complete(c)) == 0)
    pause_for(&ns);
  if (r != -ENOSYS)
    return r < 0 ? r : 0;
  r = rados_aio_wait_for_safe(c);
  if (r == -ENOSYS)
    r = rados_aio_wait_for_complete_and_cb(c);
  if (r == -ENOSYS)
    r = rados_aio_wait_for_safe_and_cb(c);
  return r;
}

/* emulation: polls rbd_aio_is_complete() (10 us to 1 ms apart) until the
 * operation is complete, then 0 as upstream; -ENOSYS when the vendor lacks
 * that too (librbd has no other way to ask) */
int rbdcompat_emu_rbd_aio_wait_for_complete(rbd_completion_t c)
{
  long ns = 10000;
  int r;

  while ((r = rbd_aio_is_complete(c)) == 0)
    pause_for(&ns);
  return r < 0 ? r : 0;
}
