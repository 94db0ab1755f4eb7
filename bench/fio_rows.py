#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""fio_rows.py SHIM SECONDS REPS: the real-I/O rows of bench/run.

Runs inside tests/cluster/with-cluster.sh (CEPH_CONF names the throw-away
cluster). Creates a 64 MiB image, fills it (reads of never-written
objects would not reach the OSD's data), then runs fio's rbd engine, 4k
random reads and writes at iodepth 1 and 32, alternating without and with
LD_PRELOAD=SHIM, REPS times each for SECONDS. The clients run with
rbd_cache off (a private copy of the cluster's conf): with the cache,
whether a random read hits RAM is luck, and the run-to-run spread would
hide the 1% the ratio is about. Prints one JSON object:
{"shim_resolved": N, "results": {"randread qd1": {"base": [...],
"shim": [...]}, ...}} where each run is {"iops", "lat_mean_us",
"lat_p99_us"}.
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import alternate, log  # noqa: E402

IMAGE = 'rbd/bench'
CONFIGS = [('randread', 1), ('randread', 32), ('randwrite', 1),
           ('randwrite', 32)]


def fio_args(rw, depth, seconds):
    return ['fio', '--name=bench', '--ioengine=rbd', '--clientname=admin',
            '--pool=rbd', '--rbdname=bench', '--rw=%s' % rw, '--bs=4k',
            '--iodepth=%d' % depth, '--numjobs=1', '--size=64M',
            '--time_based', '--runtime=%d' % seconds, '--ramp_time=1',
            '--lat_percentiles=1', '--clat_percentiles=0',
            '--output-format=json']


def run_fio(args, env):
    p = subprocess.run(args, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True, timeout=600)
    if p.returncode != 0:
        raise RuntimeError('fio failed (%d): %s' % (p.returncode,
                                                    p.stderr[-2000:]))
    return p


def measure(rw, depth, seconds, env):
    job = json.loads(run_fio(fio_args(rw, depth, seconds), env).stdout)
    side = job['jobs'][0]['read' if rw == 'randread' else 'write']
    lat = side['lat_ns']
    return {'iops': side['iops'], 'lat_mean_us': lat['mean'] / 1000.0,
            'lat_p99_us': lat['percentile']['99.000000'] / 1000.0}


def shim_resolved(env):
    """How many functions a short fio run resolved through the shim (its
    debug log says one line per function): proof that the preload took."""
    e = dict(env, RBDCOMPAT_LOG='debug')
    p = run_fio(fio_args('randread', 1, 1), e)
    return sum(1 for line in p.stderr.splitlines() if ' -> ' in line)


def main():
    shim, seconds, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    conf = os.environ['CEPH_CONF']  # the cluster's, never a default one
    fio_conf = os.path.join(os.environ['RBDCOMPAT_TEST_CLUSTER'],
                            'bench.conf')
    with open(conf) as src, open(fio_conf, 'w') as dst:
        # Ceph merges a repeated section into the first one.
        dst.write(src.read() + '\n[client]\nrbd_cache = false\n')
    base_env = dict(os.environ, CEPH_CONF=fio_conf)
    # CEPH_ARGS (with-cluster.sh's) would name the unmodified conf.
    for k in ('CEPH_ARGS', 'LD_PRELOAD', 'RBDCOMPAT_LOG', 'RBDCOMPAT_LIBRBD',
              'RBDCOMPAT_LIBRADOS', 'RBDCOMPAT_DISABLE'):
        base_env.pop(k, None)
    shim_env = dict(base_env, LD_PRELOAD=shim)
    subprocess.run(['rbd', '-c', conf, 'create', '--size', '64M',
                    '--image-feature', 'layering', IMAGE], check=True)
    log('fio: filling the 64 MiB image')
    run_fio(['fio', '--name=fill', '--ioengine=rbd', '--clientname=admin',
             '--pool=rbd', '--rbdname=bench', '--rw=write', '--bs=4M',
             '--iodepth=4', '--size=64M', '--output-format=json'], base_env)
    out = {'shim_resolved': shim_resolved(shim_env), 'results': {}}
    for rw, depth in CONFIGS:
        name = '%s qd%d' % (rw, depth)
        log('fio: %s, %d x %d s per variant' % (name, reps, seconds))
        out['results'][name] = alternate(
            ['base', 'shim'], reps,
            lambda v: measure(rw, depth, seconds,
                              shim_env if v == 'shim' else base_env))
    subprocess.run(['rbd', '-c', conf, 'rm', '--no-progress', IMAGE],
                   check=True)
    print(json.dumps(out))


if __name__ == '__main__':
    main()
