#!/usr/bin/env python
"""Tidy notebooks after a full-size rerun (`jupyter nbconvert --execute --to notebook --inplace`), before `nbdev_clean`:
drop the widget state nbconvert saves in the metadata (`02_sgd`'s explorer carries its own picture), drop the outputs a
reader never sees (fastprogress's `<style>` blocks, empty HTML, progress bars left at 0), and clear the error a `#| cuda`
cell leaves when it is run with `--allow-errors` on a machine without a GPU. Usage: `python tools/after_rerun.py nbs/NAME.ipynb ...`"""
import json, re, sys

def invisible(o): # an output
    "Whether output `o` shows nothing a reader needs: a style block, empty HTML, or a progress bar at 0"
    html = o.get('data', {}).get('text/html')
    if o.get('output_type') != 'display_data' or html is None: return False
    body = re.sub(r'<style>.*?</style>', '', ''.join(html), flags=re.S).strip()
    return body == '' or re.fullmatch(r"<div>\s*<progress value='0'[^>]*></progress>\s*</div>", body) is not None

def tidy(nb): # a notebook, as JSON
    "`nb` without widget state, invisible outputs, or a `#| cuda` cell's error; how many outputs went"
    nb['metadata'].pop('widgets', None)
    n = 0
    for c in nb['cells']:
        if c['cell_type'] != 'code': continue
        if re.search(r'^#\|\s*cuda\b', ''.join(c['source']), re.M) and any(o.get('output_type') == 'error' for o in c['outputs']):
            n += len(c['outputs']); c['outputs'], c['execution_count'] = [], None; continue
        keep = [o for o in c['outputs'] if not invisible(o)]
        n += len(c['outputs']) - len(keep); c['outputs'] = keep
    return n

if __name__ == '__main__':
    for p in sys.argv[1:]:
        nb = json.load(open(p))
        n = tidy(nb)
        with open(p, 'w') as f: json.dump(nb, f, indent=1, ensure_ascii=False); f.write('\n')
        print(f'{p}: {n} outputs dropped')
