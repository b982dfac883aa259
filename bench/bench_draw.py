"""The drawing pad (08_draw) on this machine, as one table: how well the model reads digits drawn on the pad (the ten
digits the notebook draws by code and 5 varied versions of each, as its tests draw them) beside how well it reads the same
model's redrawn photos of `bench_predict.py` (MNIST test digits handed in as people do), and the Python side's time from
pen-up to answer (median and slowest of the drawings; the browser test prints the whole path on the page).
Target: pen-up to answer <= 150 ms on 2 CPU cores. `--model FILE` reads with a saved model; by default the pad's own
choice (the lesson's model if there is one, else its quick resnet18)."""
import argparse, tempfile, time
from pathlib import Path
import numpy as np
from mnist_nb.data import mnist_arrays
from mnist_nb.draw import DrawPad, drawings
from mnist_nb.stand_in import find_model
from mnist_nb.models import load_digit_model
from mnist_nb.predict import predict_digits
from bench_predict import handed_in_accuracy  # the redrawn photos, judged as bench_predict.py judges them

def main(model=None, n:int=1000, variants:int=5):
    dm = load_digit_model(model or find_model())
    pad, ms, hits = DrawPad(dm), [], []
    for i, (d, s) in enumerate(drawings(variants)):
        t0 = time.perf_counter(); pad.request = dict(seq=i, view='bench', strokes=s); ms.append(1000*(time.perf_counter() - t0))
        hits.append(pad.answer['top'][0][0] == d)
    with tempfile.TemporaryDirectory() as tmp: acc, _ = handed_in_accuracy(dm, Path(tmp), n)
    t0 = time.perf_counter(); predict_digits(list(mnist_arrays('test')[0][:256]), dm); ips = 256 / (time.perf_counter() - t0)
    print(f"model: {dm.meta['arch']}, test error {dm.meta.get('test_error', float('nan')):.2%} on {dm.meta.get('test_images', 0):,} MNIST test digits; "
          f"it reads {ips:,.0f} images/s in batches of 256 here")
    print(f"\n{'measure':52} {'value':>9} {'target':>9}")
    print(f"{'accuracy, drawn on the pad (%d drawings)' % len(hits):52} {np.mean(hits):9.2%}")
    print(f"{'accuracy, redrawn photos, prepared (%d)' % n:52} {acc['handed in, prepared']:9.2%}")
    print(f"{'accuracy, the same digits in MNIST form':52} {acc['MNIST form']:9.2%}")
    print(f"{'pen-up to answer, Python side, median (ms)':52} {np.median(ms):9.1f} {'<= 150':>9}")
    print(f"{'pen-up to answer, Python side, slowest (ms)':52} {max(ms):9.1f}")

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--model'); p.add_argument('--n', type=int, default=1000); p.add_argument('--variants', type=int, default=5)
    a = p.parse_args()
    main(a.model, a.n, a.variants)
