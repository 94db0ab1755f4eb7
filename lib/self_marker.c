/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The exported marker (librbdcompat_marker@LIBRBDCOMPAT_1, in the version
 * script) by which librbdcompat recognises ANY copy of itself: another
 * install loaded from another path, a copy renamed librbd.so.1. An address
 * range only knows this very copy; two copies that took each other for the
 * vendor would send a missing function back and forth forever.
 */
#include "rbdcompat_internal.h"

const char librbdcompat_marker[] = "librbdcompat";

/* The same object under a hidden name, for the shim's own references: one
 * to the exported name would be a GLOB_DAT relocation, a symbol lookup in
 * every process at load (-Bsymbolic-functions binds functions only). */
extern const char rbdcompat_marker_self[sizeof librbdcompat_marker]
    __attribute__((alias("librbdcompat_marker")));
