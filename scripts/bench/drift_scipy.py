"""The anchor for drift.bench.mjs: the same default statistics with scipy/pandas, data already in
memory (only the compute is timed). Wasserstein-1 / max(std_ref, 0.001) for numerical columns,
Jensen-Shannon distance (base 2) on category shares for categorical ones — Evidently's defaults
for references over 1,000 rows."""
import json
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial.distance import jensenshannon

ref = pd.read_csv(sys.argv[1])
cur = pd.read_csv(sys.argv[2])
num = [c for c in ref.columns if c.startswith("num_")]
cat = [c for c in ref.columns if c.startswith("cat_")]
runs = []
for _ in range(3):
    t0 = time.perf_counter()
    out = {}
    for c in num:
        a = ref[c].dropna().to_numpy()
        b = cur[c].dropna().to_numpy()
        out[c] = stats.wasserstein_distance(a, b) / max(np.std(a), 0.001)
    for c in cat:
        pa = ref[c].value_counts(normalize=True)
        pb = cur[c].value_counts(normalize=True)
        idx = pa.index.union(pb.index)
        out[c] = float(jensenshannon(pa.reindex(idx, fill_value=0).to_numpy(), pb.reindex(idx, fill_value=0).to_numpy(), base=2))
    runs.append(time.perf_counter() - t0)
print(json.dumps({"seconds": sorted(runs)[1], "values": out}))
