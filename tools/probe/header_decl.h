/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The vendor's declaration of a function or typedef, as text to show. */
#ifndef PROBE_HEADER_DECL_H
#define PROBE_HEADER_DECL_H

/* The declaration of name in dir's Ceph C headers, whitespace collapsed
 * (malloc'd), or NULL when it cannot be found. */
char *header_declaration(const char *dir, const char *name);

#endif
