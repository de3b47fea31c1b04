"""COMPAS reference for the fairness analysis (issue #12), with pandas.

ProPublica's filters on compas-scores-two-years.csv (days_b_screening_arrest within ±30,
is_recid != -1, c_charge_degree != 'O', score_text != 'N/A'); high risk = decile_score >= 5
(the first `decile_score` column: the file repeats the header, pandas names the second
`decile_score.1`); label = two_year_recid. Writes the trimmed fixture the test reads (the columns
the filters and the analysis need, every row) and the group confusion counts and rates by race.

Run: /usr/bin/python3 tests/reference/compas_fairness_reference.py [path/to/compas-scores-two-years.csv]
"""
import json
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
SOURCE = Path(sys.argv[1]) if len(sys.argv) > 1 else Path('/work/shared/datasets/compas/compas-scores-two-years.csv')
FIXTURE = HERE.parent / 'fixtures' / 'fairness' / 'compas_propublica_columns.csv'
COLUMNS = ['race', 'sex', 'decile_score', 'two_year_recid', 'days_b_screening_arrest', 'is_recid', 'c_charge_degree', 'score_text']

raw = pd.read_csv(SOURCE, keep_default_na=False, na_values=[''])
raw[COLUMNS].to_csv(FIXTURE, index=False)

df = raw[
    (raw.days_b_screening_arrest <= 30)
    & (raw.days_b_screening_arrest >= -30)
    & (raw.is_recid != -1)
    & (raw.c_charge_degree != 'O')
    & (raw.score_text != 'N/A')
].copy()
df['high'] = (df.decile_score >= 5).astype(int)
y, p = df.two_year_recid, df.high


def rates(g):
    tp = int(((g.high == 1) & (g.two_year_recid == 1)).sum())
    fp = int(((g.high == 1) & (g.two_year_recid == 0)).sum())
    tn = int(((g.high == 0) & (g.two_year_recid == 0)).sum())
    fn = int(((g.high == 0) & (g.two_year_recid == 1)).sum())
    div = lambda a, b: a / b if b else None
    return {'size': len(g), 'tp': tp, 'fp': fp, 'tn': tn, 'fn': fn, 'fpr': div(fp, fp + tn), 'fnr': div(fn, fn + tp),
            'tpr': div(tp, tp + fn), 'precision': div(tp, tp + fp), 'pprev': div(tp + fp, len(g))}


by_race = {race: rates(g) for race, g in df.groupby('race')}
out = {'rows_after_filters': len(df), 'rows_before_filters': len(raw), 'by_race': by_race}
(HERE / 'compas_fairness_reference.json').write_text(json.dumps(out, indent=1, sort_keys=True) + '\n')
print(json.dumps({k: {m: by_race[k][m] for m in ('size', 'fpr', 'fnr')} for k in by_race}, indent=1))
