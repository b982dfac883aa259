"""Practising in a real browser: JupyterLab on 127.0.0.1 runs a copy of `nbs/01_baseline.ipynb` at test sizes, and
Chromium (driven by Playwright) types a wrong and then a right `my_distance` into the exercise's stub, running the stub
and its check cell each time, as a learner does; the text the check shows is checked each time. Then Restart Kernel and
Run All Cells, with the right solution in place, must run every cell again, the check saying "Right". Screenshots of the
check land in `tests/out/`."""
import re, time
import nbformat, pytest
from conftest import OUT, ROOT, notebook_page, serve_lab

WRONG = 'def my_distance(a, b): return (a - b).mean((-1, -2))'
RIGHT = 'def my_distance(a, b): return (a - b).abs().sum((-1, -2)) / 784'
CHECK = 'check_mnist_distance(my_distance)'

@pytest.fixture(scope='module')
def lab(tmp_path_factory):
    "URL and token of JupyterLab serving a folder with a copy of `01_baseline.ipynb`"
    with serve_lab(tmp_path_factory.mktemp('lab'), '01_baseline.ipynb', 'baseline.ipynb') as (url, token): yield url, token

def code_cells(): return [c for c in nbformat.read(ROOT/'nbs'/'01_baseline.ipynb', 4).cells if c.cell_type == 'code']

def code_cell(text:str): # text that only one code cell of the notebook holds
    "The index among the notebook's code cells of the one whose source holds `text` (JupyterLab draws an editor only when it is in view)"
    hits = [i for i, c in enumerate(code_cells()) if text in c.source]
    assert len(hits) == 1, (text, hits)
    return hits[0]

def prompt(cell): # a code cell's locator
    "The execution count the cell's prompt shows, or None"
    cell.scroll_into_view_if_needed()
    m = re.search(r'\[(\d+)\]', cell.locator('.jp-InputArea-prompt').text_content())
    return int(m[1]) if m else None

RAN = ("([i, b]) => { const c = document.querySelectorAll('.jp-CodeCell')[i];"
       " const m = c.querySelector('.jp-InputArea-prompt')?.textContent.match(/\\[(\\d+)\\]/); return m && +m[1] !== b; }")

def wait_ran(page, i:int, before:int=None, secs:float=600): # the page, a code cell's index, and the count it showed before
    "Wait until code cell `i` shows an execution count other than `before`: it ran"
    page.locator('.jp-CodeCell').nth(i).scroll_into_view_if_needed()
    page.wait_for_function(RAN, arg=[i, before], timeout=secs*1000)

def output(cell, words:str=''): # a code cell's locator, and words to wait for in its output
    "The text the cell's output shows, once it holds `words`"
    cell.scroll_into_view_if_needed()
    out = cell.locator('.jp-OutputArea-output')
    out.filter(has_text=words).wait_for(timeout=60_000)
    return out.text_content()

def type_and_run(page, cell, source:str): # the page, a code cell, and one line of code for it
    "Replace the cell's source with `source`, as typed, and run it"
    cell.scroll_into_view_if_needed(); cell.locator('.cm-content').click()
    page.keyboard.press('Control+A'); page.keyboard.type(source)
    page.keyboard.press('Shift+Enter')

def run_check(page, check, words:str): # the page, the check cell, and words its new output must hold
    "Run the check cell and wait until it has run; the text it shows, which must hold `words`"
    before = prompt(check)
    check.scroll_into_view_if_needed(); check.locator('.cm-content').click(); page.keyboard.press('Shift+Enter')
    wait_ran(page, code_cell(CHECK), before, secs=60)
    text = output(check)
    assert words in text, (words, text)
    return text

def test_practise_then_run_all(lab):
    url, token = lab
    t0, said = time.time(), {}
    with notebook_page(url, token, 'baseline.ipynb', 'practice_failure.png') as page:
        last = len(code_cells()) - 1
        wait_ran(page, last)  # JupyterLab draws only the cells in view: wait for the last one itself
        cells = page.locator('.jp-CodeCell')
        stub, check = cells.nth(code_cell('def my_distance(a, b):')), cells.nth(code_cell(CHECK))
        said['shipped'] = output(check, 'Not yet')
        type_and_run(page, stub, WRONG)
        said['wrong'] = run_check(page, check, 'Not yet: differences of both signs cancel out')
        OUT.mkdir(exist_ok=True); check.screenshot(path=str(OUT/'practice_wrong.png'))
        type_and_run(page, stub, RIGHT)
        said['right'] = run_check(page, check, 'Right: ')
        check.screenshot(path=str(OUT/'practice_right.png'))
        before = prompt(check)
        page.click('.lm-MenuBar-itemLabel:text-is("Kernel")')
        page.click('.lm-Menu-itemLabel:text-matches("Restart Kernel and Run All Cells")')
        page.click('.jp-Dialog .jp-mod-accept')
        wait_ran(page, code_cell(CHECK), before)  # the check ran again, in the new kernel
        wait_ran(page, last)
        shown = [i for i, c in enumerate(code_cells()) if not c.metadata.get('jupyter', {}).get('source_hidden')]  # a collapsed cell shows no prompt
        counts = [prompt(cells.nth(i)) for i in shown]  # `prompt` scrolls each into view: JupyterLab draws only the cells in view
        said['after restart'] = output(check)
    print(f"\nwhat the check cell showed: {said}; whole test {time.time() - t0:.0f} s")
    assert said['shipped'].startswith('Not yet: write your code in the stub'), said
    assert said['after restart'].startswith('Right: '), said
    assert shown[-1] == len(code_cells()) - 1, shown  # the last code cell is among those read
    assert counts[0] == 1 and counts == sorted(set(counts)), counts  # every code cell ran in the new kernel, in order, down to the last
