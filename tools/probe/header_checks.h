/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What --headers compares (generated: header_checks.c, made at build time
 * from our headers by gen_probe_data.py; nothing here is kept by hand).
 */
#ifndef PROBE_HEADER_CHECKS_H
#define PROBE_HEADER_CHECKS_H

enum hc_kind {
  HC_MACRO,      /* #define NAME value */
  HC_ENUMERATOR, /* an enum constant */
  HC_TYPE,       /* a struct/enum type: size and alignment */
  HC_MEMBER,     /* a struct member: offset and size */
  HC_TYPEDEF,    /* a typedef: same type (and size) */
  HC_FUNCTION,   /* a function: same prototype */
};

/* How a different value of a constant is judged. */
enum hc_class {
  HC_PLAIN,   /* a value of its own: a difference is incompatible */
  HC_DERIVED, /* made of other constants (feature masks): differs when the
                 set grows, which its parts' own checks judge */
  HC_RELEASE, /* says which release the headers are (LIBRBD_VER_*,
                 *_SUPPORTS_*): differs between any two releases */
};

struct header_check {
  const char *name; /* "RBD_FEATURE_LAYERING", "rbd_image_info_t.size" */
  unsigned char kind, cls;
  const char *header;    /* which of our headers declares it */
  const char *ours;      /* our declaration (functions, typedefs, members),
                         or NULL */
  unsigned short family; /* constants upstream extends at the end (one
                            enum, one run of flags), or 0 */
};

extern const struct header_check header_checks[];
extern const unsigned header_nchecks;

/* The C program printing every check's value, and for each of its lines
 * the check it belongs to, plus one (0: none). It includes "skip.h",
 * which defines SKIP_<n> for the checks that do not compile. */
extern const char header_program[];
extern const unsigned short header_program_owner[];
extern const unsigned header_program_lines;

struct header_file {
  const char *path; /* "rbd/librbd.h" */
  const char *text;
};

/* Our headers, as the build saw them. */
extern const struct header_file our_headers[];
extern const unsigned our_nheaders;

#endif
