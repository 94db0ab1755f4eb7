/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The drop-in vendor directory chosen at build time (meson -Dvendor_dir). */
#include "rbdcompat_internal.h"

const char rbdcompat_default_vendor_dir[] = RBDCOMPAT_DEFAULT_VENDOR_DIR;
