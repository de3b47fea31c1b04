"""Reference values for `plumbline ab` on the bundled demo log (assets/demo/current.csv):
model_version A (control) vs B, scipy on the same rows. Run with /usr/bin/python3 (scipy, pandas);
writes ab_demo_reference.json beside this file.

- revenue: Welch two-sample t-test (scipy.stats.ttest_ind, equal_var=False), means, lifts, dof;
- prediction (0/1): pooled two-proportion z-test by hand (normal two-sided p);
- SRM: chi-square goodness of fit of the rows per variant against equal weights;
- the same revenue test under the filter device = 'mobile'.
"""
import json
import math
import os

import numpy as np
import pandas as pd
from scipy import stats

here = os.path.dirname(os.path.abspath(__file__))
df = pd.read_csv(os.path.join(here, '..', '..', 'assets', 'demo', 'current.csv'))


def welch(frame, col):
    a = frame.loc[frame.model_version == 'A', col].dropna().to_numpy(float)
    b = frame.loc[frame.model_version == 'B', col].dropna().to_numpy(float)
    t, p = stats.ttest_ind(b, a, equal_var=False)
    ma, mb = a.mean(), b.mean()
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    dof = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    # The delta-method interval is checked against GrowthBook's formulas in tests/unit/ab.
    return {'control_mean': ma, 'treatment_mean': mb, 'absolute_lift': mb - ma, 'relative_lift': mb / ma - 1, 'p_value': float(p), 'statistic': float(t), 'dof': dof}


def two_proportion(frame, col):
    a = frame.loc[frame.model_version == 'A', col].dropna().to_numpy(float)
    b = frame.loc[frame.model_version == 'B', col].dropna().to_numpy(float)
    pa, pb = a.mean(), b.mean()
    pool = (a.sum() + b.sum()) / (len(a) + len(b))
    z = (pb - pa) / math.sqrt(pool * (1 - pool) * (1 / len(a) + 1 / len(b)))
    return {'control_mean': pa, 'treatment_mean': pb, 'statistic': z, 'p_value': float(2 * stats.norm.sf(abs(z)))}


counts = df.model_version.value_counts()
srm = stats.chisquare([counts['A'], counts['B']])
out = {
    'units': {'A': int(counts['A']), 'B': int(counts['B'])},
    'srm': {'statistic': float(srm.statistic), 'p_value': float(srm.pvalue)},
    'revenue': welch(df, 'revenue'),
    'prediction': two_proportion(df, 'prediction'),
    'revenue_mobile': welch(df[df.device == 'mobile'], 'revenue'),
}
with open(os.path.join(here, 'ab_demo_reference.json'), 'w') as f:
    json.dump(out, f, indent=2)
