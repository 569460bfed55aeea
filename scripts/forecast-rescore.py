#!/usr/bin/env python3
"""Re-scores step 7's method on a kept `cw bench forecast --keep` client without rebuilding the world.

Runs forecast_compute (or another procedure with its signature, e.g. a variant installed under another name) at the
cut-off in a rolled-back transaction, reads its temporary table fc_out_rows, and scores the held-out weeks exactly as
BenchForecastCommand does: series from the pair's first complete week, M5 scale (mean squared one-week change from
the first non-zero week), weights = revenue of the 28 days before the cut-off, weighted RMSSE; SES (alpha fitted
0.05..0.95 in sample) and the moving average (k 2..14) recomputed the same way. `active` scores the stored active
forecast instead. Writes nothing. Optional: a CSV of per-series scores for analysis.

    scripts/forecast-rescore.py SCHEMA CUTOFF [compute|active] [--procedure NAME] [--csv FILE] [--weeks 8]
    e.g. scripts/forecast-rescore.py cw_900411 2024-11-05 compute --csv /tmp/s11.csv
"""
import argparse
import csv
import math
import os
import re
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('schema')
    ap.add_argument('cutoff')
    ap.add_argument('mode', nargs='?', default='compute', choices=['compute', 'active'])
    ap.add_argument('--procedure', default='forecast_compute')
    ap.add_argument('--csv')
    ap.add_argument('--weeks', type=int, default=8)
    a = ap.parse_args()
    if not re.fullmatch(r'cw_[0-9]{6}', a.schema) or not re.fullmatch(r'\d{4}-\d{2}-\d{2}', a.cutoff) \
            or not re.fullmatch(r'[a-z_][a-z0-9_]*', a.procedure):
        sys.exit('usage: forecast-rescore.py cw_nnnnnn YYYY-MM-DD [compute|active] [--procedure name]')
    home = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    url = os.environ.get('CW_DATABASE_URL') or subprocess.run(
        [os.path.join(home, 'bin', 'cw'), 'db', 'url'], capture_output=True, text=True, check=True).stdout.strip()
    s, cut, h = a.schema, a.cutoff, a.weeks

    def query(*statements):
        args = ['psql', url, '-v', 'ON_ERROR_STOP=1', '-Atq', '-F', '\t', '-c', 'set client_min_messages = warning']
        for statement in statements:
            args += ['-c', statement]
        out = subprocess.run(args, capture_output=True, text=True)
        if out.returncode:
            sys.exit(out.stderr)
        return [line.split('\t') for line in out.stdout.splitlines() if line]

    if a.mode == 'active':
        ours = query(f"select product_id, location_id, horizon_days / 7, predicted_qty, demand_source_type "
                     f"from {s}.active_demand_forecast_products where horizon_days <= {7 * h}")
    else:
        ours = query('begin',
                     f"do $d$ declare v jsonb; begin select metadata -> 'settings' into v from {s}.demand_forecasts "
                     f"order by id desc limit 1; call {s}.{a.procedure}('{cut}'::date, v, null, null, null); end $d$",
                     f"select rows.product_id, rows.location_id, rows.horizon_days / 7, rows.predicted_qty, types.name "
                     f"from fc_out_rows as rows inner join {s}.demand_source_types as types "
                     f"on types.id = rows.demand_source_type_id where rows.horizon_days <= {7 * h}",
                     'rollback')
    series = {}
    for p, loc, k, qty, source in ours:
        x = series.setdefault((int(p), int(loc)), {'train': [], 'actual': [0.0] * h, 'oracle': [0.0] * h,
                                                   'ours': [0.0] * h, 'weight': 0.0, 'source': source})
        x['ours'][int(k) - 1] = float(qty)
    for p, loc, _, qty, days, revenue in query(
            f"select truth.product_id, truth.location_id, ('{cut}'::date - truth.demand_date) / 7, sum(truth.demand), "
            f"count(*), coalesce(sum(truth.demand * products.price) filter (where truth.demand_date > '{cut}'::date "
            f"- 28), 0) from {s}.bench_truth as truth inner join {s}.products on products.id = truth.product_id "
            f"where truth.demand_date <= '{cut}' group by 1, 2, 3 order by 1, 2, 3 desc"):
        x = series.get((int(p), int(loc)))
        if x is None or (not x['train'] and int(days) < 7):
            continue
        x['train'].append(float(qty))
        x['weight'] += float(revenue)
    for p, loc, k, qty, mean in query(
            f"select product_id, location_id, (demand_date - '{cut}'::date - 1) / 7, sum(demand), sum(mean) "
            f"from {s}.bench_truth where demand_date > '{cut}' group by 1, 2, 3"):
        x = series.get((int(p), int(loc)))
        if x is not None and int(k) < h:
            x['actual'][int(k)] = float(qty)
            x['oracle'][int(k)] = float(mean)

    methods = ['ours', 'oracle', 'ses', 'moving_average']
    weighted = dict.fromkeys(methods, 0.0)
    bias = dict.fromkeys(methods, 0.0)
    total_weight = total_actual = 0.0
    rows = []
    for key, x in series.items():
        m5 = scale(x['train'])
        if len(x['train']) < 2 or m5 <= 0:
            continue
        forecasts = {'ours': x['ours'], 'oracle': x['oracle'], 'ses': ses(x['train'], h),
                     'moving_average': moving_average(x['train'], h)}
        r = {}
        for m in methods:
            r[m] = math.sqrt(sum((x['actual'][k] - forecasts[m][k]) ** 2 for k in range(h)) / h / m5)
            weighted[m] += x['weight'] * r[m]
            bias[m] += sum(forecasts[m][k] - x['actual'][k] for k in range(h))
        total_weight += x['weight']
        total_actual += sum(x['actual'])
        rows.append((key, x, r, forecasts))
    print(f"{s} at {cut}, {len(rows)} series, {h} weeks: " + ', '.join(
        f"{m} {weighted[m] / total_weight:.4f} (bias {100 * bias[m] / total_actual:+.1f} %)" for m in methods)
        + f"; ours vs SES {weighted['ours'] / weighted['ses'] - 1:+.2%}, ours / oracle "
          f"{weighted['ours'] / weighted['oracle']:.3f}")
    if a.csv:
        with open(a.csv, 'w', newline='') as fh:
            out = csv.writer(fh)
            out.writerow(['product_id', 'location_id', 'source', 'weight', 'train_weeks', 'train_mean',
                          'last13_mean', 'zero_share', 'rmsse_ours', 'rmsse_oracle', 'rmsse_ses',
                          'rmsse_moving_average', 'sum_ours', 'sum_ses', 'sum_actual', 'sum_oracle'])
            for key, x, r, f in rows:
                t = x['train']
                out.writerow([key[0], key[1], x['source'], x['weight'], len(t), sum(t) / len(t),
                              sum(t[-13:]) / len(t[-13:]), sum(1 for v in t if v == 0) / len(t), r['ours'],
                              r['oracle'], r['ses'], r['moving_average'], sum(f['ours']), sum(f['ses']),
                              sum(x['actual']), sum(x['oracle'])])


def scale(y):
    """M5 scale: mean squared one-step change from the first non-zero week on (Baselines.scale)."""
    first = 0
    while first < len(y) and y[first] == 0:
        first += 1
    changes = [(y[t] - y[t - 1]) ** 2 for t in range(first + 1, len(y))]
    return sum(changes) / len(changes) if changes else 0


def ses(y, h):
    """SES, alpha 0.05..0.95 minimising the in-sample one-step squared error (Baselines.ses)."""
    best, best_level = float('inf'), y[0]
    for step in range(1, 20):
        alpha, level, sse = step * 0.05, y[0], 0.0
        for t in range(1, len(y)):
            e = y[t] - level
            sse += e * e
            level += alpha * e
        if sse < best:
            best, best_level = sse, level
    return [best_level] * h


def moving_average(y, h):
    """Mean of the last k weeks, k 2..14 minimising the in-sample one-step squared error (Baselines.movingAverage)."""
    n, best, best_k = len(y), float('inf'), min(len(y), 2)
    for k in range(2, min(14, n - 1) + 1):
        sse = sum((y[t] - sum(y[t - k:t]) / k) ** 2 for t in range(14, n))
        if sse < best:
            best, best_k = sse, k
    return [sum(y[n - best_k:n]) / best_k] * h


if __name__ == '__main__':
    main()
