#!/usr/bin/env python3
"""Defects found by driving the probe as a hostile user would (issue 12),
each checked here:

- a header that is a FIFO made --headers hang: refused, exit 2;
- #include "/dev/zero" made the compiler grow without end: it runs with
  capped memory and CPU, and the probe says why it failed (exit 2);
- a 2 GB --binary was read whole into memory: it is mapped, and only the
  pages the loader would read are touched (peak RSS far below its size);
- an ELF header followed by zeros was "covered" (exit 0): exit 2;
- a signedness-only change of a struct member (uint64_t -> int64_t) was
  not reported: incompatible, exit 1;
- --binary on a program linked to librbdcompat dropped its versioned
  needs (rados_ioctx_pool_stat@LIBRADOS_14.2.0): every need is listed;
- an old constant the vendor removed (RBD_FEATURE_JOURNALING) was filed
  as "newer than them": it is "removed"; a newer one stays "missing".
"""
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probecommon import (PROBE, check, check_eq, clean_env, done,  # noqa
                         nm_needs, run_probe, skip, table)

PAC = '/usr/include'
SHIM = os.environ.get('PROBE_SHIM', '')
if not os.path.exists(os.path.join(PAC, 'rbd', 'librbd.h')):
    skip('no Pacific headers in /usr/include (Debian librbd-dev)')
if not shutil.which('cc'):
    skip('no C compiler')
work = tempfile.mkdtemp(prefix='probe-hostile-')


def limited():
    # A guard for this machine should the probe's own limits be broken:
    # far above what it needs, far below what would hurt.
    resource.setrlimit(resource.RLIMIT_AS, (8 << 30, 8 << 30))


def probe(args, timeout=300):
    """(status, stdout, stderr, seconds, its peak RSS in MiB) of one run."""
    start = time.monotonic()
    with tempfile.TemporaryFile('w+') as o, tempfile.TemporaryFile('w+') as e:
        p = subprocess.Popen([PROBE] + args, stdout=o, stderr=e,
                             env=clean_env(), preexec_fn=limited)
        while True:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                p.kill()
                os.wait4(p.pid, 0)
                return None, '', 'timed out after %d s' % timeout, timeout, 0
            time.sleep(0.05)
        p.returncode = os.waitstatus_to_exitcode(status)
        o.seek(0)
        e.seek(0)
        return (p.returncode, o.read(), e.read(), time.monotonic() - start,
                usage.ru_maxrss // 1024)


def headers_copy(name):
    d = os.path.join(work, name)
    for sub in ('rbd', 'rados'):
        shutil.copytree(os.path.join(PAC, sub), os.path.join(d, sub))
    return d


def edit(path, old, new):
    s = open(path).read()
    if old not in s:
        skip('%s does not have %r' % (path, old))
    open(path, 'w').write(s.replace(old, new, 1))


# ---- a FIFO among the headers
d = headers_copy('fifo')
os.unlink(os.path.join(d, 'rbd', 'features.h'))
os.mkfifo(os.path.join(d, 'rbd', 'features.h'))
rc, out, err, secs, _ = probe(['--headers', d], timeout=60)
check(rc == 2 and 'rbd/features.h is not a regular file' in err,
      'a FIFO header: exit 2 at once (%.1f s): %s' % (secs, err.strip()))

# ---- #include "/dev/zero"
d = headers_copy('zero')
edit(os.path.join(d, 'rbd', 'features.h'), '#define', '#include "/dev/zero"\n#define')
rc, out, err, secs, _ = probe(['--headers', d], timeout=280)
check(rc == 2 and ('out of memory' in err or 'killed by signal' in err),
      '#include "/dev/zero": the capped compiler fails, exit 2, saying why'
      ' (%.1f s): %s' % (secs, err.strip()[:200]))

# ---- a 2 GB --binary (sparse: the disk holds only /bin/true)
big = os.path.join(work, 'big')
shutil.copyfile('/bin/true', big)
os.truncate(big, (2 << 30) - 4096)
rc, out, err, secs, rss = probe(['--binary', big])
check(rc == 0 and rss < 200,
      'a 2 GB --binary: exit %s, peak RSS %d MiB (< 200), %.1f s' % (
          rc, rss, secs))
os.unlink(big)

# ---- an ELF header followed by zeros
data = open('/bin/true', 'rb').read()
zeros = os.path.join(work, 'zeros')
with open(zeros, 'wb') as f:
    f.write(data[:64] + bytes(len(data) - 64))
rc, out, err, _, _ = probe(['--binary', zeros])
check(rc == 2 and 'no loadable segment' in err,
      'an ELF header followed by zeros: exit 2 (%s)' % err.strip())

# ---- a signedness-only member change, and a removed old constant
d = headers_copy('changed')
edit(os.path.join(d, 'rbd', 'librbd.h'), 'uint64_t num_objs;',
     'int64_t num_objs;')
for name in ('RBD_FEATURE_JOURNALING', 'RBD_FEATURE_DIRTY_CACHE'):
    feats = os.path.join(d, 'rbd', 'features.h')
    lines = open(feats).read().split('\n')
    kept = [x for x in lines if not x.startswith('#define %s ' % name)]
    if len(kept) != len(lines) - 1:
        skip('Pacific features.h does not define %s once' % name)
    open(feats, 'w').write('\n'.join(kept))
rc, out, err, doc = run_probe(['--json', '--headers', d])
check_eq(rc, 1, 'changed headers: exit 1')
diff = {(x['kind'], x['name']): x for x in doc['headers']['differences']}
m = diff.get(('member', 'rbd_image_info_t.num_objs'), {})
check(m.get('verdict') == 'incompatible' and 'another type' in m.get('theirs'),
      'uint64_t -> int64_t num_objs: incompatible (%s)' % m)
check_eq(sorted(n for (k, n), x in diff.items() if x['verdict'] ==
                'incompatible'), ['rbd_image_info_t.num_objs'],
         'nothing else incompatible')
check_eq(diff.get(('macro', 'RBD_FEATURE_JOURNALING'), {}).get('verdict'),
         'removed', 'RBD_FEATURE_JOURNALING (1<<6, older than DATA_POOL):'
         ' removed')
check_eq(diff.get(('macro', 'RBD_FEATURE_DIRTY_CACHE'), {}).get('verdict'),
         'missing', 'RBD_FEATURE_DIRTY_CACHE (the newest bit): missing')
check_eq(doc['headers']['removed'], 1, 'one removal counted')
rc, out, err, _ = run_probe(['--headers', d])
check('removed from these headers' in out and
      'constant      RBD_FEATURE_JOURNALING' in out.split(
          'removed from these headers')[1].split('missing from')[0],
      'the text report lists the removal as a removal')

# ---- a program linked to librbdcompat: every function of the table
if SHIM:
    rows = [r for r in table() if not r['abi_only']]
    names = sorted({r['name'] for r in rows})
    src = os.path.join(work, 'all.c')
    with open(src, 'w') as f:
        f.write('#include <rados/librados.h>\n#include <rbd/librbd.h>\n'
                '#pragma GCC diagnostic ignored "-Wdeprecated-declarations"\n'
                'void (*const all[])(void) = {\n')
        f.write(''.join('  (void (*)(void))%s,\n' % n for n in names))
        f.write('};\nint main(void) { return all[0] == 0; }\n')
    exe = os.path.join(work, 'all')
    subprocess.run(['cc', '-w', '-I', os.path.join(
        os.environ['PROBE_SRCDIR'], 'include'), src, '-o', exe,
        SHIM], check=True)
    want = sorted('%s@%s' % (n, v) if v else n
                  for n, v, _ in nm_needs(exe))
    rc, out, err, doc = run_probe(['--json', '--binary', exe])
    got = sorted('%s@%s' % (x['name'], x['version']) if x['version']
                 else x['name'] for x in doc['binaries'][0]['needs'])
    check('rados_ioctx_pool_stat@LIBRADOS_14.2.0' in want,
          'the program needs rados_ioctx_pool_stat@LIBRADOS_14.2.0 (nm)')
    check_eq(got, want, 'linked to librbdcompat: all %d needs listed, as'
             ' nm -D says' % len(want))
    b = doc['binaries'][0]
    check(b['links_librbdcompat'] and not b['links_librbd'],
          'linked to librbdcompat: links_librbdcompat, not links_librbd')
    rc, out, err, _ = run_probe(['--binary', exe])
    check('links librbdcompat.so.1;' in out and 'links neither' not in out,
          'the text report says it links librbdcompat.so.1')
    check("without librbdcompat: (it links librbdcompat.so.1; relinked"
          in out, 'and that it cannot run without it as it is')
shutil.rmtree(work)
done()
