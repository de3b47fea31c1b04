"""Reference values for the fairness analysis (issue #12) on Aequitas's adult_rf_binary.csv sample.

Fairlearn is not installable here, so its summary functions are recomputed from Fairlearn's
documented definitions with pandas: per group selection rate (mean prediction), true positive rate
(recall) and false positive rate; demographic_parity_difference = max - min selection rate, _ratio =
min / max; equal_opportunity_* the same on TPR; equalized_odds_difference = max(TPR difference, FPR
difference), _ratio = min(TPR ratio, FPR ratio). Also every Aequitas group rate, the disparities
against the majority group, and 95% Wilson score intervals from scipy.stats.norm.

Writes the trimmed fixture (label_value, score, race, gender) and fairness_reference.json.
Run: /usr/bin/python3 tests/reference/fairness_reference.py [path/to/adult_rf_binary.csv]
"""
import json
import math
import sys
from pathlib import Path

import pandas as pd
from scipy.stats import norm

HERE = Path(__file__).resolve().parent
SOURCE = Path(sys.argv[1]) if len(sys.argv) > 1 else Path('/work/shared/datasets/aequitas/adult_rf_binary.csv')
FIXTURE = HERE.parent / 'fixtures' / 'fairness' / 'adult_rf_binary_columns.csv'

raw = pd.read_csv(SOURCE)
df = raw[['label_value', 'score', 'race', 'gender']].copy()
df['score'] = df['score'].astype(int)
df.to_csv(FIXTURE, index=False)
df['race × gender'] = df['race'] + ' × ' + df['gender']

Z = norm.ppf(0.975)


def wilson(k, n):
    if n == 0:
        return None
    centre = (k + Z * Z / 2) / (n + Z * Z)
    half = Z / (n + Z * Z) * math.sqrt(k * (n - k) / n + Z * Z / 4)
    return [max(0.0, centre - half), min(1.0, centre + half)]


def div(a, b):
    return a / b if b else None


def table(attr):
    pp_total = int((df.score == 1).sum())
    rows = {}
    for value, g in df.groupby(attr):
        y, p = g.label_value, g.score
        tp = int(((p == 1) & (y == 1)).sum()); fp = int(((p == 1) & (y == 0)).sum())
        tn = int(((p == 0) & (y == 0)).sum()); fn = int(((p == 0) & (y == 1)).sum())
        n = len(g)
        parts = {
            'tpr': (tp, tp + fn), 'tnr': (tn, tn + fp), 'fpr': (fp, fp + tn), 'fnr': (fn, fn + tp),
            'fdr': (fp, tp + fp), 'for': (fn, fn + tn), 'npv': (tn, tn + fn), 'precision': (tp, tp + fp),
            'ppr': (tp + fp, pp_total), 'pprev': (tp + fp, n), 'prev': (tp + fn, n), 'accuracy': (tp + tn, n),
        }
        rows[value] = {'size': n, 'tp': tp, 'fp': fp, 'tn': tn, 'fn': fn,
                       'rates': {r: div(k, d) for r, (k, d) in parts.items()},
                       'wilson': {r: wilson(k, d) for r, (k, d) in parts.items()}}
    majority = max(sorted(rows), key=lambda v: rows[v]['size'])  # ties: first by value
    for v, r in rows.items():
        r['disparity'] = {}
        for m in ('tpr', 'tnr', 'fpr', 'fnr', 'fdr', 'for', 'npv', 'precision', 'ppr', 'pprev'):
            a, b = r['rates'][m], rows[majority]['rates'][m]
            r['disparity'][m] = None if a is None or b is None or b == 0 else a / b

    def spread(metric):
        vals = [r['rates'][metric] for r in rows.values() if r['rates'][metric] is not None]
        hi, lo = max(vals), min(vals)
        return hi - lo, (lo / hi if hi > 0 else None)

    sel, tpr, fpr = spread('pprev'), spread('tpr'), spread('fpr')
    summary = {
        'demographic_parity_difference': sel[0], 'demographic_parity_ratio': sel[1],
        'equalized_odds_difference': max(tpr[0], fpr[0]), 'equalized_odds_ratio': min(tpr[1], fpr[1]),
        'equal_opportunity_difference': tpr[0], 'equal_opportunity_ratio': tpr[1],
    }
    return {'majority': majority, 'groups': rows, 'summary': summary}


# Wilson at the edges (k = 0, k = n, n = 1) and in the middle, against the same formula.
pairs = [[0, 1], [1, 1], [0, 10], [10, 10], [3, 7], [50, 100], [1, 1000], [999, 1000], [12345, 54321]]
out = {
    'rows': len(df),
    'z': Z,
    'wilson': [{'k': k, 'n': n, 'interval': wilson(k, n)} for k, n in pairs],
    'attributes': {a: table(a) for a in ('race', 'gender', 'race × gender')},
}
(HERE / 'fairness_reference.json').write_text(json.dumps(out, indent=1, sort_keys=True) + '\n')
for a, t in out['attributes'].items():
    print(a, t['majority'], json.dumps(t['summary']))
