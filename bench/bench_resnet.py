"""resnet34 on MNIST (05_resnet) on this machine, printed as one table: images/s of the DataBlock path (PNG files)
and of the fast path (tensors on the device) in one run, their ratio, the recipe's `channels_last` and fused AdamW
against the NCHW layout and fastai's Adam (ratio), the CPU recipe's sizes (the same on every machine) with the time it
should take here, and the plan an opt-in 15-minute budget (`--minutes 15`) would make here.
`--full` also runs the main job's resnet stage (`stage_resnet`, the fixed CPU recipe): its seconds and test error.
Every test error is printed twice: plainly and with test-time augmentation (`Learner.tta`), as the stage reports it.
With a GPU it also runs the GPU recipe through both paths, its 3-epoch version and the variants it was chosen from, each
alone (`--gpu SECONDS`: only those, none started after SECONDS); without one those lines say 'not measured'."""
import contextlib, inspect, io, operator, sys, tempfile, time, warnings
warnings.filterwarnings('ignore')
from dataclasses import replace
from pathlib import Path
import torch
from fastai.torch_core import defaults
from mnist_nb.data import build_mnist
from mnist_nb.budget import fit_in_budget, measure_speed, plan_fit, plan_secs
from mnist_nb.resnet import (digit_learner, images_per_sec, mnist_image_dls, mnist_tensor_dls,
                             predicted_test_images, resnet_config, resnet_run)

def train_rate(dls):
    "Images/s of resnet34 training fed by `dls.train`, the whole fastai loop included, as `measure_speed` measures it"
    return measure_speed(digit_learner(dls, pretrained=False))[0]

def before_after(dls, rounds:int=2): # the data, and how many times each is measured, alternately
    "Best training and evaluation images/s of resnet34 in `channels_last` with `fused_adam` (the recipe) and as before (NCHW, fastai's `Adam`)"
    best = {}
    for _ in range(rounds):
        for now in (True, False):
            tr, ev = measure_speed(digit_learner(dls, pretrained=False, fused=now, channels_last=now), 12)
            old = best.get(now, (0, 0)); best[now] = max(old[0], tr), max(old[1], ev)
    return best[True], best[False]

def budget_secs(minutes:float): # the budget of a whole run
    "Seconds `fit_in_budget` plans for in a budget of `minutes`, after about 15 s of set-up and the 5 s it keeps for saving"
    return (minutes*60 - 20) * inspect.signature(fit_in_budget).parameters['margin'].default

def gpu_run(block=False, **changes): # the `DataBlock` path instead of tensors on the GPU, and changes to the recipe
    "Fit seconds, test error (plain and with test-time augmentation) and peak GPU memory (GB) of the GPU recipe with `changes`"
    cfg = replace(resnet_config('cuda', full=True), **changes)
    torch.cuda.reset_peak_memory_stats()
    dls = mnist_image_dls(build_mnist(), None, cfg.bs, cfg.seed, cfg.size, cfg.distort) if block else None
    with contextlib.redirect_stdout(io.StringIO()): r = resnet_run(cfg, dls)
    return r.fit_secs, r.err, r.tta_err, torch.cuda.max_memory_allocated()/1e9

GPU_TRIES = [('recipe', {}, 60, 0.004), ('recipe, 3 epochs', dict(epochs=3), 20, 0.005),
             ('recipe, 3 epochs, no warp/lighting', dict(epochs=3, distort=False), 20, 0.005),
             ('recipe, 3 epochs, batch 256', dict(epochs=3, bs=256), 20, 0.005), ('recipe, 3 epochs, batch 128', dict(epochs=3, bs=128), 20, 0.005),
             ('recipe, DataBlock path', dict(block=True), None, None),
             ('28 px, fastai Adam (recipe before)', dict(size=28, fused=False), None, None), ('28 px, fused AdamW', dict(size=28), None, None),
             ('recipe, 16 epochs', dict(epochs=16), None, None),
             ('recipe, no warp/lighting', dict(distort=False), None, None)]  # (name, changes, target fit s, target test error)

def gpu_rows(deadline:float=None): # seconds from now after which no further run starts
    "Rows for the GPU recipe and the variants tried, each run alone: fit seconds, test error, peak memory"
    t_end, rows, fits = time.perf_counter() + (deadline or 1e9), [], {}
    resnet_run(replace(resnet_config('cuda'), n_train=2000, n_test=500, epochs=1, minutes=None))  # warm-up: CUDA, cuDNN
    for name, changes, fit_max, err_max in GPU_TRIES:
        if time.perf_counter() > t_end: rows.append((f'GPU {name}', 'not run (deadline)', '', None)); continue
        secs, err, tta, gb = fits[name] = gpu_run(**changes)
        rows += [(f'GPU {name}: fit s', secs, f'<= {fit_max}' if fit_max else '', secs <= fit_max if fit_max else None),
                 *[(f'GPU {name}: test error{how}', e, f'<= {err_max:.4f}' if err_max else '', e <= err_max if err_max else None) for how, e in (('', err), (', TTA', tta))],
                 (f'GPU {name}: peak GB', gb, '', None)]
        print(f'{name}: fit {secs:.1f} s, test error {err:.4f} ({tta:.4f} with TTA), {gb:.1f} GB', flush=True)
    if 'recipe, DataBlock path' in fits: rows.append(('GPU fit, DataBlock / fast path', fits['recipe, DataBlock path'][0]/fits['recipe'][0], '', None))
    return rows

def main():
    if '--gpu' in sys.argv: return print_table(gpu_rows(float(sys.argv[sys.argv.index('--gpu')+1])))
    cfg, path = resnet_config('cpu', full=True), build_mnist()
    defaults.use_cuda = False  # the CPU rows, on a CPU even where there is a GPU
    block = mnist_image_dls(path, None, cfg.bs, cfg.seed, num_workers=0)
    fast = mnist_tensor_dls(None, cfg.bs, cfg.seed, device='cpu')
    data_block, data_fast = images_per_sec(lambda *o: None, block.train, 20), images_per_sec(lambda *o: None, fast.train, 20)
    train_block, train_fast = train_rate(block), train_rate(fast)
    learn = digit_learner(fast, pretrained=False)
    tr, ev = measure_speed(learn)
    now, before = before_after(fast)
    n_test = predicted_test_images(cfg)
    recipe = plan_secs(cfg.epoch_images, cfg.epochs, tr, ev, n_test=n_test)
    plan = plan_fit(tr, ev, budget_secs(15), n_test=n_test, epochs_max=cfg.epochs)
    rows = [(f'CPU threads', torch.get_num_threads(), '', None),
            ('CPU data only, DataBlock: images/s', data_block, '', None),
            ('CPU data only, fast path: images/s', data_fast, '', None),
            ('CPU data only: fast / DataBlock', data_fast/data_block, '', None),
            ('CPU training, DataBlock: images/s', train_block, '', None),
            ('CPU training, fast path: images/s', train_fast, '', None),
            ('CPU training: fast / DataBlock', train_fast/train_block, '', None),
            ('CPU evaluation, fast path: images/s', ev, '', None)]
    for i, what in enumerate(('training', 'evaluation')):  # the recipe's channels_last + fused AdamW against NCHW + fastai's Adam
        rows += [(f'CPU {what}, NCHW + fastai Adam (before): images/s', before[i], '', None),
                 (f'CPU {what}, channels_last + fused AdamW: images/s', now[i], '', None),
                 (f'CPU {what}: channels_last + fused / before', now[i]/before[i], '', None)]
    rows += [("CPU recipe: epochs x images (any machine)", f"{cfg.epochs} x {cfg.epoch_images:,}", '', None),
             ("CPU recipe: expected seconds here", recipe, '<= 600 at 150 img/s', None),
             ("CPU opt-in 15-min budget here: epochs x images", f"{plan.epochs} x {plan.n_train:,}", '', None)]
    if '--full' in sys.argv:
        from mnist_nb.cli import LessonOptions, stage_resnet
        with tempfile.TemporaryDirectory() as d:
            t0 = time.perf_counter(); res = stage_resnet(Path(d), LessonOptions()); secs = time.perf_counter() - t0
        rows += [('CPU main job resnet stage: seconds', secs, f"~{recipe:.0f} expected", None)]
        rows += [(f'CPU main job resnet stage: test error{how}', 1 - r.accuracy, '<= 0.0065 (goal)', 1 - r.accuracy <= 0.0065)
                 for how, r in zip(('', ', TTA'), res)]
    defaults.use_cuda = None
    if torch.cuda.is_available(): rows += gpu_rows()
    else: rows += [(f'GPU {name}: fit s / test error', 'not measured (no GPU)', f'<= {fit_max} s, <= {err_max:.4f}' if fit_max else '', None)
                   for name, _, fit_max, err_max in GPU_TRIES]
    print_table(rows)

def print_table(rows):
    print(f"\n{'what':60} {'value':>22} {'target':>26} {'ok':>4}")
    for what, v, target, ok in rows:
        vs = f'{v:.4f}' if isinstance(v, float) and v < 1 else f'{v:.2f}' if isinstance(v, float) and v < 10 else f'{v:,.1f}' if isinstance(v, float) else str(v)
        print(f"{what:60} {vs:>22} {target:>26} {'' if ok is None else 'yes' if ok else 'NO':>4}")

if __name__ == '__main__': main()
