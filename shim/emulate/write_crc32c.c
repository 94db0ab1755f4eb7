/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rbd_aio_write_with_crc32c() (Tentacle) is rbd_aio_write2() with the
 * buffer's CRC-32C handed in, so that librbd can seed the checksum cache
 * of the data it sends instead of computing it. The data written, the
 * completion and the result are those of rbd_aio_write2(); an older
 * vendor just computes the checksum itself when it needs one.
 */
#include "rbdcompat_internal.h"
#include "emu_decls.h"

/* emulation: rbd_aio_write2(); the precomputed CRC-32C is only a hint, the
 * vendor computes its own */
int rbdcompat_emu_rbd_aio_write_with_crc32c(rbd_image_t image, uint64_t off,
                                            size_t len, const char *buf,
                                            uint32_t precomputed_crc32c,
                                            rbd_completion_t c, int op_flags)
{
  (void)precomputed_crc32c;
  return rbd_aio_write2(image, off, len, buf, c, op_flags);
}
