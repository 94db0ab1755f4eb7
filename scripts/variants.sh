#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Build librbdcompat in a build directory of its own and run the unit suite
# (meson test --suite unit) under one checker each:
#
#   asan      AddressSanitizer + UndefinedBehaviorSanitizer (gcc)
#   tsan      ThreadSanitizer (gcc)
#   memcheck  valgrind memcheck around every compiled test program
#   clang     a plain clang build (-Werror), the whole suite
#   musl      musl-gcc: the library, the mocks and the Check-based tests
#             that do not need glibc (tests/platform/musl/run.sh)
#   all       each of the above, one after the other, with a summary
#
# The sanitizer and valgrind variants treat the tests that fork() amid
# threads apart (fork_heavy, below).
# Reports: sanitizer reports are collected from files and any one fails the
# variant; tsan-loader.supp and valgrind.supp each hold one documented
# class of false report from inside glibc's dynamic loader.
#
# Usage: scripts/variants.sh VARIANT... [-- extra meson setup options]
# Environment:
#   VARIANTS_BUILD_PREFIX  build directory prefix (default SRC/build-variant-);
#                          the variant name is appended
#   VARIANTS_JOBS          parallel jobs for ninja and meson test (default 2)
#   VARIANTS_TEST_ARGS     more `meson test` options (e.g. --no-suite probe)
# Exit status: 0 when every variant passed with zero reports.
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
prefix=${VARIANTS_BUILD_PREFIX:-$src/build-variant-}
jobs=${VARIANTS_JOBS:-2}
read -r -a test_args <<< "${VARIANTS_TEST_ARGS:-}"

variants=()
extra=()
while [ $# -gt 0 ]; do
  case $1 in
    --) shift; extra=("$@"); break ;;
    all) variants+=(clang asan tsan memcheck musl) ;;
    asan|tsan|memcheck|clang|musl) variants+=("$1") ;;
    *) echo "usage: $0 asan|tsan|memcheck|clang|musl|all... [-- meson options]" >&2
       exit 2 ;;
  esac
  shift
done
[ ${#variants[@]} -gt 0 ] || { echo "usage: $0 asan|tsan|memcheck|clang|musl|all" >&2; exit 2; }

log() { printf 'variants: %s\n' "$*" >&2; }

# meson setup, or reconfigure with the same options when the directory
# exists, so that a second run only rebuilds what changed.
setup() {
  local dir=$1; shift
  if [ -f "$dir/meson-private/coredata.dat" ]; then
    meson setup --reconfigure "$dir" "$src" "$@" "${extra[@]}" >/dev/null
  else
    meson setup "$dir" "$src" "$@" "${extra[@]}" >/dev/null
  fi
  ninja -C "$dir" -j "$jobs" >/dev/null
}

# The names of the unit tests to run in a variant: suite unit, not the
# names given. With
# --compiled, only those whose command is a compiled program (an ELF file,
# not a shell or Python script): a wrapper such as valgrind applies to
# those only, since checking bash or python tells nothing about the shim.
unit_tests() {
  local dir=$1 compiled=0
  shift
  if [ "${1:-}" = --compiled ]; then compiled=1; shift; fi
  meson introspect --tests "$dir" | python3 -c '
import json, sys
compiled, skip = sys.argv[1] == "1", set(sys.argv[2:])
for t in json.load(sys.stdin):
    suites = [s.split(":")[-1] for s in t["suite"]]
    if "unit" not in suites or t["name"] in skip:
        continue
    if compiled:
        try:
            with open(t["cmd"][0], "rb") as f:
                if f.read(4) != b"\x7fELF":
                    continue
        except OSError:
            continue
    print(t["name"])' "$compiled" "$@"
}

# Tests that fork() while other threads are making calls. Under valgrind,
# the child gets a copy of memory those threads were holding (a vendor
# record being loaded, glibc's per-thread dlerror state) and no thread to
# free it, so the leak check of every such child reports it: their memory
# accesses are checked, their leaks not. Under gcc 12's ASan and TSan they
# do not run at all: those runtimes do not hold their allocator's locks
# across fork(), so a child forked while another thread is in malloc()
# can deadlock inside the sanitizer (seen: a TSan child stuck in
# SizeClassAllocator64::GetFromAllocator). The plain, clang, valgrind and
# musl runs cover them; fault-signals runs 16 threads' first calls (in
# processes forked from a single thread) under the sanitizers.
fork_heavy=(threads fault-fork)

# Sanitizer reports go to files (log_path), not only to stderr: a test
# that captures stderr (most do, to check the shim's messages) would hide
# them. After the run every report is shown, and any report fails it.
reports_dir() {
  rm -rf "$1/sanitizer-reports"
  mkdir -p "$1/sanitizer-reports"
  echo "$1/sanitizer-reports"
}

show_reports() {
  local n
  n=$(find "$1" -type f | wc -l)
  if [ "$n" -gt 0 ]; then
    log "$n sanitizer report(s):"
    find "$1" -type f -exec cat {} + >&2
    return 1
  fi
  log "no sanitizer reports"
}

run_asan() {
  local dir=${prefix}asan reports status=0 tests
  # b_lundef=false: the sanitizer runtimes are not linked into shared
  # libraries by every toolchain; -z defs in lib/meson.build still checks
  # the shim itself.
  setup "$dir" -Db_sanitize=address,undefined -Db_lundef=false
  reports=$(reports_dir "$dir")
  mapfile -t tests < <(unit_tests "$dir" "${fork_heavy[@]}")
  # verify_asan_link_order=0: tests that build an uninstrumented consumer
  # against this (instrumented) shim load the ASan runtime late; allowed,
  # at the price of not checking those consumers' own accesses.
  # FUZZ_SECONDS: the libFuzzer test is the same clang build in every
  # variant; the plain variants run it longer. Timeouts as the tests set
  # them (each is many times what the test takes under a sanitizer): a
  # hang must not eat the CI budget.
  ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1:print_summary=1:verify_asan_link_order=0:log_path=$reports/asan \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:print_summary=1:log_path=$reports/ubsan \
  FUZZ_SECONDS=3 CK_TIMEOUT_MULTIPLIER=2 \
    meson test -C "$dir" "${test_args[@]}" --num-processes "$jobs" \
      --timeout-multiplier 1 --print-errorlogs \
      "${tests[@]}" || status=1
  show_reports "$reports" || status=1
  return $status
}

run_tsan() {
  local dir=${prefix}tsan reports status=0 tests
  setup "$dir" -Db_sanitize=thread -Db_lundef=false
  reports=$(reports_dir "$dir")
  mapfile -t tests < <(unit_tests "$dir" "${fork_heavy[@]}")
  # One suppression, of one class of false reports (the dynamic loader's
  # locking is invisible to TSan; see tsan-loader.supp). Anything else is
  # a finding to fix, not to hide.
  TSAN_OPTIONS=halt_on_error=1:exitcode=66:second_deadlock_stack=1:log_path=$reports/tsan:suppressions=$src/scripts/tsan-loader.supp \
  FUZZ_SECONDS=3 CK_TIMEOUT_MULTIPLIER=2 \
    meson test -C "$dir" "${test_args[@]}" --num-processes "$jobs" \
      --timeout-multiplier 1 --print-errorlogs \
      "${tests[@]}" || status=1
  show_reports "$reports" || status=1
  return $status
}

run_memcheck() {
  local dir=${prefix}memcheck tests=() forky=() t status=0
  local vg="valgrind --quiet --error-exitcode=1 --child-silent-after-fork=no \
--track-origins=yes --trace-children=yes --suppressions=$src/scripts/valgrind.supp"
  setup "$dir"
  for t in $(unit_tests "$dir" --compiled); do
    if [[ " ${fork_heavy[*]} " == *" $t "* ]]; then forky+=("$t"); else tests+=("$t"); fi
  done
  # Check forks a child per test; valgrind follows fork() by itself, and
  # each child is checked and reported on. --trace-children: a test that
  # re-executes itself (fault-env) stays under valgrind. Only definite
  # leaks count: what the shim keeps for the life of the process (the
  # loaded vendor, its record) is reachable by design. valgrind.supp: one
  # false report inside glibc's dynamic loader.
  # The tests' own timeouts (300-600 s) are many times what they take, even
  # here (the longest, threads, takes ~260 s under valgrind): a multiplier
  # of 2 keeps a hang from eating the CI budget. CK_TIMEOUT_MULTIPLIER:
  # Check's per-test timeouts likewise.
  export RBDCOMPAT_FAULT_ROUNDS=3 CK_TIMEOUT_MULTIPLIER=4
  meson test -C "$dir" --num-processes "$jobs" --timeout-multiplier 2 \
    --print-errorlogs --logbase memcheck "${test_args[@]}" \
    --wrapper "$vg --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite" \
    "${tests[@]}" || status=1
  if [ ${#forky[@]} -gt 0 ]; then
    meson test -C "$dir" --no-rebuild --num-processes "$jobs" \
      --timeout-multiplier 2 --print-errorlogs --logbase memcheck-fork \
      "${test_args[@]}" --wrapper "$vg --leak-check=no" "${forky[@]}" || status=1
  fi
  unset RBDCOMPAT_FAULT_ROUNDS CK_TIMEOUT_MULTIPLIER
  return $status
}

run_clang() {
  local dir=${prefix}clang
  CC=clang setup "$dir"
  meson test -C "$dir" --suite unit "${test_args[@]}" --num-processes "$jobs" \
    --print-errorlogs
}

run_musl() {
  MUSL_BUILD_DIR=${prefix}musl VARIANTS_JOBS=$jobs \
    "$src/tests/platform/musl/run.sh" "${extra[@]}"
}

failed=()
summary=()
for v in "${variants[@]}"; do
  log "== $v"
  start=$(date +%s)
  if "run_$v"; then status=ok; else status=FAILED; failed+=("$v"); fi
  secs=$(( $(date +%s) - start ))
  summary+=("$(printf '%-9s %-6s %4ds' "$v" "$status" "$secs")")
  log "== $v: $status in ${secs}s"
done
log "summary:"
printf '  %s\n' "${summary[@]}" >&2
[ ${#failed[@]} -eq 0 ]
