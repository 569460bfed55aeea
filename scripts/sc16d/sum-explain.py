#!/usr/bin/env python3
"""sc16d: the statements of profile-pass.sh MODE=explain (auto_explain durations, nested included: a parent's time
contains its children's), summed over the passes after the first (warm), by statement text; longest first."""
import re, sys
from collections import defaultdict
text = open(sys.argv[1]).read()
passes = re.split(r'\nCPU0 ', text)[2:]  # skip the preamble and the first (cold) pass
tot, cnt = defaultdict(float), defaultdict(int)
for p in passes:
    for b in re.split(r'\n(?=LOG:  duration: )', p):
        m = re.match(r'LOG:  duration: ([0-9.]+) ms', b)
        if not m: continue
        q = re.search(r'Query Text: (.*?)(?:\n[A-Z][a-z]+ .*cost=|\Z)', b, re.S)
        key = ' '.join((q.group(1) if q else '?').split())[:140]
        tot[key] += float(m.group(1)); cnt[key] += 1
n = len(passes)
print(f"{n} warm passes; ms per pass (wall), calls per pass")
for k in sorted(tot, key=tot.get, reverse=True)[:int(sys.argv[2]) if len(sys.argv) > 2 else 45]:
    print(f"{tot[k] / n:8.1f} ms {cnt[k] / n:5.1f} x  {k}")
