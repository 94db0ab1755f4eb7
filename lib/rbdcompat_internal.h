/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * librbdcompat internals shared by the runtime (lib/), the generated ABI
 * surface (forwarders, table) and the emulations (shim/emulate/).
 */
#ifndef RBDCOMPAT_INTERNAL_H
#define RBDCOMPAT_INTERNAL_H

#include <stddef.h>

#include "glibc_compat.h"

#include <rbd/librbd.h>
#include <rados/librados.h>
#include "abi-only.h"

/* The shim implements the deprecated functions and types too. */
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

/* Everything is hidden (-fvisibility=hidden) except the C API. */
#define RBDCOMPAT_EXPORT __attribute__((visibility("default")))
#define RBDCOMPAT_HIDDEN __attribute__((visibility("hidden")))

/* Room for the warned-once flags; the table asserts it fits. */
#define RBDCOMPAT_MAX_FNS 1024

/* A function pointer of no particular type; cast to the row's type. */
typedef void (*rbdcompat_fnptr)(void);

enum rbdcompat_lib { RBDCOMPAT_LIB_RBD, RBDCOMPAT_LIB_RADOS, RBDCOMPAT_NLIBS };

/* What the stub of a missing function returns (see the README). */
enum rbdcompat_ret {
  RBDCOMPAT_RET_VOID,     /* nothing */
  RBDCOMPAT_RET_SIGNED,   /* -ENOSYS */
  RBDCOMPAT_RET_UNSIGNED, /* 0, errno = ENOSYS */
  RBDCOMPAT_RET_POINTER,  /* NULL, errno = ENOSYS */
};

/* What the shim does when the vendor lacks a function (recorded per row;
 * see gen/functable.py decide()). */
enum rbdcompat_decision {
  RBDCOMPAT_DECISION_FORWARDED, /* oldest release: stub if removed */
  RBDCOMPAT_DECISION_EMULATED,  /* exact emulation from older functions */
  RBDCOMPAT_DECISION_STUBBED,   /* no exact emulation: the stub answers */
  RBDCOMPAT_DECISION_UNDECIDED, /* only with meson -Dallow_undecided=true */
};

/* One row of the function table (generated: functable.c). It holds no
 * pointer, so that the table needs no relocation at load: a pointer in a
 * shared library's constant data is one more relocation, and a dirtied
 * page, in every process that loads the shim, Ceph or not. Its strings are
 * offsets into rbdcompat_strs (read them with the functions below); a
 * row's stub and emulation are passed by its own resolver. */
struct rbdcompat_fn {
  unsigned name_off;    /* offsets into rbdcompat_strs */
  unsigned version_off; /* 0: none; else "Base" (hidden compat) or a node */
  unsigned since_off;   /* upstream release that introduced it */
  unsigned why_off;     /* how it is emulated, or why it is not */
  unsigned char lib;    /* enum rbdcompat_lib */
  unsigned char ret;    /* enum rbdcompat_ret */
  unsigned char deprecated;
  unsigned char decision; /* enum rbdcompat_decision */
};

extern const struct rbdcompat_fn rbdcompat_fns[] RBDCOMPAT_HIDDEN;
extern const unsigned rbdcompat_nfns RBDCOMPAT_HIDDEN;
extern const char rbdcompat_strs[] RBDCOMPAT_HIDDEN;

static inline const char *rbdcompat_fn_name(const struct rbdcompat_fn *fn)
{
  return rbdcompat_strs + fn->name_off;
}

/* NULL for a row without a symbol version. */
static inline const char *rbdcompat_fn_version(const struct rbdcompat_fn *fn)
{
  return fn->version_off ? rbdcompat_strs + fn->version_off : NULL;
}

static inline const char *rbdcompat_fn_since(const struct rbdcompat_fn *fn)
{
  return rbdcompat_strs + fn->since_off;
}

static inline const char *rbdcompat_fn_why(const struct rbdcompat_fn *fn)
{
  return rbdcompat_strs + fn->why_off;
}

/* Resolve row idx: the vendor's function, else its emulation (NULL: it
 * has none), else its stub. Called once per row by the row's resolver,
 * which passes its own stub and emulation (addresses the code computes
 * relative to itself: no table of pointers to relocate); never fails. */
rbdcompat_fnptr rbdcompat_resolve(unsigned idx, rbdcompat_fnptr stub,
                                  rbdcompat_fnptr emulation) RBDCOMPAT_HIDDEN;

/* What a row's stub answers, in words ("returns -ENOSYS"). */
const char *
rbdcompat_stub_answer(const struct rbdcompat_fn *fn) RBDCOMPAT_HIDDEN;

/* --- the vendor libraries (lib/vendor.c) ----------------------------- */

struct rbdcompat_vendor {
  void *handle;      /* NULL when it could not be loaded */
  const char *path;  /* what was loaded, for messages */
  const char *error; /* why it could not be loaded */
};

/* Find and load the vendor library once (thread-safe, lock-free). */
const struct rbdcompat_vendor *
rbdcompat_vendor(enum rbdcompat_lib lib) RBDCOMPAT_HIDDEN;

/* The vendor's definition of a row, or NULL when it has none. Never
 * returns a definition of the shim itself. */
rbdcompat_fnptr
rbdcompat_vendor_sym(const struct rbdcompat_fn *fn) RBDCOMPAT_HIDDEN;

/* Is addr inside the shim's own object? */
int rbdcompat_is_self(const void *addr) RBDCOMPAT_HIDDEN;

/* The exported marker every copy of librbdcompat defines (self_marker.c). */
#define RBDCOMPAT_MARKER "librbdcompat_marker"
extern const char librbdcompat_marker[] RBDCOMPAT_EXPORT;
/* This copy's marker, referred to without a symbol lookup. */
extern const char rbdcompat_marker_self[] RBDCOMPAT_HIDDEN;

/* Around a load of the vendor library: fork() waits while one is in
 * progress (lib/fork_gate.c). */
void rbdcompat_fork_gate_enter(void) RBDCOMPAT_HIDDEN;
void rbdcompat_fork_gate_leave(void) RBDCOMPAT_HIDDEN;

/* The default vendor directory for drop-in installs (meson option). */
extern const char rbdcompat_default_vendor_dir[] RBDCOMPAT_HIDDEN;
/* The vendor directory in effect (RBDCOMPAT_VENDOR_DIR or the default),
 * with $ORIGIN expanded into buf; NULL when it cannot be expanded. */
const char *rbdcompat_vendor_dir(char *buf, size_t len) RBDCOMPAT_HIDDEN;

/* --- configuration (lib/config.c) ------------------------------------ */

enum rbdcompat_loglevel {
  RBDCOMPAT_LOG_OFF,
  RBDCOMPAT_LOG_WARN,
  RBDCOMPAT_LOG_DEBUG
};

/* getenv() unless the process runs with secure execution (setuid, file
 * capabilities): then NULL, so that no variable can choose a library. */
const char *rbdcompat_secure_getenv(const char *name) RBDCOMPAT_HIDDEN;
enum rbdcompat_loglevel rbdcompat_loglevel(void) RBDCOMPAT_HIDDEN;
/* Does the comma-separated list 'list' name 'name'? (RBDCOMPAT_DISABLE) */
int rbdcompat_list_has(const char *list, const char *name) RBDCOMPAT_HIDDEN;
int rbdcompat_disabled(const char *name) RBDCOMPAT_HIDDEN;

/* --- logging (lib/log.c) --------------------------------------------- */

/* One line on stderr, "rbdcompat: ..." (no stdio, no allocation). */
void rbdcompat_log(enum rbdcompat_loglevel level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3))) RBDCOMPAT_HIDDEN;

#endif
