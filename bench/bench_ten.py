"""The ten-digit models of 04a_ten_digits at full size on this machine, as one table: test accuracy on the 10,000 test
digits and fit seconds of the linear model (784-10) and the small net (784-256-10) trained with the notebook's own
`OwnLearner`, beside the images/s at which the same machine trains resnet34 (the speed the targets are stated at).
Targets on 2 CPU cores: linear >= 92.0%, small net >= 97.8%, each fit <= 60 s where resnet34 trains at about 150 images/s.
`--no-resnet` leaves out the resnet34 speed measurement (about half a minute)."""
import sys, torch
from torch import nn
from mnist_nb.ten_digits import same_start, small_net_ten, ten_config, ten_digit_dls, ten_digit_xy, train_ten
from bench_resnet import train_rate, mnist_tensor_dls  # resnet34's training speed, as bench_resnet.py measures it

def main():
    cfg = ten_config()
    dls, (tx, ty) = ten_digit_dls(n=cfg.n), ten_digit_xy('test', cfg.n_test)
    rate = None if '--no-resnet' in sys.argv else train_rate(mnist_tensor_dls(4000, 128))
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; resnet34 trains at "
          f"{'(not measured)' if rate is None else f'{rate:.0f} images/s'} here; {len(dls.train_ds):,} training digits, {cfg.epochs} epochs")
    print(f"\n{'model':24} {'test accuracy':>13} {'target':>8} {'fit s':>7} {'target':>8}")
    for name, make, floor in (('linear 784-10', lambda: nn.Linear(28*28, 10), 0.92), ('small net 784-256-10', small_net_ten, 0.978)):
        r = train_ten(same_start(dls, make), dls, tx, ty, cfg.epochs, cfg.lr)
        print(f"{name:24} {r.test_acc:13.4f} {'>= ' + format(floor, '.3f'):>8} {r.secs:7.1f} {'<= 60':>8}")

if __name__ == '__main__': main()
