"""The anchor for fairness.bench.mjs: pandas computing the same group table as
`plumbline fairness --json` (per group of race, sex, age_cat and their intersection: size, confusion
counts, Aequitas's rates and their disparities against the largest group), data already in memory.
`fairness_pandas.py CSV THRESHOLD N` prints the median of N computes; with `--serve` it reads the
CSV once, prints "ready", then answers each "run" line on stdin with one compute's JSON line."""
import json
import sys
import time

import numpy as np
import pandas as pd

ATTRS = ["race", "sex", "age_cat"]
df = pd.read_csv(sys.argv[1], usecols=["label", "score", *ATTRS])
threshold = float(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] != "--serve" else 0.5
df = df[df["label"].notna()]


def table(d, keys):
    g = d.groupby(keys, observed=True)
    t = pd.DataFrame({
        "size": g.size(),
        "tp": g["tp"].sum(), "fp": g["fp"].sum(), "tn": g["tn"].sum(), "fn": g["fn"].sum(),
    })
    pp = t.tp + t.fp
    t["tpr"] = t.tp / (t.tp + t.fn)
    t["tnr"] = t.tn / (t.tn + t.fp)
    t["fpr"] = t.fp / (t.fp + t.tn)
    t["fnr"] = t.fn / (t.fn + t.tp)
    t["fdr"] = t.fp / pp
    t["for"] = t.fn / (t.fn + t.tn)
    t["npv"] = t.tn / (t.tn + t.fn)
    t["precision"] = t.tp / pp
    t["ppr"] = pp / pp.sum()
    t["pprev"] = pp / t["size"]
    t["prev"] = (t.tp + t.fn) / t["size"]
    ref = t["size"].idxmax()
    for m in ["tpr", "tnr", "fpr", "fnr", "fdr", "for", "npv", "precision", "ppr", "pprev"]:
        t[m + "_disparity"] = t[m] / t.loc[ref, m]
    return t


def compute():
    """One timed compute of the four tables from the DataFrame in memory: wall and CPU seconds."""
    t0 = time.perf_counter()
    c0 = time.process_time()
    d = df.copy()
    y = d["label"].to_numpy().astype(bool)
    p = d["score"].to_numpy() >= threshold
    d["tp"] = y & p
    d["fp"] = ~y & p
    d["tn"] = ~y & ~p
    d["fn"] = y & ~p
    tables = {a: table(d, [a]) for a in ATTRS}
    tables["x".join(ATTRS)] = table(d, ATTRS)
    return time.perf_counter() - t0, time.process_time() - c0, tables


def answer(seconds, cpu_seconds, tables):
    fpr = {f"{a}={k}": float(v) for a in ATTRS for k, v in tables[a]["fpr"].items()}
    return json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "labelled": int(len(df)), "groups": int(sum(len(t) for t in tables.values())), "fpr": fpr})


if "--serve" in sys.argv:
    # fairness.bench.mjs interleaves one compute per "run" line with Plumbline's runs.
    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() == "run":
            print(answer(*compute()), flush=True)
else:
    runs = []
    cpu = []
    for _ in range(int(sys.argv[3]) if len(sys.argv) > 3 else 3):
        s, c, tables = compute()
        runs.append(s)
        cpu.append(c)
    print(answer(sorted(runs)[len(runs) // 2], sorted(cpu)[len(cpu) // 2], tables))
