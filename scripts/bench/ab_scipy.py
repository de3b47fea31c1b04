"""The anchor for ab.bench.mjs: scipy/pandas computing the same A/B results as `plumbline ab --json`
for three metrics (conversion: pooled two-proportion z; revenue and latency: Welch t), the
delta-method interval of the relative lift, the sample-ratio chi-square, and the same per region,
data already in memory (only the compute is timed). `ab_scipy.py CSV` prints the median of 3
computes; with `--serve` it reads the file once, prints "ready", then computes once per line read
from stdin and prints that run as one JSON line, so the bench can interleave it with Plumbline's."""
import json
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats

df = pd.read_csv(sys.argv[1], usecols=["variant", "region", "converted", "revenue", "latency_ms"])
METRICS = ["converted", "revenue", "latency_ms"]


def compare(c, t, binomial):
    nc, nt = len(c), len(t)
    mc, mt = c.mean(), t.mean()
    vc, vt = c.var(ddof=1), t.var(ddof=1)
    if binomial:
        pooled = (c.sum() + t.sum()) / (nc + nt)
        z = (mt - mc) / np.sqrt(pooled * (1 - pooled) * (1 / nc + 1 / nt))
        p = 2 * stats.norm.sf(abs(z))
    else:
        p = stats.ttest_ind(t, c, equal_var=False).pvalue
    # Delta method for the relative lift mt/mc - 1.
    var_rel = vt / (nt * mc**2) + vc * mt**2 / (nc * mc**4)
    q = stats.norm.ppf(0.975)
    rel = mt / mc - 1
    return {"control_mean": mc, "treatment_mean": mt, "relative_lift": rel, "ci_low": rel - q * np.sqrt(var_rel), "ci_high": rel + q * np.sqrt(var_rel), "p_value": float(p)}


def results(d):
    c = d[d["variant"] == "control"]
    t = d[d["variant"] == "treatment"]
    return {m: compare(c[m].to_numpy(), t[m].to_numpy(), m == "converted") for m in METRICS}


def compute():
    t0 = time.perf_counter()
    overall = results(df)
    counts = df["variant"].value_counts()
    srm = stats.chisquare(counts.to_numpy()).pvalue
    by_region = {r: results(g) for r, g in df.groupby("region")}
    seconds = time.perf_counter() - t0
    return seconds, {"srm_p_value": float(srm), "results": overall, "regions": len(by_region)}


if "--serve" in sys.argv[2:]:
    print("ready", flush=True)
    for _ in sys.stdin:
        seconds, out = compute()
        print(json.dumps({"seconds": seconds, "rows": int(len(df)), **out}), flush=True)
else:
    runs = sorted((compute() for _ in range(3)), key=lambda r: r[0])
    print(json.dumps({"seconds": runs[1][0], "rows": int(len(df)), **runs[1][1]}))
