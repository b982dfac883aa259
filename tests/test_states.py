"""The lesson notebooks `01`-`04a` in the states a learner leaves them: every exercise stub unwritten (as shipped),
every stub replaced by a right solution written unlike the library's answer, and every stub replaced by a wrong one.
Each notebook must run top to bottom at test sizes, as `nbdev_test` runs it, in every state; each check cell must say
"Right" or "Not yet" accordingly, and the wrong solution's check must name its mistake. Run alone, this file runs one
notebook in one state and prints what its check cells said, as JSON."""
import json, os, re, subprocess, sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
import pytest

NBS = Path(__file__).resolve().parents[1]/'nbs'
LESSONS = ['01_baseline', '02_sgd', '03_linear', '04_simple_net', '04a_ten_digits']
STUB = 'raise NotImplementedError  # your code here'
NOT_WRITTEN = 'Not yet: write your code in the stub, run its cell, then this one'

# stub: (a right solution written unlike the library's answer, a wrong one, the start of the hint the wrong one gets)
SOLUTIONS = {
    'my_distance': ('''def my_distance(a, b):
    return (a - b).abs().sum((-1, -2)) / (a.shape[-1] * a.shape[-2])''', '''def my_distance(a, b):
    return (a - b).mean((-1, -2))''', 'differences of both signs cancel out'),
    'my_is_3': ('''def my_is_3(x, mean3, mean7):
    d3, d7 = my_distance(x, mean3), my_distance(x, mean7)
    return d3 < d7''', '''def my_is_3(x, mean3, mean7):
    return mnist_distance(x, mean3) > mnist_distance(x, mean7)''', 'backwards'),
    'my_distances': ('''def my_distances(x, templates):
    return (x.unsqueeze(1) - templates).abs().sum((-1, -2)) / 784''', '''def my_distances(x, templates):
    return (x - templates).abs().mean((-1, -2))''', 'the images and the templates were lined up on one axis'),
    'my_mse': ('''def my_mse(preds, targs):
    d = preds - targs
    return (d * d).sum() / d.numel()''', '''def my_mse(preds, targs):
    return ((preds - targs)**2).sum()''', 'a sum, not a mean'),
    'my_step': ('''def my_step(params, lr):
    with torch.no_grad(): params.sub_(lr * params.grad)
    params.grad.zero_()''', '''def my_step(params, lr):
    params.data -= lr * params.grad.data''', 'the gradient was never reset'),
    'my_mnist_loss': ('''def my_mnist_loss(preds, targs):
    s = torch.sigmoid(preds)
    return (targs * (1 - s) + (1 - targs) * s).mean()''', '''def my_mnist_loss(preds, targs):
    return torch.where(targs == 1, 1 - preds, preds).mean()''', 'no sigmoid'),
    'my_sigmoid': ('''def my_sigmoid(x):
    return 0.5 * (1 + torch.tanh(x / 2))''', '''def my_sigmoid(x):
    return 1 / (1 + torch.exp(x))''', "the exponent's sign"),
    'MyOptim': ('''class MyOptim:
    def __init__(self, params, lr): self.params, self.lr = list(params), lr
    def step(self, *args, **kwargs):
        for p in self.params: p.data.sub_(self.lr * p.grad.data)
    def zero_grad(self, *args, **kwargs):
        for p in self.params: p.grad = None''', '''class MyOptim:
    def __init__(self, params, lr): self.params, self.lr = list(params), lr
    def step(self, *args, **kwargs):
        for p in self.params: p = p - p.grad * self.lr
    def zero_grad(self, *args, **kwargs):
        for p in self.params: p.grad = None''', 'nothing moved'),
    'my_batch_accuracy': ('''def my_batch_accuracy(preds, targs):
    return ((preds > 0).float() == targs).float().mean()''', '''def my_batch_accuracy(preds, targs):
    return ((preds > 0.5) == targs).float().mean()''', 'the 0.5 threshold on the raw scores'),
    'my_relu': ('''def my_relu(x):
    return torch.where(x > 0, x, torch.zeros_like(x))''', '''def my_relu(x):
    return x.abs()''', 'the absolute value'),
    'my_simple_net': ('''from collections import OrderedDict
def my_simple_net():
    return nn.Sequential(OrderedDict(hidden=nn.Linear(28*28, 30), act=nn.ReLU(), out=nn.Linear(30, 1)))''', '''def my_simple_net():
    return nn.Sequential(nn.Linear(784, 30), nn.Linear(30, 1))''', 'no nonlinearity'),
    'my_log_softmax': ('''def my_log_softmax(x):
    return x - torch.logsumexp(x, dim=-1, keepdim=True)''', '''def my_log_softmax(x):
    return x - x.max(-1, keepdim=True)[0]''', 'only the largest score'),
    'my_cross_entropy': ('''def my_cross_entropy(x, y):
    return -my_log_softmax(x).gather(1, y[:, None]).mean()''', '''def my_cross_entropy(x, y):
    return -log_softmax(x)[:, y].mean()''', "`[:, y]` picks every label's column"),
}
STATES = {'unwritten': None, 'right': 0, 'wrong': 1}

def stub_name(source:str): # a code cell's source
    "The name a stub cell defines, or None if it is no stub"
    return re.search(r'^(?:def|class) (\w+)', source, re.M)[1] if STUB in source else None

def checked(source:str): # a code cell's source
    "The stub a check cell checks, `check_x(my_x)`, or None"
    m = re.fullmatch(r'check_\w+\((\w+)\)', source.strip())
    return m[1] if m else None

def text_of(outputs): # a cell's outputs
    "The text a cell showed"
    return ''.join(''.join(o.get('data', {}).get('text/plain', '')) + ''.join(o.get('text', '')) for o in outputs)

def run_state(name:str, state:str): # a lesson notebook, and one of `STATES`
    "Run notebook `name` as `nbdev_test` does, with its stubs in `state`: what each check cell said, and how far it ran"
    os.environ['IN_TEST'] = '1'
    from execnb.shell import CaptureShell
    from fastcore.xtras import working_directory
    from nbdev.frontmatter import FrontmatterProc
    from nbdev.process import NBProcessor
    fn = NBS/f'{name}.ipynb'
    nb = NBProcessor(fn, procs=FrontmatterProc, process=True).nb
    stubs = []
    for c in nb.cells:
        if c.cell_type == 'code' and (s := stub_name(c.source)):
            stubs.append(s)
            if STATES[state] is not None: c.source = SOLUTIONS[s][STATES[state]]
    def skip(c):
        if c.cell_type != 'code' or 'nbdev_export(' in c.source: return True
        d = getattr(c, 'directives_', {}) or {}
        return d.get('eval:', [''])[0].lower() == 'false' or bool({'notest', 'slow', 'cuda'} & d.keys())
    ran, k = [], CaptureShell(fn)
    def done(c): ran.append(c.idx_)
    res = dict(stubs=stubs, error=None)
    try:
        with working_directory(NBS): k.run_all(nb, exc_stop=True, preproc=skip, postproc=done)
    except BaseException as e: res['error'] = f'cell {ran[-1] + 1 if ran else 0}: {type(e).__name__}: {e}'[:2000]
    res['checks'] = {checked(c.source): text_of(c.get('outputs', [])) for c in nb.cells if c.cell_type == 'code' and checked(c.source)}
    res['ran_to_end'] = bool(ran) and ran[-1] == max(c.idx_ for c in nb.cells if not skip(c))
    return res

def in_subprocess(name, state):
    "`run_state` in a fresh Python, as a kernel would be"
    p = subprocess.run([sys.executable, __file__, name, state], capture_output=True, text=True, timeout=900)
    lines = p.stdout.strip().splitlines()
    if p.returncode or not lines: return dict(error=f'exit {p.returncode}: {p.stderr[-3000:]}', checks={}, stubs=[], ran_to_end=False)
    return json.loads(lines[-1])

@pytest.fixture(scope='module')
def runs():
    "Every lesson in every state, two at a time"
    jobs = [(n, s) for n in LESSONS for s in STATES]
    with ThreadPoolExecutor(2) as ex: return dict(zip(jobs, ex.map(lambda j: in_subprocess(*j), jobs)))

def test_every_stub_has_solutions():
    "Every stub of the lessons has a right and a wrong solution here, and nothing else is called a stub"
    import nbformat
    found = [stub_name(''.join(c.source)) for n in LESSONS for c in nbformat.read(NBS/f'{n}.ipynb', 4).cells if c.cell_type == 'code']
    assert sorted(filter(None, found)) == sorted(SOLUTIONS), found

@pytest.mark.parametrize('state', list(STATES))
@pytest.mark.parametrize('name', LESSONS)
def test_lesson_state(runs, name, state):
    r = runs[(name, state)]
    print(f"\n{name} {state}: " + '; '.join(f'{k}: {v.splitlines()[0] if v else v!r}' for k, v in r['checks'].items()))
    assert r['error'] is None, r['error']
    assert r['ran_to_end'], r
    assert sorted(r['checks']) == sorted(r['stubs']) and r['stubs'], r  # every stub has its check cell, and it ran
    for stub, said in r['checks'].items():
        if state == 'unwritten': assert said == NOT_WRITTEN, (stub, said)
        elif state == 'right': assert said.startswith('Right: '), (stub, said)
        else: assert said.startswith('Not yet: ' + SOLUTIONS[stub][2]), (stub, said)

if __name__ == '__main__': print(json.dumps(run_state(*sys.argv[1:3])))
