/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * librados calls that upstream renamed or simplified, where the older call
 * does exactly the same: upstream's old names are now implemented by (or
 * as) the new ones.
 */
#include "rbdcompat_internal.h"
#include "emu_decls.h"

/* emulation: rados_aio_create_completion() without a "safe" callback, which
 * is what upstream's version 2 creates */
int rbdcompat_emu_rados_aio_create_completion2(void *cb_arg,
                                               rados_callback_t cb_complete,
                                               rados_completion_t *pc)
{
  return rados_aio_create_completion(cb_arg, cb_complete, NULL, pc);
}

/* emulation: rados_blacklist_add(), the same monitor command under its old
 * name (upstream now defines the old name through the new one) */
int rbdcompat_emu_rados_blocklist_add(rados_t cluster, char *client_address,
                                      uint32_t expire_seconds)
{
  return rados_blacklist_add(cluster, client_address, expire_seconds);
}

/* emulation: rados_set_osdmap_full_try(), the same flag under its old name */
void rbdcompat_emu_rados_set_pool_full_try(rados_ioctx_t io)
{
  rados_set_osdmap_full_try(io);
}

/* emulation: rados_unset_osdmap_full_try(), the same flag under its old
 * name */
void rbdcompat_emu_rados_unset_pool_full_try(rados_ioctx_t io)
{
  rados_unset_osdmap_full_try(io);
}
