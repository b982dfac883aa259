"""`mnist_nb_predict` on this machine: how well a model reads digits drawn as people hand them in (the target: at least 95% of
its accuracy on the same digits in MNIST form), and what a call costs, beside the fastai import it no longer pays.
Call times are medians of 3. `--model FILE` judges a saved model; without it, one is trained here for `--minutes` (3) with the lesson's recipe."""
import argparse, resource, subprocess, sys, tempfile, time
from dataclasses import replace
from pathlib import Path
import numpy as np
from mnist_nb.data import mnist_arrays
from mnist_nb.images import read_image, write_handed_in
from mnist_nb.models import load_digit_model
from mnist_nb.predict import digit_accuracy, prepare_digit, raw_digit

def trained_model(minutes, dest):
    "Train resnet34 for `minutes` with the lesson's recipe and save it in `dest`"
    from mnist_nb.resnet import resnet_config, resnet_run, run_facts
    from mnist_nb.models import save_weights
    cfg = replace(resnet_config(), minutes=minutes)
    run = resnet_run(cfg)
    return save_weights(run.learn, dest/'model.safetensors', **run_facts(run, cfg.seed))

def handed_in_accuracy(dm, dest, n:int=1000): # a model from `load_digit_model`, a folder to write the images in, how many
    "Accuracy of `dm` on the first `n` MNIST test digits in MNIST form, and handed in as people do (`write_handed_in`), raw and prepared; and the files"
    xs, ys = mnist_arrays('test')
    files = write_handed_in(xs[:n], dest)
    ims = [read_image(o) for o in files]
    acc = {'MNIST form': digit_accuracy(list(xs[:n]), ys[:n], dm), 'handed in, raw': digit_accuracy([raw_digit(o) for o in ims], ys[:n], dm),
           'handed in, prepared': digit_accuracy([prepare_digit(o) for o in ims], ys[:n], dm)}
    return acc, files

def timed_run(cmd, times:int=3):
    "Median seconds `cmd` takes over `times` runs, and the peak memory (GB) of any child so far"
    secs = []
    for _ in range(times):
        t0 = time.perf_counter(); r = subprocess.run(cmd, capture_output=True, text=True); secs.append(time.perf_counter() - t0)
        if r.returncode: print(r.stdout[-1000:], r.stderr[-1000:])
    return float(np.median(secs)), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1e6

def main(model=None, n=1000, minutes=3.):
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        mfile = Path(model) if model else trained_model(minutes, d)
        dm = load_digit_model(mfile)
        acc, files = handed_in_accuracy(dm, d/'handed_in', n)
        one, mem = timed_run(['mnist_nb_predict', str(files[0]), '--model', str(mfile)])
        many, mem = timed_run(['mnist_nb_predict', str(d/'handed_in'), '--model', str(mfile)], 1)
        fastai, _ = timed_run([sys.executable, '-c', 'import fastai.vision.all'])
    ratio = acc['handed in, prepared'] / acc['MNIST form']
    print(f"model: {mfile.name}, test error {dm.meta.get('test_error', float('nan')):.2%}; {n:,} MNIST test digits, drawn as people hand them in")
    print(f"\n{'measure':44} {'value':>9} {'target':>9} {'ok':>4}")
    for k, v in acc.items(): print(f"{'accuracy, ' + k:44} {v:9.2%}")
    print(f"{'handed in, prepared / MNIST form':44} {ratio:9.2%} {'>= 95%':>9} {'yes' if ratio >= 0.95 else 'NO':>4}")
    print(f"{'mnist_nb_predict, one image (s)':44} {one:9.2f} {'<= ' + f'{fastai/2:.1f}':>9} {'yes' if one <= fastai/2 else 'NO':>4}")
    print(f"{'  per image more, in a folder of %d (ms)' % n:44} {(many - one) / (n - 1) * 1000:9.1f}")
    print(f"{'  import fastai.vision.all alone (s)':44} {fastai:9.2f}")
    print(f"{'peak memory of a child (GB)':44} {mem:9.2f}")

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--model'); p.add_argument('--n', type=int, default=1000); p.add_argument('--minutes', type=float, default=3.)
    a = p.parse_args()
    main(a.model, a.n, a.minutes)
