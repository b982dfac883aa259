"""Full-size runs of the linear models and simple_net (03_linear, 04_simple_net) on this machine:
seconds per epoch and final accuracy beside the book's. Goal: the hand loop at <= 0.1 s per epoch."""
import time, torch
from torch import nn
from fastai.learner import Learner
from fastai.optimizer import SGD
from mnist_nb.linear import FASTBOOK, BasicOptim, batch_accuracy, init_params, linear1, mnist_dls, mnist_loss, seed_all, train_model
from mnist_nb.simple_net import simple_net

def timed_run(f, epochs):
    "Seconds per epoch and final accuracy of `f(epochs)`, which returns accuracies"
    t0 = time.perf_counter(); accs = f(epochs)
    return (time.perf_counter() - t0)/epochs, accs[-1]

def hand_loop(dls, lr=1.):
    "Train `linear1` by hand; a function of the number of epochs"
    def run(epochs):
        seed_all(42, dls); w, b = init_params((28*28, 1)), init_params(1)
        return train_model(lambda xb: linear1(xb, w, b), dls, BasicOptim((w, b), lr), epochs, show=False)
    return run

def module_loop(dls, opt_func, lr=1.):
    "Train `nn.Linear` with our loop and `opt_func`"
    def run(epochs):
        seed_all(42, dls); m = nn.Linear(28*28, 1)
        return train_model(m, dls, opt_func(m.parameters(), lr), epochs, show=False)
    return run

def learner(dls, model_func, lr):
    "Train `model_func()` with fastai's `Learner`"
    def run(epochs):
        seed_all(42, dls)
        learn = Learner(dls, model_func(), opt_func=SGD, loss_func=mnist_loss, metrics=batch_accuracy)
        with learn.no_bar(), learn.no_logging(): learn.fit(epochs, lr)
        return [v[2] for v in learn.recorder.values]
    return run

def main():
    dls = mnist_dls()
    runs = [('hand loop (linear1)', hand_loop(dls), 20, 'hand_loop'),
            ('nn.Linear + BasicOptim', module_loop(dls, BasicOptim), 20, 'basic_optim'),
            ('nn.Linear + fastai SGD', module_loop(dls, SGD), 20, 'fastai_sgd'),
            ('Learner, linear', learner(dls, lambda: nn.Linear(28*28, 1), 1.), 10, 'learner_linear'),
            ('Learner, simple_net', learner(dls, simple_net, 0.1), 40, 'simple_net')]
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    print(f"{'run':26} {'epochs':>6} {'s/epoch':>8} {'accuracy':>9} {'book':>7}")
    for name, f, epochs, key in runs:
        secs, acc = timed_run(f, epochs)
        print(f"{name:26} {epochs:6} {secs:8.3f} {acc:9.4f} {FASTBOOK[key]:7.4f}")
    print("goal: hand loop <= 0.1 s/epoch")

if __name__ == '__main__': main()
