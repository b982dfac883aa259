"""resnet34 on MNIST (05_resnet) on this machine: training images/s at batch sizes 32 to 256, and the whole fit.
`--full` also runs the reader's full run (lr_find, 3 epochs on 48,000 images, the 10,000 test images) and times each part."""
import sys, time
from fastai.callback.core import Callback
from mnist_nb.data import build_mnist
from mnist_nb.resnet import digit_learner, mnist_image_dls, resnet_config, resnet_run

class TrainTimer(Callback):
    "Seconds spent in training batches (data loading included), and images seen"
    def before_fit(self): self.secs, self.n = 0., 0
    def before_train(self): self.t0 = time.perf_counter()
    def after_batch(self):
        if self.training: self.n += len(self.yb[0])
    def after_train(self): self.secs += time.perf_counter() - self.t0

def images_per_sec(path, bs, batches=12):
    "Training throughput of resnet34 at batch size `bs`, over `batches` batches after one of warm-up"
    learn = digit_learner(mnist_image_dls(path, n=int(bs*(batches+1)/0.8)+1, bs=bs), pretrained=False)
    timer = TrainTimer(); learn.add_cb(timer)
    with learn.no_bar(), learn.no_logging(): learn.fit(1, 1e-3)
    return timer.n/timer.secs

def main():
    path = build_mnist()
    print(f"{'what':40} {'value':>10}")
    rates = {bs: images_per_sec(path, bs) for bs in (32, 64, 128, 256)}
    for bs, r in rates.items(): print(f"{f'train images/s, bs {bs}':40} {r:10.0f}")
    cfg = resnet_config()
    est = cfg['epochs'] * 48000 / rates[cfg['bs']]
    what = f"estimated fit, {cfg['epochs']} epochs x 48,000, bs {cfg['bs']} (s)"
    print(f"{what:40} {est:10.0f}")
    if '--full' in sys.argv:
        t0 = time.perf_counter(); learn, err, tdl = resnet_run(path, cfg); total = time.perf_counter() - t0
        print(f"{'full run: fit (s)':40} {learn.fit_secs:10.0f}")
        print(f"{'full run: all, incl. lr_find + test (s)':40} {total:10.0f}")
        print(f"{'full run: test error':40} {err:10.4f}")
        print(f"{'target: full run <= 900 s':40} {'yes' if total <= 900 else 'NO':>10}")

if __name__ == '__main__': main()
