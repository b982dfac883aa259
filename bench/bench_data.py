"Times the data layer on this machine: building fastai's two layouts from the bundled MNIST, and reusing them."
import tempfile, time
from pathlib import Path
from mnist_nb.data import build_mnist_sample, build_mnist, mnist_arrays

def timed(f, *args, **kw):
    "Seconds `f(*args, **kw)` takes"
    t0 = time.perf_counter(); f(*args, **kw); return time.perf_counter() - t0

def rows(data):
    "Rows (what, seconds, target seconds) for a build and a reuse of both layouts in `data`"
    load = timed(mnist_arrays, 'train') + timed(mnist_arrays, 'test')
    return [('read + verify IDX files', load, None),
            ('build MNIST_SAMPLE (14,434 PNGs)', timed(build_mnist_sample, data), 15),
            ('build MNIST (70,000 PNGs)', timed(build_mnist, data), 60),
            ('reuse both', timed(build_mnist_sample, data) + timed(build_mnist, data), 1),
            ('verify both, every byte', timed(build_mnist_sample, data, verify=True) + timed(build_mnist, data, verify=True), 5),
            ('repair MNIST after one PNG is lost', timed(lost_one, data), 15)]

def lost_one(data):
    "Delete one PNG of the MNIST layout in `data` and build it again: only its digit's folder is rewritten"
    next((data/'mnist_png'/'training'/'3').iterdir()).unlink(); build_mnist(data)

def main():
    with tempfile.TemporaryDirectory() as d: rs = rows(Path(d))
    print(f"\n{'step':36} {'seconds':>8} {'target':>7} {'ok':>4}")
    for what, s, target in rs: print(f"{what:36} {s:8.2f} {'' if target is None else f'<= {target}':>7} {'' if target is None else ('yes' if s <= target else 'NO'):>4}")

if __name__ == '__main__': main()
