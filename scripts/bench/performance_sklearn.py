"""The anchor for performance.bench.mjs: sklearn computing the same binary-classification metrics
and curves as `plumbline performance --json` on the same labelled rows, data already in memory
(only the compute is timed; reading the CSV is not).

`performance_sklearn.py CSV [THRESHOLD]` prints the median of 3 computes; with `--serve` it reads
the file once, prints "ready", then computes once per line read from stdin and prints that run as
one JSON line, so the bench can interleave it with Plumbline's runs."""
import json
import sys
import time

import numpy as np
import pandas as pd
from sklearn import metrics
from sklearn.calibration import calibration_curve

args = [a for a in sys.argv[1:] if a != "--serve"]
df = pd.read_csv(args[0], usecols=["label", "score"])
threshold = float(args[1]) if len(args) > 1 else 0.5
df = df[df["label"].notna()]
y = df["label"].to_numpy().astype(int)
s = df["score"].to_numpy()


def compute():
    t0 = time.perf_counter()
    p = (s >= threshold).astype(int)
    out = {
        "accuracy": metrics.accuracy_score(y, p),
        "balanced_accuracy": metrics.balanced_accuracy_score(y, p),
        "precision": metrics.precision_score(y, p, zero_division=0),
        "recall": metrics.recall_score(y, p, zero_division=0),
        "f1": metrics.f1_score(y, p, zero_division=0),
        "matthews_corrcoef": metrics.matthews_corrcoef(y, p),
        "cohen_kappa": metrics.cohen_kappa_score(y, p),
        "roc_auc": metrics.roc_auc_score(y, s),
        "average_precision": metrics.average_precision_score(y, s),
        "brier": metrics.brier_score_loss(y, s),
        "log_loss": metrics.log_loss(y, s),
    }
    cm = metrics.confusion_matrix(y, p)
    metrics.roc_curve(y, s)
    metrics.precision_recall_curve(y, s)
    calibration_curve(y, s, n_bins=10, strategy="uniform")
    calibration_curve(y, s, n_bins=10, strategy="quantile")
    return {"seconds": time.perf_counter() - t0, "labelled": int(len(y)), "values": out, "confusion": cm.tolist()}


if "--serve" in sys.argv[1:]:
    print("ready", flush=True)
    for _ in sys.stdin:
        print(json.dumps(compute()), flush=True)
else:
    runs = sorted((compute() for _ in range(3)), key=lambda r: r["seconds"])
    print(json.dumps(runs[1]))
