#!/usr/bin/python3
"""Reference values for the A/B segment breakdown with its multiple-testing adjustment
(core/analyses/ab/ab.ts, segmentBreakdown), from scipy and by-hand Holm / Benjamini–Hochberg.

Run:  /usr/bin/python3 tests/reference/ab_segments_reference.py
Writes tests/reference/ab_segments_reference.json next to this file (committed together).

The data: 3 variants (control, t1, t2) × segments a, b, c and rows with no segment ("(missing)"),
a 0/1 metric `converted` and a mean metric `revenue` (some values missing). Segment c has no t2
rows, so its t2 comparisons have no p-value and are not part of the family.
Per segment × metric × treatment:
  - converted: pooled two-proportion z-test written out (normal two-sided p);
  - revenue: Welch's t, scipy.stats.ttest_ind(equal_var=False) on the non-missing values;
then the p-values of all rows (one family) are adjusted by Holm and by Benjamini–Hochberg, written
out by hand (statsmodels is not installed, and Debian's scipy 1.10 has no
scipy.stats.false_discovery_control), and each row's verdict is better / worse when its adjusted
p-value < alpha (direction from the sign of the lift), inconclusive otherwise.
Revenue is rounded to 4 decimals before any computation so the JSON holds exactly what scipy saw.
"""
import json
import math
import os

import numpy as np
from scipy import stats

ALPHA = 0.05
SEGMENTS = ["a", "b", "c", None]
TREATMENTS = ["t1", "t2"]
# Conversion rate and revenue mean per (segment, variant): t1 wins clearly in a, a little in b.
RATE = {"a": (0.10, 0.17, 0.11), "b": (0.10, 0.135, 0.10), "c": (0.12, 0.12, None), None: (0.1, 0.1, 0.1)}
REVENUE = {"a": (20.0, 21.5, 20.0), "b": (20.0, 21.2, 19.0), "c": (20.0, 20.0, None), None: (20.0, 20.0, 20.0)}
SIZE = {"a": 420, "b": 380, "c": 200, None: 60}


def holm(p):
    m = len(p)
    order = sorted(range(m), key=lambda i: (p[i], i))
    out = [0.0] * m
    running = 0.0
    for k, i in enumerate(order):
        running = max(running, min(1.0, (m - k) * p[i]))
        out[i] = running
    return out


def bh(p):
    m = len(p)
    ranks = sorted(range(m), key=lambda j: (p[j], j))
    pos = {j: r + 1 for r, j in enumerate(ranks)}
    # min over every j ranked at or above i of m p_j / rank_j (the step-up form)
    return [min(1.0, min(m * p[j] / pos[j] for j in range(m) if pos[j] >= pos[i])) for i in range(m)]


def pooled_z(c, t):
    nc, nt = len(c), len(t)
    pc, pt = c.mean(), t.mean()
    pool = (c.sum() + t.sum()) / (nc + nt)
    v = pool * (1 - pool) * (1 / nc + 1 / nt)
    if v <= 0:
        return 0.0, 1.0
    z = (pt - pc) / math.sqrt(v)
    return z, 2 * stats.norm.sf(abs(z))


def main():
    rng = np.random.default_rng(20261213)
    variant, segment, converted, revenue = [], [], [], []
    for s in SEGMENTS:
        for v, name in enumerate(["control", "t1", "t2"]):
            if RATE[s][v] is None:
                continue
            n = SIZE[s]
            variant += [name] * n
            segment += [s] * n
            converted += (rng.random(n) < RATE[s][v]).astype(float).tolist()
            rev = np.round(rng.gamma(4.0, REVENUE[s][v] / 4.0, n), 4)
            rev[rng.random(n) < 0.03] = np.nan
            revenue += rev.tolist()
    variant, segment = np.array(variant, dtype=object), np.array(segment, dtype=object)
    converted, revenue = np.array(converted), np.array(revenue)

    rows = []
    for metric in ["converted", "revenue"]:
        for s in SEGMENTS:
            label = "(missing)" if s is None else s
            in_seg = np.array([x == s for x in segment])
            for t in TREATMENTS:
                col = converted if metric == "converted" else revenue
                c = col[in_seg & (variant == "control")]
                tt = col[in_seg & (variant == t)]
                c, tt = c[~np.isnan(c)], tt[~np.isnan(tt)]
                row = {"metric": metric, "segment": label, "variant": t, "control_n": len(c), "treatment_n": len(tt)}
                if len(c) == 0 or len(tt) == 0:
                    row.update(p_value=None, absolute_lift=None)
                elif metric == "converted":
                    z, p = pooled_z(c, tt)
                    row.update(statistic=z, p_value=p, absolute_lift=tt.mean() - c.mean())
                else:
                    w = stats.ttest_ind(tt, c, equal_var=False)
                    row.update(statistic=float(w.statistic), p_value=float(w.pvalue), absolute_lift=tt.mean() - c.mean())
                rows.append(row)

    family = [i for i, r in enumerate(rows) if r["p_value"] is not None]
    ps = [rows[i]["p_value"] for i in family]
    for method, adjust in [("holm", holm), ("bh", bh)]:
        for i in range(len(rows)):
            rows[i][f"{method}"] = None
            rows[i][f"verdict_{method}"] = "inconclusive"
        for i, q in zip(family, adjust(ps)):
            rows[i][method] = q
            if q < ALPHA and rows[i]["absolute_lift"] != 0:
                rows[i][f"verdict_{method}"] = "better" if rows[i]["absolute_lift"] > 0 else "worse"
        for i in family:
            # what an unadjusted verdict would have said, so the test can show the adjustment matters
            rows[i]["verdict_raw"] = "inconclusive" if rows[i]["p_value"] >= ALPHA else ("better" if rows[i]["absolute_lift"] > 0 else "worse")

    def clean(x):
        return [None if (isinstance(v, float) and math.isnan(v)) else v for v in x]

    doc = {
        "alpha": ALPHA,
        "data": {"variant": variant.tolist(), "segment": segment.tolist(), "converted": converted.tolist(), "revenue": clean(revenue.tolist())},
        "rows": rows,
    }
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "ab_segments_reference.json"), "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    for r in rows:
        print(r["metric"], r["segment"], r["variant"], r["p_value"], r.get("holm"), r.get("bh"), r.get("verdict_raw"), r["verdict_holm"], r["verdict_bh"])


if __name__ == "__main__":
    main()
