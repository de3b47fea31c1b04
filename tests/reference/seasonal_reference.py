#!/usr/bin/python3
"""Reference values for drift over time with a per-season reference, computed with scipy/numpy.

Run:  /usr/bin/python3 tests/reference/seasonal_reference.py
Writes tests/reference/seasonal_reference.json next to this file (committed together).

A small seasonal fixture: one reference year (2023) and a current spring (2024), with timestamps
at UTC midnight. Numeric `x` and `y` follow the month (plus noise, a few NaN and ties from
rounding); categorical `c` draws its category with month-dependent odds. Chunks are ISO weeks
(UTC, Monday first) and, for the weekday case, days. Per chunk:
- the periods it covers (months of the year, 0-11; or weekdays, 0 = Monday),
- the reference rows in those periods, and the test of the chunk against them
  (KS via scipy.stats.ks_2samp method="auto"; chi-square via chi2_contingency without
  correction over the categories seen on either side; PSI on decile bins of that reference),
- the band: mean +- 3 population sigma of the statistics of the reference chunks (same chunking)
  lying wholly in those periods, each tested against the same restricted reference.
Seasonality evidence: each reference week tested against the whole reference by the fixed rule.
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import pandas as pd
import scipy
from scipy import stats

DECILES = [k / 10 for k in range(11)]
PSI_FLOOR = 1e-4
DAY = 86_400_000


def num(x):
    x = float(x)
    return None if math.isnan(x) else x


def ks(a, b):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = stats.ks_2samp(a, b, alternative="two-sided", method="auto")
    return float(res.statistic), float(res.pvalue)


def chisq(a, b):
    cats = sorted(set(a) | set(b))
    rc = np.array([a.count(k) for k in cats], dtype=float)
    cc = np.array([b.count(k) for k in cats], dtype=float)
    if len(cats) < 2:
        return 0.0, 1.0
    chi2, p, _, _ = stats.chi2_contingency(np.vstack([rc, cc]), correction=False)
    return float(chi2), float(p)


def psi(ref, cur):
    edges = np.unique(np.quantile(ref, DECILES))
    interior = edges[1:-1]
    rc = np.bincount(np.searchsorted(interior, ref, side="right"), minlength=len(interior) + 1).astype(float)
    cc = np.bincount(np.searchsorted(interior, cur, side="right"), minlength=len(interior) + 1).astype(float)
    r = np.maximum(rc / rc.sum(), PSI_FLOOR)
    c = np.maximum(cc / cc.sum(), PSI_FLOOR)
    return float(np.sum((c - r) * np.log(c / r))), None


def finite(v):
    a = np.asarray(v, dtype=float)
    return np.sort(a[np.isfinite(a)])


def table(rng, start, end, every, shift):
    days = pd.date_range(start, end, freq=f"{every}D", tz="UTC")
    rows = []
    for d in days:
        m = d.month
        for _ in range(3):
            x = round(float(np.sin(m / 12 * 2 * np.pi) * 2 + rng.normal(shift, 1)), 1)  # ties from rounding
            y = round(float(m + rng.normal(0, 2)), 3)
            odds = [0.2 + 0.05 * m, 0.5, 1.0 - 0.05 * m]
            c = ["a", "b", "c"][int(rng.choice(3, p=np.array(odds) / sum(odds)))]
            rows.append({"t": int(d.value // 1_000_000), "x": x, "y": y, "c": c})
    df = pd.DataFrame(rows)
    df.loc[df.index % 17 == 5, "x"] = np.nan
    return df


def keys(ts, by):
    t = pd.to_datetime(np.asarray(ts), unit="ms", utc=True)
    return (t.month.values - 1) if by == "month" else t.weekday.values


def chunk_ids(ts, period):
    t = pd.to_datetime(np.asarray(ts), unit="ms", utc=True)
    day = t.normalize()
    start = day - pd.to_timedelta(t.weekday, unit="D") if period == "week" else day
    return np.asarray(start.asi8 // 1_000_000)


def test_of(col, ref, cur):
    if col == "x":
        return ks(finite(ref), finite(cur))
    if col == "y":
        return psi(finite(ref), finite(cur))
    return chisq(list(ref), list(cur))


def drifted_fixed(col, stat, p):
    return (p < 0.05) if col in ("x", "c") else (stat >= 0.1)


def case(ref, cur, period, by, thresholds):
    rk, ck = keys(ref.t, by), keys(cur.t, by)
    r_chunk, c_chunk = chunk_ids(ref.t, period), chunk_ids(cur.t, period)
    r_starts = sorted(set(r_chunk))
    out = {"period": period, "by": by, "thresholds": thresholds, "series": {}}
    for col in ("x", "y", "c"):
        points = []
        for s in sorted(set(c_chunk)):
            rows = cur[c_chunk == s]
            periods = sorted(set(int(k) for k in ck[c_chunk == s]))
            sub = ref[np.isin(rk, periods)]
            stat, p = test_of(col, sub[col].values, rows[col].values)
            point = {"start": int(s), "periods": periods, "reference_rows": int(len(sub)), "statistic": stat, "p_value": p}
            if thresholds == "reference_chunks":
                within = [rs for rs in r_starts if set(int(k) for k in rk[r_chunk == rs]) <= set(periods)]
                st = [test_of(col, sub[col].values, ref[r_chunk == rs][col].values)[0] for rs in within]
                if len(st) >= 2:
                    mean, std = float(np.mean(st)), float(np.std(st))
                    point["band"] = {"mean": mean, "std": std, "lower": mean - 3 * std, "upper": mean + 3 * std, "reference_chunks": len(st)}
                    point["drifted"] = bool(stat > mean + 3 * std or stat < mean - 3 * std)
                else:
                    point["band"] = None
                    point["drifted"] = bool(drifted_fixed(col, stat, p if p is not None else math.nan))
            else:
                point["drifted"] = bool(drifted_fixed(col, stat, p if p is not None else math.nan))
            points.append(point)
        # Seasonality: each reference chunk against the whole reference, fixed rule.
        ev = [test_of(col, ref[col].values, ref[r_chunk == rs][col].values) for rs in r_starts]
        out["series"][col] = {"points": points, "seasonality": {"reference_chunks": len(ev), "drifted": int(sum(drifted_fixed(col, s, p) for s, p in ev))}}
    return out


def main():
    rng = np.random.default_rng(20261206)
    ref = table(rng, "2023-01-02", "2023-12-31", 3, 0.0)
    cur = table(rng, "2024-01-01", "2024-04-28", 2, 0.0)
    cur.loc[cur.t >= pd.Timestamp("2024-04-01", tz="UTC").value // 1_000_000, "x"] += 1.5  # a real change in April
    enc = lambda df: {"t": df.t.tolist(), "x": [num(v) for v in df.x], "y": df.y.tolist(), "c": df.c.tolist()}
    out = {
        "reference": enc(ref),
        "current": enc(cur),
        "cases": [case(ref, cur, "week", "month", "fixed"), case(ref, cur, "week", "month", "reference_chunks"), case(ref, cur, "day", "weekday", "fixed")],
        "generator": {"numpy": np.__version__, "scipy": scipy.__version__, "pandas": pd.__version__, "python": sys.version.split()[0]},
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seasonal_reference.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"), allow_nan=False)
    print(path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
