/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Keep the x86_64 glibc build loadable on glibc 2.17 (CentOS 7).
 *
 * glibc 2.34 moved dlopen() and friends from libdl into libc under new
 * symbol versions (GLIBC_2.34). Binding the original GLIBC_2.2.5 versions
 * works on both sides: new glibc keeps them as compat symbols in libc, old
 * glibc has them in libdl.so.2, which the shim links (see meson.build).
 */
#ifndef RBDCOMPAT_GLIBC_COMPAT_H
#define RBDCOMPAT_GLIBC_COMPAT_H

#include <features.h>

#if defined(__GLIBC__) && defined(__x86_64__) && !defined(RBDCOMPAT_NO_GLIBC_COMPAT)
__asm__(".symver dlopen, dlopen@GLIBC_2.2.5");
__asm__(".symver dlsym, dlsym@GLIBC_2.2.5");
__asm__(".symver dlvsym, dlvsym@GLIBC_2.2.5");
__asm__(".symver dlerror, dlerror@GLIBC_2.2.5");
__asm__(".symver dladdr, dladdr@GLIBC_2.2.5");
__asm__(".symver dlclose, dlclose@GLIBC_2.2.5");
__asm__(".symver dlinfo, dlinfo@GLIBC_2.3.3");
#endif

#endif
