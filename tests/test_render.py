"""Pages without a kernel: `nbs/02_sgd.ipynb` rendered to HTML by nbconvert, as a docs page or a notebook viewer shows
it from the saved outputs, must show the learning-rate explorer as its picture and words, never as a widget's text
(`VBox(children=(FloatLogSlider(...`)."""
import re, subprocess, sys
from pathlib import Path

NBS = Path(__file__).resolve().parents[1]/'nbs'

def test_explorer_static_view():
    html = subprocess.run([sys.executable, '-m', 'nbconvert', '--to', 'html', '--stdout', str(NBS/'02_sgd.ipynb')],
                          capture_output=True, text=True, check=True).stdout
    assert 'VBox(children=' not in html
    cell = html[html.index('lr_explorer</span><span class="p">(</span><span class="n">orig_params'):]
    out = cell[cell.index('jp-OutputArea'):cell.index('jp-Cell-inputWrapper')]  # the explorer cell's output, up to the next cell
    assert re.search(r'<img [^>]*src="data:image/png;base64,', out), out[:500]
