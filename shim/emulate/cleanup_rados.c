/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Freeing what librados handed out as plain malloc()ed memory: output
 * buffers, object list entries, and the notify reply arrays that
 * rados_decode_notify_response() returns.
 */
#include "rbdcompat_internal.h"
#include "emu_decls.h"

#include <stdlib.h>

/* emulation: free(), as upstream does (NULL is fine) */
void rbdcompat_emu_rados_buffer_free(char *buf)
{
  free(buf);
}

/* emulation: rados_buffer_free() on each entry's oid, locator and nspace,
 * as upstream does; the array is the caller's */
void rbdcompat_emu_rados_object_list_free(const size_t result_size,
                                          rados_object_list_item *results)
{
  size_t i;

  for (i = 0; i < result_size; i++) {
    rados_buffer_free(results[i].oid);
    rados_buffer_free(results[i].locator);
    rados_buffer_free(results[i].nspace);
  }
}

/* emulation: frees each ack's payload, then the acks and timeouts arrays.
 * Upstream allocates those two arrays with new[]; this pairs with the
 * emulated rados_decode_notify_response(), which uses malloc(), and a
 * vendor lacking one of the two lacks both (both came in 15.2.0) */
void rbdcompat_emu_rados_free_notify_response(struct notify_ack_t *acks,
                                              size_t nr_acks,
                                              struct notify_timeout_t *timeouts)
{
  size_t i;

  for (i = 0; i < nr_acks; i++)
    free(acks[i].payload);
  free(acks);
  free(timeouts);
}
