#!/usr/bin/env python3
"""sc16d: per pass of profile-pass.sh MODE=planner, the user+system CPU of every PLANNER / PARSE ANALYSIS / REWRITER
STATISTICS block (log_planner_stats, log_parser_stats: nested statements included), summed by kind."""
import re, sys
from collections import defaultdict
lines = open(sys.argv[1]).read().splitlines()
cur, kind, sums, count = None, None, defaultdict(float), defaultdict(int)
for l in lines:
    m = re.match(r'CPU0 (\S+)', l)
    if m: cur, sums, count = m.group(1), defaultdict(float), defaultdict(int)
    m = re.match(r'LOG:  (.*) STATISTICS', l)
    if m: kind = m.group(1)
    m = re.match(r'!\s+([0-9.]+) s user, ([0-9.]+) s system, ([0-9.]+) s elapsed', l)
    if m and cur and kind:
        sums[kind] += float(m.group(1)) + float(m.group(2)); count[kind] += 1; kind = None
    if l.startswith('CPU1') and cur:
        print(cur, ', '.join(f"{k}: {count[k]} x, {sums[k] * 1000:.1f} ms CPU" for k in sorted(sums)))
        cur = None
