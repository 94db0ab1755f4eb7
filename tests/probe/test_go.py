#!/usr/bin/env python3
"""--binary on a small Go program built here with cgo against the system's
librbd/librados (as go-ceph programs are), offline, in a private GOCACHE.

Its needs must be exactly what nm -D --undefined-only lists, including the
symbol version of rados_ioctx_pool_stat; with the SDS-like vendor set (when
vendor-libs.sh can make it) rbd_trash_list_cleanup must be reported missing
without the shim and covered with it as the table decides.
"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from probecommon import (check, check_eq, done, nm_needs,  # noqa
                         require_system_ceph, run_probe, skip, table,
                         vendor_cache, SRCDIR)

require_system_ceph()
go = shutil.which('go')
if not go:
    skip('golang-go is not installed')
if not os.path.exists('/usr/include/rbd/librbd.h'):
    skip('no librbd headers to build against (librbd-dev)')

PROGRAM = r'''package main

/*
#cgo LDFLAGS: -lrbd -lrados
#include <stdlib.h>
#include <rados/librados.h>
#include <rbd/librbd.h>
*/
import "C"

import (
	"fmt"
	"os"
)

func main() {
	var major, minor, extra C.int
	C.rbd_version(&major, &minor, &extra)
	fmt.Printf("librbd %d.%d.%d\n", major, minor, extra)
	C.rados_version(&major, &minor, &extra)
	fmt.Printf("librados %d.%d.%d\n", major, minor, extra)
	if len(os.Args) > 1 {
		// Never run: only there to be linked.
		var stat C.struct_rados_pool_stat_t
		C.rados_ioctx_pool_stat(nil, &stat)
		C.rbd_trash_list_cleanup(nil, 0)
		C.rbd_open(nil, nil, nil, nil)
	}
}
'''

work = tempfile.mkdtemp(prefix='probe-go-')
try:
    src = os.path.join(work, 'src')
    os.makedirs(src)
    with open(os.path.join(src, 'go.mod'), 'w') as f:
        f.write('module probecgo\n\ngo 1.19\n')
    with open(os.path.join(src, 'main.go'), 'w') as f:
        f.write(PROGRAM)
    env = dict(os.environ, GOCACHE=os.path.join(work, 'cache'),
               GOPATH=os.path.join(work, 'gopath'), GOPROXY='off',
               GOFLAGS='-mod=mod', GO111MODULE='on', CGO_ENABLED='1',
               GOTOOLCHAIN='local', HOME=work)
    # Go's own linker and the external (gcc) one lay the file out
    # differently; cgo programs are built either way.
    for mode in ('external', 'internal'):
        binary = os.path.join(work, 'probecgo-' + mode)
        p = subprocess.run([go, 'build', '-ldflags=-linkmode=' + mode, '-o',
                            binary, '.'], cwd=src, env=env,
                           capture_output=True, text=True, timeout=800)
        if not check(p.returncode == 0, '%s linking: go build with cgo'
                     ' (offline)' % mode):
            print(p.stdout + p.stderr)
            done()
        run = subprocess.run([binary], capture_output=True, text=True)
        check(run.returncode == 0 and 'librbd ' in run.stdout,
              '%s linking: the Go program runs: %s' % (
                  mode, run.stdout.replace('\n', '; ')))
        want = nm_needs(binary)
        check(('rados_ioctx_pool_stat', 'LIBRADOS_14.2.0', False) in want,
              '%s linking: nm: it needs rados_ioctx_pool_stat@LIBRADOS_14.2.0'
              % mode)
        rc, out, err, doc = run_probe(['--json', '--binary', binary])
        check_eq(rc, 0, '%s linking: Pacific: exit 0' % mode)
        b = doc['binaries'][0]
        check_eq(sorted((n['name'], n['version'], n['weak'])
                        for n in b['needs']), want,
                 '%s linking: needs exactly what nm -D --undefined-only'
                 ' lists' % mode)
        check(all(n['status'] == 'present' for n in b['needs']) and
              b['without_shim']['runs'], '%s linking: Pacific has all of'
              ' them' % mode)
        check(b['links_librbd'] and b['links_librados'],
              '%s linking: links librbd.so.1 and librados.so.2' % mode)
        check_eq([(v['version'], v['vendor_has'], v['shim_has'])
                  for v in b['versions']], [('LIBRADOS_14.2.0', True, True)],
                 '%s linking: the symbol version it needs' % mode)

    # The SDS-like set, if it can be made here.
    script = os.path.join(SRCDIR, 'tests', 'cluster', 'vendor-libs.sh')
    p = subprocess.run(['bash', script, 'sds', vendor_cache()],
                       capture_output=True, text=True, timeout=1200)
    if p.returncode == 0:
        sds = p.stdout.strip().splitlines()[-1]
        rc, out, err, doc = run_probe(['--json', '--librbd', os.path.join(
            sds, 'lib', 'librbd.so.1'), '--binary', binary])
        b = doc['binaries'][0]
        dec = {r['name']: r['decision'] for r in table()}
        emulated = dec['rbd_trash_list_cleanup'] == 'emulated'
        check_eq(b['without_shim']['missing'], ['rbd_trash_list_cleanup'],
                 'SDS: without the shim, rbd_trash_list_cleanup is missing')
        check_eq((rc, b['with_shim']['covered']), (0, True) if emulated
                 else (1, False), 'SDS: with the shim, covered as the table'
                 ' decides (%s)' % dec['rbd_trash_list_cleanup'])
    else:
        print('(SDS-like set not available: %s)' % p.stdout.strip())
finally:
    shutil.rmtree(work, ignore_errors=True)
done()
