"""One table for the whole project on this machine: data build and reuse, seconds per epoch of each model,
resnet34 images/s, the `nbdev_test` wall time and the full main job, each with its peak memory.
Targets on 2 CPU cores: nbdev_test <= 5 min, the full main job (the fixed CPU recipe) about 10 min plus a minute for
the other stages at 150 images/s, peak memory <= 4 GB. Times depend on the machine: read them beside bench_resnet.py's images/s.
`--fast` leaves out the two long ones (nbdev_test and the full main job)."""
import resource, subprocess, sys, tempfile, time
from pathlib import Path

here = Path(__file__).resolve().parent
root = here.parent

def run(cmd, cwd=root):
    "Run `cmd`; its output, seconds, and the peak memory (GB) of the largest child so far"
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    secs = time.perf_counter() - t0
    if r.returncode: print(r.stdout[-2000:], r.stderr[-2000:])
    return r.stdout, secs, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1e6

def main():
    rows = []
    for script in ('bench_data.py', 'bench_models.py', 'bench_resnet.py', 'bench_predict.py', 'bench_fuzz.py'):
        out, secs, mem = run([sys.executable, str(here/script)])
        print(out)
        rows.append((script, secs, mem, ''))
    if '--fast' not in sys.argv:
        _, secs, mem = run(['nbdev_test'])
        rows.append(('nbdev_test (all notebooks)', secs, mem, '<= 300 s'))
        with tempfile.TemporaryDirectory() as d:
            _, secs, mem = run(['mnist_nb_lesson', '--out', d])
        rows.append(('mnist_nb_lesson (full main job)', secs, mem, '~660 s @150'))
        with tempfile.TemporaryDirectory() as d:
            _, secs, mem = run(['mnist_nb_lesson', '--quick', '--out', d])
        rows.append(('mnist_nb_lesson --quick', secs, mem, '<= 120 s'))
    print(f"\n{'run':36} {'seconds':>8} {'peak GB*':>9} {'target':>9}")
    for name, secs, mem, target in rows: print(f"{name:36} {secs:8.1f} {mem:9.2f} {target:>9}")
    print("* largest resident set of any child process so far (ru_maxrss); target <= 4 GB")

if __name__ == '__main__': main()
