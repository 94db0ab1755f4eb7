/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A library only to be named in a DT_NEEDED entry, and never installed. */
int rbdcompat_test_absent_marker;
