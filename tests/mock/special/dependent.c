/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "mock_vendor.h"

#include <rados/librados.h>

/* Uses its librados, so that it is a real dependency. */
MOCK_EXPORT int dependent_marker(void)
{
  int a, b, c;

  rados_version(&a, &b, &c);
  return a;
}
