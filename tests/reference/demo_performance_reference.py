"""End-to-end reference for `plumbline performance` on the bundled demo pair.

Reads assets/demo/{reference,current}.csv with pandas, keeps the labelled rows (blank label = not
yet arrived) and computes with sklearn what Plumbline must report: binary metrics at thresholds
0.5 and 0.3 (positive when score >= threshold), threshold-free metrics, the confusion matrix, the
same metrics under the filter device == 'mobile', and accuracy per region.
Run: /usr/bin/python3 tests/reference/demo_performance_reference.py > tests/reference/demo_performance_reference.json
"""
import json
import os

import numpy as np
import pandas as pd
from sklearn import metrics as M

root = os.path.join(os.path.dirname(__file__), "..", "..", "assets", "demo")
ref = pd.read_csv(os.path.join(root, "reference.csv"), keep_default_na=True)
cur = pd.read_csv(os.path.join(root, "current.csv"), keep_default_na=True)


def binary(df, threshold):
    d = df[df["label"].notna()]
    y = d["label"].to_numpy(int)
    s = d["score"].to_numpy(float)
    p = (s >= threshold).astype(int)
    return {
        "rows": int(len(df)),
        "labelled": int(len(d)),
        "metrics": {
            "accuracy": M.accuracy_score(y, p),
            "balanced_accuracy": M.balanced_accuracy_score(y, p),
            "precision": M.precision_score(y, p, zero_division=0),
            "recall": M.recall_score(y, p, zero_division=0),
            "f1": M.f1_score(y, p, zero_division=0),
            "matthews_corrcoef": M.matthews_corrcoef(y, p),
            "cohen_kappa": M.cohen_kappa_score(y, p),
            "roc_auc": M.roc_auc_score(y, s),
            "average_precision": M.average_precision_score(y, s),
            "brier": M.brier_score_loss(y, s),
            "log_loss": M.log_loss(y, s),
        },
        "confusion": M.confusion_matrix(y, p, labels=[0, 1]).tolist(),
    }


out = {
    "current_05": binary(cur, 0.5),
    "current_03": binary(cur, 0.3),
    "reference_05": binary(ref, 0.5),
    "current_mobile_05": binary(cur[cur["device"] == "mobile"], 0.5),
    "by_region_accuracy": {
        str(k): M.accuracy_score(g.loc[g["label"].notna(), "label"].astype(int), (g.loc[g["label"].notna(), "score"] >= 0.5).astype(int))
        for k, g in cur.groupby("region")
    },
}
print(json.dumps(out, indent=1, sort_keys=True))
