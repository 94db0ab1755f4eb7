/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef PROBE_USAGE_H
#define PROBE_USAGE_H

#include <stdio.h>

void usage(FILE *f);

#endif
