"""End-to-end reference for `plumbline drift` on the bundled demo pair.

Reads assets/demo/{reference,current}.csv with pandas and computes, per column, what Plumbline
must report: KS (scipy.stats.ks_2samp, method auto), Wasserstein-1 / max(std_ref ddof 0, 0.001),
chi-square of homogeneity (chi2_contingency, correction=False) and Jensen-Shannon distance base 2.
Run: /usr/bin/python3 tests/reference/demo_drift_reference.py > tests/reference/demo_drift_reference.json
"""
import json
import os

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial.distance import jensenshannon

root = os.path.join(os.path.dirname(__file__), "..", "..", "assets", "demo")
ref = pd.read_csv(os.path.join(root, "reference.csv"), keep_default_na=True)
cur = pd.read_csv(os.path.join(root, "current.csv"), keep_default_na=True)

numeric = ["age", "income", "credit_utilization", "num_accounts", "tenure_months", "score", "latency_ms", "revenue"]
categorical = ["region", "device", "sex", "race", "model_version"]
out = {"numeric": {}, "categorical": {}}
for c in numeric:
    a = ref[c].dropna().to_numpy(float)
    b = cur[c].dropna().to_numpy(float)
    ks = stats.ks_2samp(a, b)
    w = stats.wasserstein_distance(a, b)
    out["numeric"][c] = {
        "ks_statistic": float(ks.statistic),
        "ks_p_value": float(ks.pvalue),
        "wasserstein_raw": float(w),
        "wasserstein_norm": float(w / max(np.std(a), 0.001)),
    }
for c in categorical:
    a = ref[c].dropna().astype(str)
    b = cur[c].dropna().astype(str)
    cats = sorted(set(a) | set(b))
    ca = np.array([(a == k).sum() for k in cats], float)
    cb = np.array([(b == k).sum() for k in cats], float)
    table = np.vstack([ca, cb])
    # Drop categories absent from both (cannot happen here) — chi2_contingency needs no zero column.
    chi2, p, dof, _ = stats.chi2_contingency(table, correction=False)
    out["categorical"][c] = {
        "chisquare_statistic": float(chi2),
        "chisquare_p_value": float(p),
        "jensenshannon": float(jensenshannon(ca / ca.sum(), cb / cb.sum(), base=2)),
    }
print(json.dumps(out, indent=1, sort_keys=True))
