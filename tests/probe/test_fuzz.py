#!/usr/bin/env python3
"""A short libFuzzer run of the ELF reader (tools/probe/fuzz/fuzz_elf,
built with clang, AddressSanitizer and UndefinedBehaviorSanitizer) from a
seed corpus of generated ELF files of both classes and byte orders.
FUZZ_RUNS (default 100000) sets its length."""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probecommon import HERE, check, done, skip  # noqa

fuzzer = os.environ.get('FUZZ_ELF')
if not fuzzer or not os.path.exists(fuzzer):
    skip('the fuzz target was not built (no clang with libFuzzer)')
work = tempfile.mkdtemp(prefix='probe-fuzz-')
corpus = os.path.join(work, 'corpus')
subprocess.run([sys.executable, os.path.join(HERE, 'make_elf.py'),
                '--corpus', corpus], check=True)
runs = os.environ.get('FUZZ_RUNS', '100000')
p = subprocess.run([fuzzer, '-runs=' + runs, '-max_len=4096', '-seed=1',
                    '-timeout=10', '-rss_limit_mb=1024',
                    '-artifact_prefix=' + work + '/', corpus],
                   capture_output=True, text=True, timeout=600)
tail = '\n'.join(p.stderr.splitlines()[-15:])
check(p.returncode == 0, 'fuzz_elf: %s runs without a finding\n%s' % (
    runs, tail if p.returncode else tail.splitlines()[-1]))
if p.returncode == 0:
    shutil.rmtree(work)
else:
    print('corpus and crash input kept in ' + work)
done()
