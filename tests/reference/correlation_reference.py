#!/usr/bin/python3
"""Reference values for the correlation analysis (core/analyses/correlation/): pandas'
DataFrame.corr(method='pearson' | 'spearman') with its default min_periods=1 (pairwise-complete
rows; NaN for a constant column or a pair without rows). Cases: small with ties and NaNs, large,
a constant column, an all-missing column, one row, empty. Run: /usr/bin/python3 correlation_reference.py
"""
import json
import math
import pathlib

import numpy as np
import pandas as pd

rng = np.random.default_rng(1414)


def clean(x):
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    if isinstance(x, (float, np.floating)):
        return None if math.isnan(x) else float(x)
    return x


def case(name, ref, cur):
    out = {"name": name, "columns": list(cur.columns), "reference": {c: clean(ref[c].tolist()) for c in ref.columns}, "current": {c: clean(cur[c].tolist()) for c in cur.columns}}
    for method in ["pearson", "spearman"]:
        out[method] = {"reference": clean(ref.corr(method=method).to_numpy().tolist()), "current": clean(cur.corr(method=method).to_numpy().tolist())}
    return out


def frame(d):
    return pd.DataFrame({k: pd.Series(v, dtype=float) for k, v in d.items()})


cases = []
nan = float("nan")
cases.append(case(
    "small with ties and NaNs",
    frame({"a": [1, 2, 2, 3, nan, 5, 6], "b": [2, 1, 2, 5, 4, nan, 7], "c <b>": [1, 1, 1, 2, 2, 2, 3], "d": [nan, 3, 1, 4, 1, 5, 9]}),
    frame({"a": [3, 2, 1, 3, 3, 5, 1], "b": [2, 2, 2, 1, nan, 0, 7], "c <b>": [5, nan, 1, 2, 2, 8, 3], "d": [1, 3, nan, nan, 1, 5, 2]}),
))
n = 1000
x = rng.normal(size=n)
def big(shift):
    d = {
        "x": x[: n] + shift * rng.normal(size=n),
        "y": 2 * x + rng.normal(size=n) * (1 + 3 * shift),
        "z": np.round(rng.exponential(size=n), 1),
        "w": rng.integers(0, 5, n).astype(float),
        "v": -x + rng.normal(size=n),
    }
    for k in ["y", "z"]:
        d[k][rng.random(n) < 0.05] = np.nan
    return frame({k: np.round(v, 4) for k, v in d.items()})
cases.append(case("large", big(0.0), big(0.8)))
cases.append(case("constant column", frame({"a": [1, 2, 3, 4], "k": [7, 7, 7, 7], "b": [4, 3, 1, 2]}), frame({"a": [1, 2, 3, 5], "k": [7, 7, 8, 7], "b": [4, 3, 3, 2]})))
cases.append(case("all missing", frame({"a": [1, 2, 3], "m": [nan, nan, nan]}), frame({"a": [3, 1, 2], "m": [nan, 1, nan]})))
cases.append(case("one row", frame({"a": [1], "b": [2]}), frame({"a": [3], "b": [4]})))
cases.append(case("empty", frame({"a": [], "b": []}), frame({"a": [], "b": []})))

out = pathlib.Path(__file__).with_name("correlation_reference.json")
out.write_text(json.dumps({"generator": "correlation_reference.py", "pandas": pd.__version__, "cases": cases}, allow_nan=False))
print(f"wrote {out} ({len(cases)} cases)")
