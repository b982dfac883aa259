"""Write README.md from nbs/index.ipynb without quarto: markdown cells as they are, code cells fenced,
their text outputs below them; cells marked `#| hide` left out, `#|` directives dropped.
`--check` only compares, and exits 1 when README.md is stale."""
import json, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def directives(src):
    "The `#|` lines at the top of a code cell's `src`"
    return [l for l in src.splitlines() if l.startswith('#|')]

def outputs_md(outs):
    "Markdown for a code cell's outputs `outs`: markdown as is, text fenced"
    res = []
    for o in outs:
        data = o.get('data', {})
        if 'text/markdown' in data: res.append(''.join(data['text/markdown']))
        elif o.get('output_type') == 'stream' and o.get('name') == 'stdout': res.append('```\n' + ''.join(o['text']).rstrip() + '\n```')
        elif 'text/plain' in data: res.append('```\n' + ''.join(data['text/plain']).rstrip() + '\n```')
    return res

def cell_md(c):
    "Markdown for one notebook cell `c`, or None when it is hidden"
    src = ''.join(c['source'])
    if c['cell_type'] == 'markdown': return src
    ds = directives(src)
    if any(d.replace(' ', '') in ('#|hide', '#|include:false') for d in ds): return None
    code = '\n'.join(l for l in src.splitlines() if not l.startswith('#|')).strip()
    echo = not any(d.replace(' ', '') == '#|echo:false' for d in ds)
    return '\n\n'.join(([f'```python\n{code}\n```'] if code and echo else []) + outputs_md(c.get('outputs', [])))

def readme():
    "README.md's text, made from nbs/index.ipynb"
    nb = json.loads((root/'nbs'/'index.ipynb').read_text())
    parts = [m for m in map(cell_md, nb['cells']) if m]
    return '\n\n'.join(parts).strip() + '\n'

if __name__ == '__main__':
    dest, text = root/'README.md', readme()
    if '--check' in sys.argv:
        if dest.read_text() != text: sys.exit('README.md is stale: run `python tools/make_readme.py` and commit it')
        print('README.md is up to date')
    else: dest.write_text(text)
