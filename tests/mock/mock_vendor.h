/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The mock vendor library: every function records its arguments (as
 * 64-bit values) and returns a value derived from its row of the function
 * table, so a test can check that the shim passed both through unchanged.
 * The record lives in libmockrec.so, shared by the mock librbd, the mock
 * librados and the test program.
 */
#ifndef MOCK_VENDOR_H
#define MOCK_VENDOR_H

#include <stdint.h>
#include <string.h>

#define MOCK_EXPORT __attribute__((visibility("default")))
#define MOCK_MAX_ARGS 16
#define MOCK_MAX_ROWS 1024

struct mock_call {
  unsigned idx; /* row of the function table */
  unsigned nargs;
  uint64_t args[MOCK_MAX_ARGS];
};

/* The last call, and how often each row was called. */
extern struct mock_call mock_last;
extern unsigned long mock_calls[MOCK_MAX_ROWS];

void mock_record(unsigned idx, unsigned nargs, const uint64_t *args);
void mock_reset(void);

/* What row idx returns: distinct per row in its low 32 bits and in full. */
static inline uint64_t mock_ret_value(unsigned idx)
{
  return UINT64_C(0x5A5A000000000000) | ((uint64_t)idx << 20) |
         (uint64_t)(idx + 1000);
}

static inline uint64_t mock_bits_float(float f)
{
  uint32_t u;

  memcpy(&u, &f, sizeof u);
  return u;
}

static inline uint64_t mock_bits_double(double d)
{
  uint64_t u;

  memcpy(&u, &d, sizeof u);
  return u;
}

#endif
