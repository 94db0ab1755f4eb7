#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Build fuzz_config.c with clang's libFuzzer (plus ASan and UBSan) and run
# it briefly: FUZZ_SECONDS (default 10) of fuzzing from a few seeds. A
# crash, a sanitizer report or a failed check fails the test and leaves
# the input in WORK_DIR. Skipped when clang or libFuzzer is not there.
#
# Usage: fuzz.sh SOURCE_ROOT WORK_DIR
set -eu

src=$1
work=$2
seconds=${FUZZ_SECONDS:-10}
clang=${FUZZ_CC:-clang}

command -v "$clang" >/dev/null || { echo "fuzz: no $clang; skipped"; exit 77; }
mkdir -p "$work"
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)\n{ (void)d; (void)n; return 0; }\n' \
  > "$work/probe.c"
if ! "$clang" -fsanitize=fuzzer -o "$work/probe" "$work/probe.c" 2>/dev/null; then
  echo "fuzz: $clang cannot link libFuzzer (libclang-rt-dev missing?); skipped"
  exit 77
fi

"$clang" -std=c11 -D_GNU_SOURCE -g -O1 -Wall -Wextra -Werror \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$src/include" -I"$src/shim" -I"$src/lib" \
  -o "$work/fuzz_config" "$src/tests/faults/fuzz_config.c" -ldl

# Seeds: one per target (the first byte), including a name list with the
# name after the NUL, and values around PATH_MAX.
seeds=$work/seeds
corpus=$work/corpus
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus"
printf '\000a, rbd_close ,b\000rbd_close' > "$seeds/list"
printf '\005,,\t\000rbd_flush' > "$seeds/list-blank"
printf '\001debug' > "$seeds/log"
printf '\002%%s%%n' > "$seeds/logline"
printf '\003/nonexistent/librbd.so.1' > "$seeds/path"
printf '\023/usr/lib/librbd.so.1' > "$seeds/path-lib"
printf '\004/tmp' > "$seeds/dir"
{ printf '\003'; head -c 4100 /dev/zero | tr '\0' '/'; } > "$seeds/path-long"
{ printf '\004'; head -c 4084 /dev/zero | tr '\0' '/'; } > "$seeds/dir-long"

cd "$work"
echo "fuzz: ${seconds}s of fuzz_config"
# -error_exitcode: libFuzzer's default, 77, means "skipped" to meson.
"$work/fuzz_config" -max_total_time="$seconds" -max_len=8192 -timeout=10 \
  -error_exitcode=1 -timeout_exitcode=1 -rss_limit_mb=2048 \
  -print_final_stats=1 "$corpus" "$seeds"
