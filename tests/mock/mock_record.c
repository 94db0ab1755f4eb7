/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "mock_vendor.h"

MOCK_EXPORT struct mock_call mock_last;
MOCK_EXPORT unsigned long mock_calls[MOCK_MAX_ROWS];

MOCK_EXPORT void mock_record(unsigned idx, unsigned nargs, const uint64_t *args)
{
  unsigned i;

  /* Relaxed atomic stores: threaded tests call mocks at once, and only
   * single-threaded tests read the last call back. */
  __atomic_store_n(&mock_last.idx, idx, __ATOMIC_RELAXED);
  __atomic_store_n(&mock_last.nargs, nargs, __ATOMIC_RELAXED);
  for (i = 0; i < nargs && i < MOCK_MAX_ARGS; i++)
    __atomic_store_n(&mock_last.args[i], args[i], __ATOMIC_RELAXED);
  if (idx < MOCK_MAX_ROWS)
    __atomic_add_fetch(&mock_calls[idx], 1, __ATOMIC_RELAXED);
}

MOCK_EXPORT void mock_reset(void)
{
  memset(&mock_last, 0, sizeof mock_last);
  memset(mock_calls, 0, sizeof mock_calls);
}
