"""The anchor for drift.bench.mjs: the same default statistics with scipy/pandas, data already in
memory (only the compute is timed). Wasserstein-1 / max(std_ref, 0.001) for numerical columns,
Jensen-Shannon distance (base 2) on category shares for categorical ones — Evidently's defaults
for references over 1,000 rows.

`drift_scipy.py REF CUR` prints the median of 3 computes; with `--serve` it reads the files once,
prints "ready", then computes once per line read from stdin and prints that run as one JSON line,
so the bench can interleave it with Plumbline's runs."""
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


def compute():
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
    return time.perf_counter() - t0, out


if "--serve" in sys.argv[3:]:
    print("ready", flush=True)
    for _ in sys.stdin:
        seconds, out = compute()
        print(json.dumps({"seconds": seconds, "values": out}), flush=True)
else:
    runs = [compute() for _ in range(3)]
    runs.sort(key=lambda r: r[0])
    print(json.dumps({"seconds": runs[1][0], "values": runs[1][1]}))
