"""Write README.md from nbs/index.ipynb without quarto: markdown cells as they are, code cells fenced,
their text outputs below them; cells marked `#| hide` left out, `#|` directives dropped; links relative to `nbs/`
(images, notebooks) made relative to the root. A line
`<!-- results: NOTEBOOK CELL_ID -->` becomes the results table that cell printed in its saved output, with the
speed the run measured, so the README's numbers come from a real run, not from typing.
`--check` only compares, and exits 1 when README.md is stale."""
import json, re, sys
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

def saved_results(name, cid): # a notebook in nbs/ without `.ipynb`, and the id of the cell that printed the table
    "Markdown of the results table, speed and lesson time in the saved output of cell `cid` of `name`"
    nb = json.loads((root/'nbs'/f'{name}.ipynb').read_text())
    c = next((c for c in nb['cells'] if c.get('id') == cid), None)
    if c is None: sys.exit(f"nbs/{name}.ipynb has no cell {cid} for the README's results")
    out = ''.join(''.join(o.get('text', '')) for o in c.get('outputs', []) if o.get('output_type') == 'stream')
    table = [l for l in out.splitlines() if l.startswith('|')]
    if not table: sys.exit(f"cell {cid} of nbs/{name}.ipynb has no saved results table: run the notebook at full size")
    speed = re.search(r"([\d,]+) images/s training and ([\d,]+) evaluating", out)
    secs = re.search(r"whole lesson: ([\d,]+) s", out)
    facts = [f"measured {speed[1]} images/s training resnet34 and {speed[2]} evaluating" if speed else None,
             f"the whole lesson took {secs[1]} s" if secs else None]
    facts = [f for f in facts if f]
    return '\n'.join(table) + (f"\n\nThat run {'; '.join(facts)}." if facts else '')

def fill_results(md):
    "`md` with each results marker replaced by the table it names"
    return re.sub(r"<!-- results: (\S+) (\S+) -->", lambda m: saved_results(m[1], m[2]), md)

def from_root(md):
    "`md` with its links relative to `nbs/` (where the docs site renders index.ipynb) made relative to the repository's root"
    def fix(m): return f"]({'nbs/' if (root/'nbs'/m[1]).exists() and not re.match(r'[a-z]+:', m[1]) else ''}{m[1]}"
    return re.sub(r"\]\(([^)\s#]+)", fix, md)

def readme():
    "README.md's text, made from nbs/index.ipynb"
    nb = json.loads((root/'nbs'/'index.ipynb').read_text())
    parts = [from_root(fill_results(m)) for m in map(cell_md, nb['cells']) if m]
    return '\n\n'.join(parts).strip() + '\n'

if __name__ == '__main__':
    dest, text = root/'README.md', readme()
    if '--check' in sys.argv:
        if dest.read_text() != text: sys.exit('README.md is stale: run `python tools/make_readme.py` and commit it')
        print('README.md is up to date')
    else: dest.write_text(text)
