#!/usr/bin/env python3
"""sc16c: summarise an ab-changes.sh log: every measurement (wall s, backend CPU s, cluster CPU s, load) and per
variant the medians of the single passes, the full runs, the bulk passes, and the ratios within the variant."""
import sys, statistics, collections
rows, start = [], {}
for line in open(sys.argv[1]):
    p = line.split()
    if p[:1] == ['MARK']:
        kind, label, wall, cpu, cluster, load = p[1], p[2], int(p[3]), int(p[4]), int(p[5]), p[6]
        if kind == 'start':
            start[label] = (wall, cpu, cluster)
        else:
            w0, c0, k0 = start.pop(label)
            rows.append([label, (wall - w0) / 1e9, (cpu - c0) / 1e9, (cluster - k0) / 100, load, ''])
    elif p[:1] == ['INFO'] and rows:
        rows[-1][5] = ' '.join(p[1:])
for r in rows:
    print(f"{r[0]:<24} wall {r[1]:9.3f} s  backend cpu {r[2]:8.3f} s  cluster cpu {r[3]:8.2f} s  load {r[4]:>6}  {r[5]}")
by = collections.defaultdict(lambda: collections.defaultdict(list))
for label, wall, cpu, cl, load, info in rows:
    what, variant = label.rsplit('-', 1)
    by[variant][what.split(':')[0]].append((wall, cpu, cl))
for v, d in by.items():
    med = {k: [statistics.median(x[i] for x in d[k]) for i in range(3)] for k in d}
    print(f"{v}: " + '; '.join(f"{k} n={len(d[k])} median wall {m[0]:.3f} s cpu {m[1]:.3f} s cluster {m[2]:.2f} s"
                                for k, m in med.items()))
    if 'single' in med and 'full' in med:
        f, s = med['full'], med['single']
        print(f"  {v}: one product = 1/{f[0] / s[0]:.0f} of the full run (wall), 1/{f[1] / s[1]:.0f} (backend CPU), "
              f"1/{f[2] / max(s[2], 0.01):.0f} (cluster CPU)")
    if 'bulk' in med and 'full' in med:
        f, b = med['full'], med['bulk']
        print(f"  {v}: bulk = {b[0] / f[0]:.2f} x the full run (wall), {b[1] / f[1]:.2f} x (backend CPU), "
              f"{b[2] / f[2]:.2f} x (cluster CPU)")
