"""Check that every relative link and image in the notebooks resolves from `nbs/`, the folder `nbdev_docs` renders
them in, and every one in README.md from the repository's root. Links to the web and to anchors are not followed.
Prints each broken one as `file: target` and exits 1 if there are any."""
import json, re, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
LINK = re.compile(r'!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|(?:src|href)\s*=\s*"([^"]+)"')

def targets(md):
    "The relative link and image targets in markdown `md`, without their anchors"
    found = (a or b for a, b in LINK.findall(md))
    return [t.split('#')[0] for t in found if not re.match(r'^([a-z][a-z0-9+.-]*:|#|//)', t, re.I) and t.split('#')[0]]

def notebook_md(fname):
    "The markdown of notebook `fname`: its markdown cells and its outputs' markdown"
    cells = json.loads(Path(fname).read_text())['cells']
    md = [''.join(c['source']) for c in cells if c['cell_type'] == 'markdown']
    return md + [''.join(o.get('data', {}).get('text/markdown', '')) for c in cells for o in c.get('outputs', [])]

def broken(md, base):
    "The targets in `md` that do not exist relative to the folder `base`"
    return [t for t in targets(md) if not (base/t).exists()]

def main():
    bad = [(nb.relative_to(root), t) for nb in sorted((root/'nbs').glob('*.ipynb')) for md in notebook_md(nb) for t in broken(md, nb.parent)]
    bad += [('README.md', t) for t in broken((root/'README.md').read_text(), root)]
    for f, t in bad: print(f"{f}: {t}")
    print(f"links: {len(bad)} broken" if bad else 'links: all resolve')
    return 1 if bad else 0

if __name__ == '__main__': sys.exit(main())
