#!/usr/bin/python3
"""Reference values for the operations analysis (core/analyses/operations/), from numpy and pandas.

Each case is a small prediction log (timestamp in epoch ms, latency in ms with NaNs, an HTTP-like
status code, a model version, a score); the expected figures are what numpy/pandas give:
np.percentile (default 'linear'), np.histogram, pandas groupby per version, per UTC day (and per version within each day)
(dt.floor('D')), dt.hour and dt.dayofweek counts. Run: /usr/bin/python3 operations_reference.py
"""
import json
import math
import pathlib

import numpy as np
import pandas as pd

HOUR = 3_600_000
DAY = 86_400_000
rng = np.random.default_rng(14)


def clean(x):
    if isinstance(x, (float, np.floating)):
        return None if math.isnan(x) else float(x)
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    return x


def latency(v):
    v = np.asarray(v, dtype=float)
    f = v[~np.isnan(v)]
    if f.size == 0:
        return {"count": 0, "missing": int(v.size), "mean": None, "min": None, "max": None, "p50": None, "p95": None, "p99": None}
    p50, p95, p99 = np.percentile(f, [50, 95, 99])
    return {"count": int(f.size), "missing": int(v.size - f.size), "mean": f.mean(), "min": f.min(), "max": f.max(), "p50": p50, "p95": p95, "p99": p99}


def slice_figures(df):
    known = df["status"].notna()
    errors = int((df.loc[known, "status"] >= 500).sum())
    dec = df["score"].notna()
    return {
        "rows": int(len(df)),
        "latency": latency(df["latency"].to_numpy()),
        "error_rate": errors / int(known.sum()) if known.sum() else None,
        "errors": errors,
        "predicted_positive_rate": float((df.loc[dec, "score"] >= 0.5).mean()) if dec.sum() else None,
        "mean_score": float(df.loc[dec, "score"].mean()) if dec.sum() else None,
    }


def expected(df):
    out = {"overall": slice_figures(df)}
    ts = df["ts"].dropna()
    if len(ts) >= 2 and ts.max() > ts.min():
        out["rows_per_hour"] = len(ts) / ((ts.max() - ts.min()) / HOUR)
    else:
        out["rows_per_hour"] = None
    when = pd.to_datetime(df["ts"], unit="ms", utc=True)
    out["volume_by_hour"] = [int(x) for x in when.dt.hour.value_counts().reindex(range(24), fill_value=0)]
    out["volume_by_weekday"] = [int(x) for x in when.dt.dayofweek.value_counts().reindex(range(7), fill_value=0)]
    scores = df["score"].dropna().to_numpy()
    counts, edges = np.histogram(scores, bins=20, range=(0, 1))
    out["score_histogram"] = {"edges": edges.tolist(), "counts": counts.tolist()}
    out["by_version"] = {str(k): slice_figures(g) for k, g in df.groupby("version", dropna=True)}
    days = []
    for day, g in df.dropna(subset=["ts"]).groupby(when.dropna().dt.floor("D")):
        f = slice_figures(g)
        f["label"] = day.strftime("%Y-%m-%d")
        f["rows_per_hour"] = len(g) / 24
        f["score_counts"] = np.histogram(g["score"].dropna().to_numpy(), bins=20, range=(0, 1))[0].tolist()
        # The day's figures per model version (the Operations views' per-version series).
        f["by_version"] = {str(k): {**slice_figures(gv), "rows_per_hour": len(gv) / 24} for k, gv in g.groupby("version", dropna=True)}
        days.append(f)
    out["days"] = days
    out["rows_without_timestamp"] = int(df["ts"].isna().sum())
    return out


def case(name, df):
    return {"name": name, "input": {k: [clean(v) for v in df[k].tolist()] for k in ["ts", "latency", "status", "version", "score"]}, "expected": clean(expected(df))}


def frame(ts, lat, status, version, score):
    return pd.DataFrame({"ts": pd.Series(ts, dtype=float), "latency": pd.Series(lat, dtype=float), "status": pd.Series(status, dtype=float), "version": pd.Series(version, dtype=object), "score": pd.Series(score, dtype=float)})


T0 = 1_772_409_600_000  # 2026-03-02 00:00 UTC, a Monday
cases = []
# Small, with ties, NaN latency, a missing status, a row without a timestamp, scores on the threshold.
cases.append(case("small", frame(
    [T0 + 5 * 60_000, T0 + 3 * HOUR, T0 + 3 * HOUR, T0 + 13 * HOUR, T0 + DAY + 1, T0 + DAY + 7 * HOUR, T0 + 2 * DAY + 23 * HOUR, None, T0 + 2 * DAY],
    [12.5, 40, 40, None, 40, 250.25, 13, 8, 40],
    [200, 500, 200, 503, None, 404, 200, 200, 200],
    ["A", "B", "A", "B", "A", None, "B", "A", "A"],
    [0.1, 0.5, 0.49999, 0.9, None, 1.0, 0.0, 0.75, 0.5],
)))
# Large: 3,000 rows over 9 days, lognormal latency with 1% spikes and 2% NaN, 3 versions, 1.5% errors.
n = 3000
ts = T0 + np.sort(rng.integers(0, 9 * DAY, n)).astype(float)
lat = np.round(rng.lognormal(3.5, 0.4, n) + (rng.random(n) < 0.01) * rng.uniform(200, 900, n), 1)
lat[rng.random(n) < 0.02] = np.nan
status = np.where(rng.random(n) < 0.015, rng.choice([500, 502, 503], n), rng.choice([200, 201, 404], n, p=[0.9, 0.05, 0.05])).astype(float)
version = rng.choice(["v1", "v2", "v3 <b>&"], n, p=[0.5, 0.3, 0.2]).astype(object)
score = np.round(rng.beta(2, 3, n), 3)
cases.append(case("large", frame(ts, lat, status, version, score)))
cases.append(case("empty", frame([], [], [], [], [])))
cases.append(case("constant", frame([T0 + i * HOUR for i in range(30)], [100.0] * 30, [200.0] * 30, ["A"] * 30, [0.5] * 30)))
cases.append(case("one row", frame([T0 + 9 * HOUR], [77.7], [500], ["A"], [0.3])))

out = pathlib.Path(__file__).with_name("operations_reference.json")
out.write_text(json.dumps({"generator": "operations_reference.py", "numpy": np.__version__, "pandas": pd.__version__, "cases": cases}, allow_nan=False))
print(f"wrote {out} ({len(cases)} cases)")
