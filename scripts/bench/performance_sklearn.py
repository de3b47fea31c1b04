"""The anchor for performance.bench.mjs: sklearn computing the same binary-classification metrics
and curves as `plumbline performance --json` on the same labelled rows, data already in memory
(only the compute is timed; reading the CSV is not)."""
import json
import sys
import time

import numpy as np
import pandas as pd
from sklearn import metrics
from sklearn.calibration import calibration_curve

df = pd.read_csv(sys.argv[1], usecols=["label", "score"])
threshold = float(sys.argv[2]) if len(sys.argv) > 2 else 0.5
df = df[df["label"].notna()]
y = df["label"].to_numpy().astype(int)
s = df["score"].to_numpy()

runs = []
for _ in range(3):
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
    runs.append(time.perf_counter() - t0)
print(json.dumps({"seconds": sorted(runs)[1], "labelled": int(len(y)), "values": out, "confusion": cm.tolist()}))
