"""The learning-rate explorer of `nbs/02_sgd.ipynb` in a real browser: JupyterLab on 127.0.0.1 runs a copy of the
notebook, Chromium (driven by Playwright) types a tiny, a good and a huge rate into the learning-rate slider's readout,
and the final loss the page prints under the plot is checked for each: lower at the good rate than at the tiny one, and
blown up (inf, nan, or a million times larger) at the huge one. A screenshot of each lands in `tests/out/`."""
import math, time
import pytest
from mnist_nb.sgd import sci
from conftest import OUT, notebook_page, serve_lab, wait_done

LOSS = '.lr-explorer .lr-explorer-loss'

@pytest.fixture(scope='module')
def lab(tmp_path_factory):
    "URL and token of JupyterLab serving a folder with a copy of `02_sgd.ipynb`"
    with serve_lab(tmp_path_factory.mktemp('lab'), '02_sgd.ipynb', 'sgd.ipynb') as (url, token): yield url, token

def final_loss(text:str): # the explorer's line, '... final loss 1,234.5'
    "The number after 'final loss' in `text` (inf and nan included)"
    return float(text.split('final loss ')[1].replace(',', ''))

def set_rate(page, lr:float): # the page, and the learning rate to type into the slider's readout
    "Type `lr` into the learning-rate slider's readout and wait until the printed loss says that rate; the line"
    readout = page.locator('.lr-explorer .widget-readout').first
    readout.click(); page.keyboard.press('Control+A'); page.keyboard.type(sci(lr)); page.keyboard.press('Enter')
    page.wait_for_function(f"() => (document.querySelector('{LOSS}') || {{}}).textContent?.includes('learning rate {sci(lr)},')", timeout=20_000)
    return page.locator(LOSS).inner_text()

def test_drag_learning_rate(lab):
    url, token = lab
    t0, said = time.time(), {}
    with notebook_page(url, token, 'sgd.ipynb', 'lr_failure.png') as page:
        wait_done(page)  # the cells after the explorer have run: nothing else moves its sliders
        page.locator('.lr-explorer').scroll_into_view_if_needed()
        OUT.mkdir(exist_ok=True)
        for lr in (1e-8, 1e-5, 1e-2):
            said[lr] = set_rate(page, lr)
            page.locator('.lr-explorer').screenshot(path=str(OUT/f'lr_explorer_{lr:.0e}.png'))
    print(f"\nwhat the page printed: {said}; whole test {time.time() - t0:.0f} s")
    loss = {lr: final_loss(t) for lr, t in said.items()}
    assert loss[1e-5] < loss[1e-8], loss
    assert not loss[1e-2] < 1e6 * loss[1e-5], loss  # inf, nan, or a million times the good rate's loss
