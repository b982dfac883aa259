"""The drawing pad of `nbs/08_draw.ipynb` end to end in a real browser: JupyterLab on 127.0.0.1 (with a token) runs a copy
of the notebook at test sizes, Debian's Chromium, driven by Playwright, draws a 1, a 7 and a 0 on the pad with the mouse,
and the digit the page shows for each is checked. It prints the time from pen-up to the answer on the page, and saves
a screenshot of the pad in `tests/out/`. JupyterLab is stopped at the end, also on failure."""
import json, os, secrets, shutil, signal, socket, subprocess, sys, time, urllib.request
from pathlib import Path
import pytest
from playwright.sync_api import sync_playwright
from mnist_nb.draw import DIGIT_STROKES, PAD

ROOT, OUT = Path(__file__).resolve().parents[1], Path(__file__).resolve().parent/'out'
CHROMIUM = os.environ.get('CHROMIUM', '/usr/bin/chromium')  # Debian's; never a browser Playwright downloads
FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
ANSWERED = "() => { const e = document.querySelector('.mnist-pad'); return e && e.dataset.seq && !e.dataset.pending; }"

def free_port():
    "A TCP port free on 127.0.0.1"
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

def wait_up(url, proc, secs:float=90):
    "Wait until the server at `url` answers; fail if `proc` ends or `secs` pass first"
    end = time.time() + secs
    while time.time() < end:
        if proc.poll() is not None: pytest.fail(f"JupyterLab ended with exit code {proc.returncode}")
        try: urllib.request.urlopen(url, timeout=2); return
        except OSError: time.sleep(0.5)
    pytest.fail(f"JupyterLab did not answer at {url} within {secs:.0f} s")

def stop(proc):
    "Stop JupyterLab and its kernels: SIGTERM to its process group, SIGKILL if it lingers"
    if proc.poll() is not None: return
    os.killpg(proc.pid, signal.SIGTERM)
    try: proc.wait(20)
    except subprocess.TimeoutExpired: os.killpg(proc.pid, signal.SIGKILL); proc.wait()

@pytest.fixture(scope='module')
def lab(tmp_path_factory):
    "URL and token of JupyterLab serving a folder with a copy of `08_draw.ipynb`, run at test sizes (`MNIST_NB_QUICK`)"
    d = tmp_path_factory.mktemp('lab')
    shutil.copy(ROOT/'nbs'/'08_draw.ipynb', d/'draw.ipynb')
    cfg = d/'settings'/'@jupyterlab'/'apputils-extension'
    cfg.mkdir(parents=True)
    (cfg/'notification.jupyterlab-settings').write_text(json.dumps({'fetchNews': 'false'}))  # no question about news
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ, MNIST_NB_QUICK='1', JUPYTERLAB_SETTINGS_DIR=str(d/'settings'), JUPYTER_CONFIG_DIR=str(d/'config'))
    env.pop('IN_TEST', None)
    cmd = [sys.executable, '-m', 'jupyterlab', '--no-browser', '--allow-root', '--ip=127.0.0.1', f'--port={port}',
           f'--IdentityProvider.token={token}', f'--ServerApp.root_dir={d}', '--LabApp.extension_manager=readonly']
    with open(d/'jupyterlab.log', 'w') as log:
        proc = subprocess.Popen(cmd, cwd=d, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = f'http://127.0.0.1:{port}'
        wait_up(f'{url}/api/status?token={token}', proc)
        yield url, token, d
    finally: stop(proc)

def draw(page, strokes):
    "Draw `strokes` (points on the 280x280 pad) on the page's pad with the mouse"
    box = page.locator('.mnist-pad-canvas').bounding_box()
    k = box['width'] / PAD
    for s in strokes:
        page.mouse.move(box['x'] + s[0][0]*k, box['y'] + s[0][1]*k); page.mouse.down()
        for x, y in s[1:]: page.mouse.move(box['x'] + x*k, box['y'] + y*k, steps=4)
        page.mouse.up()

def test_draw_digits(lab):
    url, token, d = lab
    t0, shown, ms = time.time(), {}, {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={'width': 1280, 'height': 900})
            page.goto(f'{url}/lab/tree/draw.ipynb?token={token}')
            page.wait_for_selector('.jp-Notebook', timeout=60_000)
            page.wait_for_timeout(2000)
            if page.locator('.jp-Dialog').count(): page.click('.jp-Dialog .jp-mod-accept')  # a kernel to pick, if JupyterLab asks
            page.click('text=Run', timeout=10_000); page.click('text=Run All Cells')
            page.wait_for_function(ANSWERED, timeout=150_000)  # the pad is live: it has answered its first, empty request
            page.locator('.mnist-pad').scroll_into_view_if_needed()
            for digit in '170':
                page.click('.mnist-pad-clear'); page.wait_for_function(ANSWERED)
                draw(page, DIGIT_STROKES[digit]); page.wait_for_function(ANSWERED, timeout=10_000)
                shown[digit] = page.locator('.mnist-pad-bar .digit').first.inner_text()
                ms[digit] = float(page.locator('.mnist-pad').get_attribute('data-ms'))
                OUT.mkdir(exist_ok=True); page.locator('.mnist-pad').screenshot(path=str(OUT/f'draw_pad_{digit}.png'))
        except Exception:
            OUT.mkdir(exist_ok=True); page.screenshot(path=str(OUT/'failure.png')); raise
        finally: browser.close()
    print(f"\npen-up to answer on the page (ms): {', '.join(f'{k}: {v:.0f}' for k, v in ms.items())}; target <= 150 on 2 CPU cores")
    print(f"digits drawn and read: {shown}; whole test {time.time() - t0:.0f} s")
    assert shown == {'1': '1', '7': '7', '0': '0'}, shown
