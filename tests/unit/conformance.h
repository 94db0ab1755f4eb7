/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Signatures of every row, for calling it through libffi (generated part:
 * conformance_sigs.c from gen/functable.py --emit ffi). */
#ifndef CONFORMANCE_H
#define CONFORMANCE_H

#include <stddef.h>

/* GCC's and clang's type classes (typeclass.h). */
enum {
  TC_INTEGER = 1,
  TC_CHAR = 2,
  TC_ENUM = 3,
  TC_BOOL = 4,
  TC_POINTER = 5,
  TC_REAL = 8
};

struct ffi_arg_desc {
  int tclass; /* __builtin_classify_type */
  size_t size;
  int valid;
};

#define FFI_ARG(...)                                                \
  {                                                                 \
    __builtin_classify_type((__VA_ARGS__)0), sizeof(__VA_ARGS__), 1 \
  }
#define FFI_RET_VOID \
  {                  \
    0, 0, 0          \
  }

struct ffi_sig {
  const char *name;
  const char *version;
  unsigned idx;
  unsigned nargs;
  struct ffi_arg_desc ret;
  const struct ffi_arg_desc *args;
};

/* The libffi type of an argument or return value (conformance_ffi.c). */
struct _ffi_type;
struct _ffi_type *conformance_ffi_type(const struct ffi_arg_desc *d);

extern const struct ffi_sig conformance_sigs[];
extern const unsigned conformance_nsigs;

#endif
