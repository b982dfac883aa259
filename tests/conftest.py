"""What the browser tests share: JupyterLab on 127.0.0.1 with a token, serving a copy of one notebook run at test sizes
(`MNIST_NB_QUICK`), stopped at the end, also on failure; and Debian's Chromium to open it, driven by Playwright."""
import json, os, secrets, shutil, signal, socket, subprocess, sys, time, urllib.request
from contextlib import contextmanager
from pathlib import Path
import pytest
from playwright.sync_api import sync_playwright

ROOT, OUT = Path(__file__).resolve().parents[1], Path(__file__).resolve().parent/'out'
CHROMIUM = os.environ.get('CHROMIUM', '/usr/bin/chromium')  # Debian's; never a browser Playwright downloads
FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']

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

@contextmanager
def serve_lab(d, notebook:str, name:str): # an empty folder, a notebook of `nbs/`, and the name of its copy in `d`
    "URL and token of JupyterLab serving `d`, which holds a copy of `nbs/notebook` as `name`"
    shutil.copy(ROOT/'nbs'/notebook, d/name)
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
        yield url, token
    finally: stop(proc)

STARTED = "() => [...document.querySelectorAll('.jp-InputArea-prompt')].some(e => /\\[(\\*|\\d+)\\]/.test(e.textContent))"

def run_all(page, url, token, name): # a Playwright page, the server, and the notebook's name
    "Open notebook `name` in JupyterLab, wait for its kernel, and run all its cells"
    page.goto(f'{url}/lab/tree/{name}?token={token}')
    page.wait_for_selector('.jp-Notebook', timeout=60_000)
    page.wait_for_timeout(2000)
    if page.locator('.jp-Dialog').count(): page.click('.jp-Dialog .jp-mod-accept')  # a kernel to pick, if JupyterLab asks
    page.wait_for_function("() => document.body.innerText.includes('| Idle')", timeout=60_000)  # the kernel is up
    for attempt in range(3):  # a click that lands while the kernel connects runs nothing: try again
        page.click('.lm-MenuBar-itemLabel:text-is("Run")', timeout=10_000)  # the menu, not a word of the notebook
        page.click('.lm-Menu-itemLabel:text-is("Run All Cells")')
        try: page.wait_for_function(STARTED, timeout=15_000); return
        except Exception:
            if attempt == 2: raise

DONE = "() => [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')].every(e => /\\[\\d+\\]/.test(e.textContent))"

def wait_done(page, secs:float=600): # a Playwright page with a notebook running; generous, for a busy machine
    "Wait until every code cell of the page's notebook has run"
    page.wait_for_function(DONE, timeout=secs*1000)

@contextmanager
def notebook_page(url, token, name:str, failure:str): # the server, the notebook's name, and a screenshot's name for a failure
    "A Chromium page with notebook `name` open in JupyterLab and Run All started; on a failure a screenshot `OUT/failure`"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={'width': 1280, 'height': 900})
        try:
            run_all(page, url, token, name)
            yield page
        except Exception:
            OUT.mkdir(exist_ok=True); page.screenshot(path=str(OUT/failure)); raise
        finally: browser.close()
