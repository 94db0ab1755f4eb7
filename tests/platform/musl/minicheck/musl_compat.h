/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Force-included (check.pc's Cflags) into the tests built with musl.
 *
 * musl has no dlvsym(): it binds the default version of a symbol only and
 * offers no way to ask for another. The unit-test harness calls dlvsym()
 * for the symbol-versioned rows, so this answers with dlsym(), which on
 * musl is the default version: right when the default version is the one
 * asked for, wrong otherwise. The tests that ask for a hidden version
 * (versions, conformance) are not run on musl (see run.sh); what a musl
 * program gets for those rows is tested by musl_versions.c instead.
 */
#ifndef MINICHECK_MUSL_COMPAT_H
#define MINICHECK_MUSL_COMPAT_H

#include <dlfcn.h> /* and through it <features.h>: __GLIBC__ or not */

#if !defined(__GLIBC__)

static inline void *dlvsym(void *handle, const char *name, const char *version)
{
  (void)version;
  return dlsym(handle, name);
}
#endif

#endif
