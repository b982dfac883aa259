"""Image fuzz: `--n` (2,000) image files damaged at random (`mutants`: real PNG, JPEG, TIFF, GIF, WebP and HEIC bytes flipped, cut,
repeated or overwritten) beside one good image, and `--floats` (200) float TIFFs of extreme values (near 1e38, below 0, NaN,
infinite, just over 65,535), half of them damaged too, all through `predict_files` with an untrained resnet18. An input *escapes* when it
does not get exactly one line, or when anything leaves `predict_files` as an exception; a warning printed is counted too. Target: 0
escapes and 0 warnings, the good image classified. Prints one table, with the files per second of this machine."""
import argparse, contextlib, io, json, shutil, tempfile, time, warnings
import numpy as np
from collections import Counter
from pathlib import Path
import torch
from PIL import Image
from safetensors.torch import save_file
from mnist_nb.data import mnist_arrays
from mnist_nb.images import _mutate, mutants
from mnist_nb.models import MODEL_FORMAT
from mnist_nb.models import digit_model
from mnist_nb.predict import predict_files

def stand_in_model(dest): # the file to write
    "An untrained resnet18 saved with the lesson's metadata: enough to classify, and fast to load"
    torch.manual_seed(0)
    meta = dict(format=MODEL_FORMAT, arch='resnet18', vocab=[str(i) for i in range(10)],
                input=dict(size=28, model_size=28, align_corners=True, channels=3, mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225]))
    save_file({k: v.float() for k, v in digit_model('resnet18').state_dict().items()}, str(dest), metadata={'mnist_nb': json.dumps(meta)})
    return dest

def refusal(line): # an output line that reports an error
    "What kind of refusal `line` reports: its message without the file's name and the details in brackets"
    name, msg = line.split(': error: ', 1)
    return msg.removeprefix(name + ' ').split(' (')[0].split(':')[0]

EXTREMES = {'near 1e38': lambda x: x * 1.3e36, 'max float32': lambda x: x * 1.3e36 + 3.4e38 * (x == 0), 'below 0': lambda x: x - 1e38,
            'NaN': lambda x: np.where(x > 128, np.nan, x), 'infinite': lambda x: np.where(x > 128, np.inf, x), 'over 16 bits': lambda x: x * 300,
            'tiny': lambda x: x * 1e-40, '0 to 1': lambda x: x / 255}  # float pixels no image has, and two scales that are fine

def extreme_tiffs(n:int, dest:Path, xs, seed:int): # how many, the folder, digits to draw them from, the seed
    "Write `n` float TIFFs of `xs` with the values of `EXTREMES`, every other one also damaged by `_mutate`; their paths"
    rng, kinds, out = np.random.default_rng(seed), list(EXTREMES.values()), []
    for i in range(n):
        x = np.asarray(Image.fromarray(255 - xs[i % len(xs)]).resize((56, 56)), np.float32)
        b = io.BytesIO(); Image.fromarray(kinds[i % len(kinds)](x).astype(np.float32), 'F').save(b, 'TIFF')
        out.append(dest/f'float{i:04d}.tif'); out[-1].write_bytes(_mutate(b.getvalue(), rng) if i % 2 else b.getvalue())
    return out

def fuzz(n:int, floats:int, seed:int, d:Path):
    "Run `n` mutants, `floats` extreme float TIFFs and a good image through `predict_files` in `d`: the table's figures"
    xs = mnist_arrays('test')[0]
    files = mutants(n, d/'fuzz', xs[:3], seed) + extreme_tiffs(floats, d/'fuzz', xs[4:7], seed)
    Image.fromarray(255 - xs[3]).resize((84, 84)).save(d/'fuzz'/'good.png')
    model = stand_in_model(d/'model.safetensors')
    t0 = time.perf_counter()
    try:
        with contextlib.redirect_stdout(io.StringIO()) as o, contextlib.redirect_stderr(io.StringIO()) as err, warnings.catch_warnings(record=True) as w:
            warnings.simplefilter('always')
            failed = predict_files([d/'fuzz'], model)
        escaped_exc = ''
    except BaseException as e: failed, escaped_exc, w, err = None, f"{type(e).__name__}: {e}", [], io.StringIO()
    secs = time.perf_counter() - t0
    lines = o.getvalue().splitlines()[1:]
    per_input = Counter(l.split(': ')[0] for l in lines)
    names = [str(f) for f in sorted(files + [d/'fuzz'/'good.png'])]
    escaped = sum(per_input[f] != 1 for f in names) if not escaped_exc else len(names)
    kinds = Counter(refusal(l) for l in lines if ': error: ' in l)
    good = next((l.split(': ', 1)[1] for l in lines if l.startswith(str(d/'fuzz'/'good.png'))), 'no line')
    return dict(files=len(names), refused=failed, read=len(names) - (failed or 0), escaped=escaped, exception=escaped_exc, secs=secs, good=good, kinds=kinds,
                warned=len(w) + len(err.getvalue().splitlines()))

def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--n', type=int, default=2000); p.add_argument('--floats', type=int, default=200); p.add_argument('--seed', type=int, default=0)
    a = p.parse_args()
    d = Path(tempfile.mkdtemp())
    try: r = fuzz(a.n, a.floats, a.seed, d)
    finally: shutil.rmtree(d)
    print(f"{'seed':>5} {'inputs':>7} {'read':>6} {'refused':>8} {'escaped':>8} {'warnings':>9} {'target':>7} {'seconds':>8} {'files/s':>8}")
    print(f"{a.seed:5} {r['files']:7,} {r['read']:6,} {r['refused'] or 0:8,} {r['escaped']:8,} {r['warned']:9,} {0:>7} {r['secs']:8.1f} {r['files'] / r['secs']:8.0f}")
    print(f"good image: {r['good']}" + (f"; escaped as an exception: {r['exception']}" if r['exception'] else ''))
    print('most common refusals: ' + '; '.join(f"{k} ({v})" for k, v in r['kinds'].most_common(5)))

if __name__ == '__main__': main()
