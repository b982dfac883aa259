"""Image fuzz: `--n` (2,000) image files damaged at random (`mutants`: real PNG, JPEG, TIFF, GIF, WebP and HEIC bytes flipped, cut,
repeated or overwritten) beside one good image, all through `predict_files` with an untrained resnet18. An input *escapes* when it
does not get exactly one line, or when anything leaves `predict_files` as an exception. Target: 0 escapes, the good image classified.
Prints one table, with the files per second of this machine."""
import argparse, contextlib, io, json, shutil, tempfile, time
from collections import Counter
from pathlib import Path
import torch
from PIL import Image
from safetensors.torch import save_file
from mnist_nb.data import mnist_arrays
from mnist_nb.images import mutants
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

def fuzz(n:int, seed:int, d:Path):
    "Run `n` mutants and a good image through `predict_files` in `d`: the table's figures"
    xs = mnist_arrays('test')[0]
    files = mutants(n, d/'fuzz', xs[:3], seed)
    Image.fromarray(255 - xs[3]).resize((84, 84)).save(d/'fuzz'/'good.png')
    model = stand_in_model(d/'model.safetensors')
    t0 = time.perf_counter()
    try:
        with contextlib.redirect_stdout(io.StringIO()) as o: failed = predict_files([d/'fuzz'], model)
        escaped_exc = ''
    except BaseException as e: failed, escaped_exc = None, f"{type(e).__name__}: {e}"
    secs = time.perf_counter() - t0
    lines = o.getvalue().splitlines()[1:]
    per_input = Counter(l.split(': ')[0] for l in lines)
    names = [str(f) for f in sorted(files + [d/'fuzz'/'good.png'])]
    escaped = sum(per_input[f] != 1 for f in names) if not escaped_exc else len(names)
    kinds = Counter(refusal(l) for l in lines if ': error: ' in l)
    good = next((l.split(': ', 1)[1] for l in lines if l.startswith(str(d/'fuzz'/'good.png'))), 'no line')
    return dict(files=len(names), refused=failed, read=len(names) - (failed or 0), escaped=escaped, exception=escaped_exc, secs=secs, good=good, kinds=kinds)

def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--n', type=int, default=2000); p.add_argument('--seed', type=int, default=0)
    a = p.parse_args()
    d = Path(tempfile.mkdtemp())
    try: r = fuzz(a.n, a.seed, d)
    finally: shutil.rmtree(d)
    print(f"{'inputs':>7} {'read':>6} {'refused':>8} {'escaped':>8} {'target':>7} {'seconds':>8} {'files/s':>8}")
    print(f"{r['files']:7,} {r['read']:6,} {r['refused'] or 0:8,} {r['escaped']:8,} {0:>7} {r['secs']:8.1f} {r['files'] / r['secs']:8.0f}")
    print(f"good image: {r['good']}" + (f"; escaped as an exception: {r['exception']}" if r['exception'] else ''))
    print('most common refusals: ' + '; '.join(f"{k} ({v})" for k, v in r['kinds'].most_common(5)))

if __name__ == '__main__': main()
