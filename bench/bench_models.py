"""Full-size runs of the linear models and simple_net (03_linear, 04_simple_net) on this machine:
seconds per epoch and final accuracy beside the book's. Goal: the hand loop at <= 0.1 s per epoch."""
import time, torch
from torch import nn
from fastai.optimizer import SGD
from mnist_nb.core import FASTBOOK, seed_all
from mnist_nb.linear import BasicOptim, hand_loop_run, learner_run, mnist_dls, train_model
from mnist_nb.simple_net import simple_net

def module_run(dls, opt_func, epochs, lr=1., seed=42):
    "Train `nn.Linear` with the lesson's loop and `opt_func`; the accuracy after each epoch"
    seed_all(seed, dls); m = nn.Linear(28*28, 1)
    return train_model(m, dls, opt_func(m.parameters(), lr), epochs, show=False)

def main():
    dls = mnist_dls()
    runs = [('hand loop (linear1)', lambda e: hand_loop_run(dls, e), 20, 'hand_loop'),
            ('nn.Linear + BasicOptim', lambda e: module_run(dls, BasicOptim, e), 20, 'basic_optim'),
            ('nn.Linear + fastai SGD', lambda e: module_run(dls, SGD, e), 20, 'fastai_sgd'),
            ('Learner, linear', lambda e: learner_run(dls, lambda: nn.Linear(28*28, 1), e, 1.)[1], 10, 'learner_linear'),
            ('Learner, simple_net', lambda e: learner_run(dls, simple_net, e, 0.1)[1], 40, 'simple_net')]
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    print(f"{'run':26} {'epochs':>6} {'s/epoch':>8} {'accuracy':>9} {'book':>7}")
    for name, f, epochs, key in runs:
        t0 = time.perf_counter(); acc = f(epochs)[-1]; secs = (time.perf_counter() - t0)/epochs
        print(f"{name:26} {epochs:6} {secs:8.3f} {acc:9.4f} {FASTBOOK[key]:7.4f}")
    print("goal: hand loop <= 0.1 s/epoch")

if __name__ == '__main__': main()
