"""`nbdev_test`'s wall time, beside the images/s at which the same machine trains resnet34, in one table.
Target: at most 5 minutes on a 2-core machine that trains resnet34 at about 60 images/s. To see a slower machine on a
faster one, `--cpus 1.1` runs both measurements under a CPU quota (a cgroup, v1 or v2; needs root): on a 2-core machine
that trains at 130 images/s, 1.1 CPUs in all gave 63-73 images/s. Each run starts without the test models that
`05_resnet` and `08_draw` keep in `nbs/models/`, as a fresh clone would."""
import argparse, os, re, subprocess, sys, time
from pathlib import Path

root = Path(__file__).resolve().parent.parent
SPEED = "import sys; sys.path.insert(0, 'bench'); from bench_resnet import train_rate, mnist_tensor_dls; print(train_rate(mnist_tensor_dls(4000, 128)))"

def quota_group(cpus):
    "A cgroup whose processes share `cpus` CPUs in all; the file a process id is written to, to join it"
    if Path('/sys/fs/cgroup/cgroup.controllers').exists():  # cgroup v2
        g = Path('/sys/fs/cgroup/mnist_nb_bench'); g.mkdir(exist_ok=True)
        (g/'cpu.max').write_text(f"{round(cpus*10000)} 10000")
        return g/'cgroup.procs'
    g = Path('/sys/fs/cgroup/cpu/mnist_nb_bench'); g.mkdir(exist_ok=True)
    (g/'cpu.cfs_period_us').write_text('10000'); (g/'cpu.cfs_quota_us').write_text(str(round(cpus*10000)))
    return g/'cgroup.procs'

def run(cmd, procs=None):
    "Run `cmd` in the repository (inside the quota group `procs` if given); its standard output, all its output, and seconds"
    join = (lambda: procs.write_text(str(os.getpid()))) if procs else None
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=root, capture_output=True, text=True, preexec_fn=join)
    secs = time.perf_counter() - t0
    if r.returncode: print(r.stdout[-3000:], r.stderr[-3000:])
    return r.stdout, r.stdout + r.stderr, secs

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--cpus', type=float, help='run under a quota of this many CPUs in all (needs root)')
    args = p.parse_args()
    procs = quota_group(args.cpus) if args.cpus else None
    rate = float(run([sys.executable, '-c', SPEED], procs)[0].split()[-1])
    for o in (root/'nbs'/'models').glob('*_quick.safetensors*'): o.unlink()  # 05's and 08's test models
    _, out, secs = run(['nbdev_test', '--timing'], procs)
    per_nb = re.findall(r'^(\S+\.ipynb): (\d+) secs$', out, re.M)
    where = f"under a quota of {args.cpus:g} CPUs" if args.cpus else f"on {os.cpu_count()} CPUs"
    print(f"resnet34 trains at {rate:,.0f} images/s {where} (batch 128, fastai's loop)\n")
    print(f"{'run':32} {'seconds':>8}")
    for name, s in per_nb: print(f"  {name:30} {int(s):8d}")
    print(f"{'nbdev_test, wall':32} {secs:8.0f}   target <= 300 on a 2-core machine at about 60 images/s"
          f"{'' if 'Success' in out else '   FAILED'}")

if __name__ == '__main__': main()
