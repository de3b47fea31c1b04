#!/usr/bin/python3
"""Reference values for Plumbline's drift statistics, computed with scipy/numpy.

Run:  /usr/bin/python3 tests/reference/drift_reference.py
Writes tests/reference/drift_reference.json next to this file (committed together).

Inputs are generated with fixed seeds and rounded to 6 decimals *before* any computation, so the
numbers in the JSON are exactly the inputs scipy saw. NaN is written as null. The binned
definitions (decile edges, open outer edges, PSI floor) are re-implemented here from the spec in
core/stats/binning.ts and core/stats/distances.ts — numpy/scipy supply the primitives.
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import scipy
from scipy import special, stats
from scipy.spatial import distance

DECILES = [k / 10 for k in range(11)]
PSI_FLOOR = 1e-4


def enc(a):
    return [None if (isinstance(x, float) and math.isnan(x)) else x for x in a]


def num(x):
    x = float(x)
    if math.isnan(x):
        return None
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def r6(a):
    return [float(x) for x in np.round(np.asarray(a, dtype=float), 6)]


def drop_nan(a):
    a = np.asarray(a, dtype=float)
    return a[~np.isnan(a)]


def ks(a, b):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        res = stats.ks_2samp(a, b, alternative="two-sided", method="auto")
    fell_back = any("Switching" in str(x.message) for x in w)
    n1, n2 = len(a), len(b)
    method = "exact" if max(n1, n2) <= 10000 and not fell_back else "asymp"
    return {"statistic": num(res.statistic), "p_value": num(res.pvalue), "method": method}


def decile_edges(ref):
    return [float(e) for e in np.unique(np.quantile(ref, DECILES))]


def bin_counts(values, edges):
    interior = np.asarray(edges[1:-1], dtype=float)
    idx = np.searchsorted(interior, values, side="right")
    return np.bincount(idx, minlength=len(interior) + 1).astype(float)


def psi(r, c):
    r = np.maximum(r, PSI_FLOOR)
    c = np.maximum(c, PSI_FLOOR)
    return float(np.sum((c - r) * np.log(c / r)))


def hellinger(r, c):
    return float(np.sqrt(np.sum((np.sqrt(r) - np.sqrt(c)) ** 2)) / np.sqrt(2))


def binned_numeric(ref, cur):
    edges = decile_edges(ref)
    rc = bin_counts(ref, edges)
    cc = bin_counts(cur, edges)
    rs = rc / rc.sum()
    cs = cc / cc.sum()
    return {
        "edges": edges,
        "reference_counts": rc.tolist(),
        "current_counts": cc.tolist(),
        "psi": psi(rs, cs),
        "jensenshannon": num(distance.jensenshannon(rs, cs, base=2)),
        "hellinger": hellinger(rs, cs),
    }


def numeric_case(name, a, b):
    a = r6(a) if not any(isinstance(x, float) and math.isnan(x) for x in a) else list(a)
    b = r6(b) if not any(isinstance(x, float) and math.isnan(x) for x in b) else list(b)
    fa, fb = drop_nan(a), drop_nan(b)
    out = {"name": name, "reference": enc(a), "current": enc(b)}
    out["missing_reference"] = int(len(a) - len(fa))
    out["missing_current"] = int(len(b) - len(fb))
    out["ks"] = ks(fa, fb)
    wd = float(stats.wasserstein_distance(fa, fb))
    out["wasserstein_raw"] = wd
    out["reference_std"] = float(np.std(fa))
    out["wasserstein"] = wd / max(float(np.std(fa)), 0.001)
    out["deciles"] = [float(x) for x in np.quantile(fa, DECILES)]
    out["quantiles_misc"] = {
        "q": [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1, 1 / 3, 2 / 3, 0.999],
        "values": [float(x) for x in np.quantile(fa, [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1, 1 / 3, 2 / 3, 0.999])],
    }
    out["binned"] = binned_numeric(fa, fb)
    return out


def categorical_case(name, a, b):
    """a, b: lists of strings or None (missing)."""
    fa = [x for x in a if x is not None]
    fb = [x for x in b if x is not None]
    cats = sorted(set(fa) | set(fb))
    rc = np.array([fa.count(c) for c in cats], dtype=float)
    cc = np.array([fb.count(c) for c in cats], dtype=float)
    out = {"name": name, "reference": a, "current": b, "categories": cats,
           "reference_counts": rc.tolist(), "current_counts": cc.tolist()}
    if len(cats) >= 2 and len(fa) and len(fb):
        chi2, p, dof, _ = stats.chi2_contingency(np.vstack([rc, cc]), correction=False)
        out["chisquare"] = {"statistic": num(chi2), "p_value": num(p), "dof": int(dof)}
    else:
        out["chisquare"] = {"statistic": 0.0, "p_value": 1.0, "dof": max(len(cats) - 1, 0)}
    rs, cs = rc / rc.sum(), cc / cc.sum()
    out["psi"] = psi(rs, cs)
    out["jensenshannon"] = num(distance.jensenshannon(rs, cs, base=2))
    out["hellinger"] = hellinger(rs, cs)
    if len(cats) == 2:
        # success = first category in sorted (code-unit) order
        n1, n2 = len(fa), len(fb)
        p1, p2 = rc[0] / n1, cc[0] / n2
        P = (p1 * n1 + p2 * n2) / (n1 + n2)
        var = P * (1 - P) * (1 / n1 + 1 / n2)
        if var > 0:
            z = (p1 - p2) / np.sqrt(var)
            out["z"] = {"statistic": num(z), "p_value": num(2 * stats.norm.sf(abs(z)))}
        else:
            out["z"] = {"statistic": 0.0, "p_value": 1.0}
    return out


def spec_analysis(ref_cols, cur_cols, roles):
    """Independent re-implementation of the spec's per-column rules (auto test choice)."""
    rows = []
    for name in ref_cols:
        r, c = ref_cols[name], cur_cols[name]
        numeric = not isinstance(next((x for x in r + c if x is not None), 0.0), str)
        if numeric:
            fr = [x for x in r if x is not None and math.isfinite(x)]
            fc = [x for x in c if x is not None and math.isfinite(x)]
        else:
            fr = [x for x in r if x is not None]
            fc = [x for x in c if x is not None]
        row = {"column": name, "role": roles.get(name), "missing_reference": len(r) - len(fr),
               "missing_current": len(c) - len(fc), "n_reference": len(fr), "n_current": len(fc)}
        categorical = (not numeric) or len(set(fr) | set(fc)) <= 5
        row["kind"] = "categorical" if categorical else "numerical"
        if not fr or not fc:
            row.update({"test": None, "statistic": None, "p_value": None, "drifted": False, "error": True})
            rows.append(row)
            continue
        small = len(fr) <= 1000
        if categorical:
            lab = (lambda v: v) if not numeric else (lambda v: str(int(v)) if float(v).is_integer() else repr(v))
            fr_l, fc_l = [lab(x) for x in fr], [lab(x) for x in fc]
            cats = sorted(set(fr_l) | set(fc_l))
            rc = np.array([fr_l.count(k) for k in cats], dtype=float)
            cc = np.array([fc_l.count(k) for k in cats], dtype=float)
            if small and len(cats) <= 2:
                test = "z"
                n1, n2 = rc.sum(), cc.sum()
                if len(cats) < 2:
                    stat, p = 0.0, 1.0
                else:
                    p1, p2 = rc[0] / n1, cc[0] / n2
                    P = (p1 * n1 + p2 * n2) / (n1 + n2)
                    stat = (p1 - p2) / np.sqrt(P * (1 - P) * (1 / n1 + 1 / n2))
                    p = 2 * stats.norm.sf(abs(stat))
            elif small:
                test = "chisquare"
                stat, p, _, _ = stats.chi2_contingency(np.vstack([rc, cc]), correction=False)
            else:
                test = "jensenshannon"
                stat, p = distance.jensenshannon(rc / rc.sum(), cc / cc.sum(), base=2), None
        else:
            a, b = np.array(fr), np.array(fc)
            if small:
                test = "ks"
                res = stats.ks_2samp(a, b)
                stat, p = res.statistic, res.pvalue
            else:
                test = "wasserstein"
                stat, p = stats.wasserstein_distance(a, b) / max(np.std(a), 0.001), None
        threshold = 0.05 if test in ("ks", "chisquare", "z") else 0.1
        drifted = (p < threshold) if p is not None else (stat >= threshold)
        row.update({"test": test, "statistic": num(stat), "p_value": None if p is None else num(p),
                    "threshold": threshold, "drifted": bool(drifted), "error": False})
        rows.append(row)
    tested = [r for r in rows if not r["error"]]
    share = sum(r["drifted"] for r in tested) / len(tested)
    return {"columns": rows, "share_drifted": share, "dataset_drift": share >= 0.5}


def analysis_case(name, rng, n_ref, n_cur):
    def cols(n, shift):
        num_a = r6(rng.normal(shift, 1, n))
        num_b = r6(rng.lognormal(0, 1, n))
        for i in range(0, n, 37):
            num_b[i] = float("nan")
        p = [0.1, 0.2, 0.4, 0.2, 0.1] if not shift else [0.3, 0.3, 0.2, 0.1, 0.1]
        int_few = [float(x) for x in rng.choice(5, size=n, p=p)]
        colors = ["red", "green", "blue", "black"]
        pc = [0.4, 0.3, 0.2, 0.1] if not shift else [0.25, 0.25, 0.25, 0.25]
        cat = [None if u < 0.05 else str(x) for u, x in zip(rng.random(n), rng.choice(colors, size=n, p=pc))]
        binary = ["yes" if u < (0.3 + 0.1 * shift) else "no" for u in rng.random(n)]
        score = r6(rng.uniform(0, 1, n) ** (1 + shift))
        all_nan = [float("nan")] * n if not shift else r6(rng.normal(0, 1, n))
        return {"num_a": num_a, "num_b": num_b, "int_few": int_few, "cat": cat, "bin": binary,
                "score": score, "all_nan": all_nan}
    ref, cur = cols(n_ref, 0.0), cols(n_cur, 0.3)
    roles = {"score": "score"}
    nanless = lambda d: {k: [None if (isinstance(x, float) and math.isnan(x)) else x for x in v] for k, v in d.items()}
    ref_n, cur_n = nanless(ref), nanless(cur)
    return {"name": name, "reference": ref_n, "current": cur_n, "roles": roles,
            "expected": spec_analysis(ref_n, cur_n, roles)}


def over_time_case(rng):
    """Count chunks of 100; NannyML-style band from reference chunks (statistic vs whole reference)."""
    ref = r6(rng.normal(0, 1, 1000))
    cur = r6(np.concatenate([rng.normal(0, 1, 300), rng.normal(0.6, 1, 250)]))
    size = 100
    ref_stats = [float(stats.ks_2samp(ref[i:i + size], ref).statistic) for i in range(0, len(ref), size)]
    mean, std = float(np.mean(ref_stats)), float(np.std(ref_stats))
    points = []
    for i in range(0, len(cur), size):
        res = stats.ks_2samp(cur[i:i + size], ref)
        points.append({"start": i, "end": min(i + size, len(cur)), "statistic": num(res.statistic), "p_value": num(res.pvalue),
                       "drifted_fixed": bool(res.pvalue < 0.05),
                       "drifted_band": bool(res.statistic > mean + 3 * std or res.statistic < mean - 3 * std)})
    return {"reference": ref, "current": cur, "size": size, "reference_statistics": ref_stats,
            "band": {"mean": mean, "std": std, "lower": mean - 3 * std, "upper": mean + 3 * std}, "points": points}


def main():
    cases_num = []
    rng = np.random.default_rng(20261123)

    # Continuous, shifted and unshifted, across the exact regime.
    for n1, n2, shift in [(5, 5, 0.0), (5, 10, 1.0), (10, 10, 0.5), (10, 50, 0.3), (50, 50, 0.0),
                          (50, 100, 0.4), (100, 100, 0.2), (100, 1000, 0.1), (1000, 1000, 0.05),
                          (1000, 1000, 0.3), (1000, 999, 0.0), (7, 13, 2.0), (3, 1000, 0.0)]:
        cases_num.append(numeric_case(f"normal_{n1}_{n2}_shift{shift}",
                                      rng.normal(0, 1, n1), rng.normal(shift, 1, n2)))
    # Exact regime at its upper edge, and the asymptotic regime just past it.
    cases_num.append(numeric_case("normal_10000_10000_shift0.02",
                                  rng.normal(0, 1, 10000), rng.normal(0.02, 1, 10000)))
    cases_num.append(numeric_case("normal_10000_7000_shift0.05",
                                  rng.normal(0, 1, 10000), rng.normal(0.05, 1, 7000)))
    cases_num.append(numeric_case("normal_500_10001_shift0.1",
                                  rng.normal(0, 1, 500), rng.normal(0.1, 1, 10001)))
    cases_num.append(numeric_case("normal_1000_20000_shift0",
                                  rng.normal(0, 1, 1000), rng.normal(0, 1, 20000)))
    cases_num.append(numeric_case("normal_120_30000_shift0.4",
                                  rng.normal(0, 1, 120), rng.normal(0.4, 1, 30000)))
    # One large pair: 1e5 vs 6e4 (asymptotic, en = 37500).
    cases_num.append(numeric_case("normal_100000_60000_shift0.01",
                                  rng.normal(0, 1, 100000), rng.normal(0.01, 1, 60000)))
    # Ties: integers from a small range.
    for n1, n2, hi in [(10, 10, 3), (50, 50, 5), (100, 80, 10), (1000, 1000, 20), (1000, 12000, 20)]:
        cases_num.append(numeric_case(f"ties_{n1}_{n2}_range{hi}",
                                      rng.integers(0, hi, n1).astype(float),
                                      rng.integers(0, hi + 1, n2).astype(float)))
    # Identical samples, constant columns, heavy tails, NaNs, one-row current.
    same = r6(rng.normal(0, 1, 100))
    cases_num.append(numeric_case("identical_100", same, list(same)))
    cases_num.append(numeric_case("constant_equal", [2.0] * 20, [2.0] * 30))
    cases_num.append(numeric_case("constant_different", [2.0] * 20, [3.0] * 30))
    cases_num.append(numeric_case("constant_reference", [1.0] * 50, r6(rng.normal(1, 1, 40))))
    cases_num.append(numeric_case("lognormal_200_300", rng.lognormal(0, 2, 200), rng.lognormal(0.2, 2, 300)))
    a = r6(rng.normal(0, 1, 60))
    b = r6(rng.normal(0.5, 1, 45))
    for i in (3, 17, 40):
        a[i] = float("nan")
    for i in (0, 44):
        b[i] = float("nan")
    cases_num.append(numeric_case("with_nans_60_45", a, b))
    cases_num.append(numeric_case("one_row_current", r6(rng.normal(0, 1, 30)), [0.25]))

    # kstwo.sf and smirnov over a grid covering every branch of scipy's _kolmogn.
    kstwo_grid = []
    for n in [1, 2, 3, 5, 10, 37, 140, 141, 500, 1000, 5000, 37500, 100000, 100001, 500000]:
        for z in [0.3, 0.5, 0.7, 0.8, 0.9, 1.0, 1.2, 1.48, 1.5, 2.0, 2.5, 3.0, 4.0, 6.0, 10.0]:
            d = z / math.sqrt(n)
            if 0 < d < 1:
                kstwo_grid.append({"n": n, "d": d, "sf": num(stats.kstwo.sf(d, n))})
        for d in [0.5 / n + 1e-9, 0.75 / n, 1.0 / n, 0.5, 0.6, 0.99, 1 - 1.0 / n if n > 2 else 0.4]:
            if 0 < d < 1:
                kstwo_grid.append({"n": n, "d": d, "sf": num(stats.kstwo.sf(d, n))})
    smirnov_grid = []
    for n in [1, 2, 5, 10, 100, 1000, 1012, 1013, 5000, 100000, 500000]:
        for z in [0.05, 0.3, 0.8, 1.0, 1.5, 2.2, 3.0, 5.0, 8.0]:
            d = z / math.sqrt(n)
            if 0 < d < 1:
                smirnov_grid.append({"n": n, "d": d, "sf": num(special.smirnov(n, d))})
        for d in [0.5 / n, 1.0 / n, 0.5, 0.9, 1 - 1.0 / n if n > 2 else 0.3]:
            if 0 < d < 1:
                smirnov_grid.append({"n": n, "d": d, "sf": num(special.smirnov(n, d))})

    # Categorical.
    cats_cases = []
    letters = ["a", "b", "c", "d", "e", "f"]
    for n1, n2, k in [(5, 5, 3), (10, 10, 3), (50, 100, 4), (100, 100, 5), (1000, 1000, 6), (1000, 5000, 6)]:
        pr = rng.dirichlet(np.ones(k))
        pc = rng.dirichlet(np.ones(k))
        a = list(rng.choice(letters[:k], size=n1, p=pr))
        b = list(rng.choice(letters[:k], size=n2, p=pc))
        cats_cases.append(categorical_case(f"cat_{n1}_{n2}_k{k}", [str(x) for x in a], [str(x) for x in b]))
    for n1, n2, p1, p2 in [(10, 10, 0.5, 0.6), (100, 100, 0.3, 0.4), (1000, 1000, 0.5, 0.5),
                           (1000, 800, 0.2, 0.3), (50, 5000, 0.9, 0.85)]:
        a = ["yes" if u < p1 else "no" for u in rng.random(n1)]
        b = ["yes" if u < p2 else "no" for u in rng.random(n2)]
        cats_cases.append(categorical_case(f"binary_{n1}_{n2}", a, b))
    cats_cases.append(categorical_case("one_side_only", ["x", "x", "y", "y", "y", None], ["y", "z", "z", None, None]))
    cats_cases.append(categorical_case("constant_same", ["k"] * 10, ["k"] * 7))
    cats_cases.append(categorical_case("unicode_and_spaces", ["é ü", "a b", "a b", "ß"], ["a b", "ß", "ß", "new one"]))

    analyses = [analysis_case("small_reference_1000", rng, 1000, 600),
                 analysis_case("large_reference_1001", rng, 1001, 600),
                 analysis_case("small_reference_800", rng, 800, 700)]

    over_time = over_time_case(rng)

    out = {
        "analyses": analyses,
        "over_time": over_time,
        "generator": {"numpy": np.__version__, "scipy": scipy.__version__, "python": sys.version.split()[0]},
        "deciles": DECILES,
        "numeric": cases_num,
        "categorical": cats_cases,
        "kstwo_sf": kstwo_grid,
        "smirnov_sf": smirnov_grid,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "drift_reference.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"), allow_nan=False)
    print(path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
