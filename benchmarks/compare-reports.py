#!/usr/bin/env python3
"""Compares two benchmark report.md files (before, after) row by row: p50 latency, the ratio
after/before and recall, for the raw search, filtered search and store tables, with the geometric
mean of the ratios per table. Prints Markdown.

    python3 benchmarks/compare-reports.py before/report.md after/report.md
"""
import sys, re
def tables(path):
    out = {}
    section = None
    header = None
    for line in open(path):
        line = line.rstrip('\n')
        if line.startswith('## '):
            section = line[3:]; header = None; continue
        if line.startswith('|') and section:
            cells = [c.strip() for c in line.strip('|').split('|')]
            if header is None:
                header = cells; continue
            if set(line) <= set('|-: '):
                continue
            p50s = [h for h in header if 'p50' in h]
            if not p50s:
                continue
            out.setdefault(section, {})
            out[section][tuple(cells[:header.index(p50s[0])])] = dict(zip(header, cells))
    return out
base, head = tables(sys.argv[1]), tables(sys.argv[2])
for section in ['Search, raw index', 'Filtered search (IdFilter)', 'Through the store (`MemoryStore.search(float[])`, embedding excluded)']:
    b, h = base.get(section, {}), head.get(section, {})
    key_cols = None
    print(f'\n### {section}\n')
    rows = []
    for key, hr in h.items():
        br = b.get(key)
        if br is None: continue
        p50 = next(c for c in hr if 'p50' in c)
        rec = next((c for c in hr if c.startswith('recall')), None)
        bp, hp = float(br[p50]), float(hr[p50])
        rows.append((key, bp, hp, hp / bp, br.get(rec), hr.get(rec)))
    print('| ' + ' | '.join(['configuration', 'before p50 ms', 'after p50 ms', 'after/before', 'recall before', 'recall after']) + ' |')
    print('|---|---:|---:|---:|---:|---:|')
    for key, bp, hp, r, brc, hrc in rows:
        print(f'| {" / ".join(key)} | {bp:g} | {hp:g} | {r:.2f}x | {brc} | {hrc} |')
    if rows:
        import math
        g = math.exp(sum(math.log(r[3]) for r in rows) / len(rows))
        print(f'\ngeometric mean after/before: {g:.2f}x over {len(rows)} configurations')
