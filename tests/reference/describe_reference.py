#!/usr/bin/python3
"""Reference values for Plumbline's per-column summary (core/analyses/summary), computed with pandas.

Run:  /usr/bin/python3 tests/reference/describe_reference.py
Writes tests/reference/describe_reference.json next to this file (committed together).

Each case holds its input (NaN / missing written as null) and what pandas gives for it:
Series.describe() (count, mean, std with ddof=1, min, max), Series.quantile (numpy's linear method),
Series.nunique(), numpy.histogram(bins=10) for numbers; value_counts() for text, ordered by count
descending then value, as Plumbline orders ties. Inputs are rounded to 6 decimals with fixed seeds,
so the JSON holds exactly what pandas saw.
"""
import json
import math
import os

import numpy as np
import pandas as pd

QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95]
BINS = 10
TOP = 10


def num(x):
    x = float(x)
    return None if math.isnan(x) else x


def numeric_case(name, values):
    s = pd.Series(values, dtype="float64")
    present = s.dropna()
    d = s.describe()
    counts, edges = np.histogram(present.to_numpy(), bins=BINS) if len(present) else (np.array([]), np.array([]))
    return {
        "name": name,
        "kind": "numeric",
        "values": [num(v) for v in s],
        "expected": {
            "count": int(d["count"]),
            "missing": int(s.isna().sum()),
            "distinct": int(s.nunique()),
            "min": num(d["min"]) if len(present) else None,
            "max": num(d["max"]) if len(present) else None,
            "mean": num(d["mean"]) if len(present) else None,
            "std": num(d["std"]) if len(present) > 1 else None,
            "quantiles": [{"q": q, "value": num(s.quantile(q)) if len(present) else None} for q in QUANTILES],
            "histogram": {"edges": [float(e) for e in edges], "counts": [int(c) for c in counts]},
        },
    }


def categorical_case(name, values):
    s = pd.Series(values, dtype="object")
    vc = s.value_counts(dropna=True)
    ordered = sorted(vc.items(), key=lambda kv: (-kv[1], kv[0]))
    present = int(s.notna().sum())
    top = [{"value": k, "count": int(c), "share": int(c) / present} for k, c in ordered[:TOP]]
    return {
        "name": name,
        "kind": "categorical",
        "values": [None if v is None else v for v in s],
        "expected": {
            "count": present,
            "missing": int(s.isna().sum()),
            "distinct": int(s.nunique(dropna=True)),
            "top": top,
            "otherCount": present - sum(t["count"] for t in top),
        },
    }


def main():
    rng = np.random.default_rng(20261206)
    cases = []
    cases.append(numeric_case("small", [3.5, 1.25, 9.0, 4.0, 2.5]))
    large = np.round(rng.lognormal(3, 0.8, 5000), 6)
    cases.append(numeric_case("large lognormal", list(large)))
    cases.append(numeric_case("ties", [1, 2, 2, 2, 3, 3, 7, 7, 7, 7, 10, 10]))
    with_nan = list(np.round(rng.normal(-2, 5, 300), 6))
    for i in range(0, 300, 7):
        with_nan[i] = float("nan")
    cases.append(numeric_case("normal with NaNs", with_nan))
    cases.append(numeric_case("empty", []))
    cases.append(numeric_case("all missing", [float("nan")] * 4))
    cases.append(numeric_case("constant", [42.0] * 9))
    cases.append(numeric_case("one value", [7.25]))
    cases.append(numeric_case("integers 0..99 with an edge on a value", [float(i) for i in range(100)]))
    cases.append(numeric_case("large magnitude", list(np.round(1e9 + rng.normal(0, 1, 200), 6))))
    words = ["north", "south", "east", "west", "centre", "Zed", "ämne", "日本", "a", "b", "c", "d"]
    cats = [words[int(i)] for i in rng.integers(0, len(words), 2000)]
    for i in range(0, 2000, 13):
        cats[i] = None
    cases.append(categorical_case("categories with missing", cats))
    cases.append(categorical_case("ties in count", ["b", "a", "c", "a", "b", "c", "d"]))
    cases.append(categorical_case("empty text", []))
    cases.append(categorical_case("all missing text", [None, None]))
    cases.append(categorical_case("constant text", ["same"] * 5))
    out = {"pandas": pd.__version__, "numpy": np.__version__, "quantiles": QUANTILES, "bins": BINS, "top": TOP, "cases": cases}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "describe_reference.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False, allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    main()
