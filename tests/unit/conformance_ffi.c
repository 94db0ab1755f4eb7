/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The libffi type of a signature's argument, for the conformance test and
 * the every-row benchmark. */
#include "conformance.h"

#include <ffi.h>

ffi_type *conformance_ffi_type(const struct ffi_arg_desc *d)
{
  if (!d->valid)
    return &ffi_type_void;
  if (d->tclass == TC_POINTER)
    return &ffi_type_pointer;
  if (d->tclass == TC_REAL)
    return d->size == 4 ? &ffi_type_float : &ffi_type_double;
  switch (d->size) {
  case 1:
    return &ffi_type_uint8;
  case 2:
    return &ffi_type_uint16;
  case 4:
    return &ffi_type_uint32;
  default:
    return &ffi_type_uint64;
  }
}
