#!/usr/bin/python3
"""Reference values for Plumbline's model-performance metrics, computed with sklearn.metrics and
sklearn.calibration (Debian's python3-sklearn 1.2).

Run:  /usr/bin/python3 tests/reference/performance_reference.py
Writes, next to this file (committed together):
  performance_reference.json   small cases: inputs and expected values
  performance_large.csv.gz     the large (100,000-row) inputs, so TS reads exactly what sklearn saw
  (large cases' expected values are in the JSON under "large").

PR curves are sklearn 1.3's precision_recall_curve(drop_intermediate=True) (see
pr_curve_drop_intermediate), the points Plumbline returns; average precision is still computed
by average_precision_score on the full curve.

Scores are rounded (to 1–3 decimals) so ties occur; NaN / missing are written as null. sklearn
raises on NaN, so rows without a label or a score are dropped here before calling it — the rule
Plumbline applies (and counts). Where sklearn raises or returns nan (one-class ROC AUC, kappa with
total chance agreement), the JSON holds null and the TS result must hold null with a reason.
"""
import csv
import gzip
import io
import json
import math
import os
import warnings

import numpy as np
import sklearn
from sklearn import metrics as M
from sklearn.calibration import calibration_curve

warnings.simplefilter("ignore")


def pr_curve_drop_intermediate(y, s):
    """precision_recall_curve(y, s, drop_intermediate=True) of sklearn 1.3 (Debian's 1.2 lacks the
    flag): the 1.3 source's rule applied to 1.2's _binary_clf_curve — drop the points whose tps equals
    both neighbours' (a vertical run of the plotted curve: same recall), keep the first and last —
    then 1.2's own precision/recall arithmetic. Checked against 1.2's full curve below: the kept
    points are a subset of it, so only the dropped points differ."""
    from sklearn.metrics._ranking import _binary_clf_curve
    fps, tps, thresholds = _binary_clf_curve(y, s)
    if len(fps) > 2:
        keep = np.where(np.concatenate([[True], np.logical_or(np.diff(tps[:-1]), np.diff(tps[1:])), [True]]))[0]
        fps, tps, thresholds = fps[keep], tps[keep], thresholds[keep]
    ps = tps + fps
    precision = np.zeros_like(tps)
    np.divide(tps, ps, out=precision, where=ps != 0)
    recall = np.ones_like(tps) if tps[-1] == 0 else tps / tps[-1]
    sl = slice(None, None, -1)
    p, r, t = np.hstack((precision[sl], 1)), np.hstack((recall[sl], 0)), thresholds[sl]
    fp, fr, ft = M.precision_recall_curve(y, s)
    full = set(zip(fp.tolist(), fr.tolist()))
    assert all(pt in full for pt in zip(p.tolist(), r.tolist())), "a kept point is not on sklearn's full curve"
    assert set(t.tolist()) <= set(ft.tolist())
    return p, r, t
HERE = os.path.dirname(os.path.abspath(__file__))


def num(x):
    if x is None:
        return None
    x = float(x)
    if math.isnan(x):
        return None
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def arr(a):
    return [num(x) for x in np.asarray(a, dtype=float).ravel()]


def safe(f):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return num(f())
    except ValueError:
        return None


def binary_expected(y, s, threshold=0.5, beta=2.0, cost_fp=1.0, cost_fn=5.0, n_bins=10, full=True):
    """y: 0/1 array, s: scores (both already without missing)."""
    y = np.asarray(y, dtype=int)
    s = np.asarray(s, dtype=float)
    pred = (s >= threshold).astype(int)
    cm = M.confusion_matrix(y, pred, labels=[0, 1])
    tn, fp, fn, tp = cm.ravel()
    out = {
        "counts": {"tp": int(tp), "fp": int(fp), "tn": int(tn), "fn": int(fn)},
        "matrix": cm.tolist(),
        "normalized": {k: arr(M.confusion_matrix(y, pred, labels=[0, 1], normalize=k)) for k in ("true", "pred", "all")},
    }
    zd = dict(zero_division=0)
    m = {
        "accuracy": safe(lambda: M.accuracy_score(y, pred)),
        "balanced_accuracy": safe(lambda: M.balanced_accuracy_score(y, pred)),
        "precision": safe(lambda: M.precision_score(y, pred, labels=[0, 1], **zd)),
        "recall": safe(lambda: M.recall_score(y, pred, labels=[0, 1], **zd)),
        "specificity": safe(lambda: M.recall_score(y, pred, labels=[0, 1], pos_label=0, **zd)),
        "f1": safe(lambda: M.f1_score(y, pred, labels=[0, 1], **zd)),
        "fbeta": safe(lambda: M.fbeta_score(y, pred, beta=beta, labels=[0, 1], **zd)),
        "matthews_corrcoef": safe(lambda: M.matthews_corrcoef(y, pred)),
        "cohen_kappa": safe(lambda: M.cohen_kappa_score(y, pred, labels=[0, 1])),
        "prevalence": float(np.mean(y)),
        "predicted_positive_rate": float(np.mean(pred)),
        "roc_auc": safe(lambda: M.roc_auc_score(y, s)),
        "average_precision": safe(lambda: M.average_precision_score(y, s)) if y.sum() > 0 else None,
        "brier": safe(lambda: M.brier_score_loss(y, s)),
        "log_loss": safe(lambda: M.log_loss(y, s, labels=[0, 1])),
    }
    # Calibration: sklearn's curve; ECE = Σ (n_k/n)|prob_true − prob_pred| over non-empty bins
    # (bin counts recomputed here with sklearn's own binning rule).
    cal = {}
    for strategy in ("uniform", "quantile"):
        pt, pp = calibration_curve(y, s, n_bins=n_bins, strategy=strategy)
        if strategy == "quantile":
            bins = np.percentile(s, np.linspace(0, 1, n_bins + 1) * 100)
        else:
            bins = np.linspace(0.0, 1.0, n_bins + 1)
        ids = np.searchsorted(bins[1:-1], s)
        total = np.bincount(ids, minlength=len(bins))
        counts = total[total != 0]
        cal[strategy] = {"prob_true": arr(pt), "prob_pred": arr(pp), "counts": counts.tolist(), "edges": arr(bins),
                         "ece": float(np.sum(counts / len(s) * np.abs(pt - pp)))}
    m["expected_calibration_error"] = cal["uniform"]["ece"]
    out["metrics"] = m
    out["calibration"] = cal
    if full:
        if 0 < y.sum() < len(y):
            fpr, tpr, thr = M.roc_curve(y, s)
            out["roc"] = {"fpr": arr(fpr), "tpr": arr(tpr), "thresholds": arr(thr)}
        if y.sum() > 0:
            p, r, t = pr_curve_drop_intermediate(y, s)
            out["pr"] = {"precision": arr(p), "recall": arr(r), "thresholds": arr(t)}
        # Optimal thresholds over sklearn's own cumulative table: first candidate "nothing
        # positive" (threshold = highest + 1), then distinct scores descending; first best wins.
        from sklearn.metrics._ranking import _binary_clf_curve
        fps, tps, thr = _binary_clf_curve(y, s)
        P, N = y.sum(), len(y) - y.sum()
        cand_t = np.r_[thr[0] + 1, thr]
        cand_tp = np.r_[0, tps]
        cand_fp = np.r_[0, fps]
        prec = np.divide(cand_tp, cand_tp + cand_fp, out=np.zeros(len(cand_tp)), where=(cand_tp + cand_fp) != 0)
        rec = cand_tp / P if P > 0 else np.zeros(len(cand_tp))
        denom = prec + rec
        f1 = np.divide(2 * prec * rec, denom, out=np.zeros(len(denom)), where=denom != 0)
        opt = {}
        if P > 0:
            k = int(np.argmax(f1))
            opt["f1"] = {"threshold": float(cand_t[k]), "value": float(f1[k])}
        if P > 0 and N > 0:
            j = cand_tp / P - cand_fp / N
            k = int(np.argmax(j))
            opt["youden"] = {"threshold": float(cand_t[k]), "value": float(j[k])}
        cost = cost_fp * cand_fp + cost_fn * (P - cand_tp)
        k = int(np.argmin(cost))
        opt["cost"] = {"threshold": float(cand_t[k]), "value": float(cost[k])}
        out["optimal"] = opt
        out["clf_curve"] = {"thresholds": arr(thr), "tps": arr(tps), "fps": arr(fps)}
    return out


def multiclass_expected(y, pred, scores=None, classes=None):
    labels = sorted(set(y) | set(pred))
    cm = M.confusion_matrix(y, pred, labels=labels)
    p, r, f, s = M.precision_recall_fscore_support(y, pred, labels=labels, zero_division=0)
    m = {"accuracy": M.accuracy_score(y, pred), "balanced_accuracy": M.balanced_accuracy_score(y, pred),
         "cohen_kappa": safe(lambda: M.cohen_kappa_score(y, pred, labels=labels)),
         "matthews_corrcoef": M.matthews_corrcoef(y, pred)}
    for avg in ("macro", "weighted", "micro"):
        ap, ar, af, _ = M.precision_recall_fscore_support(y, pred, labels=labels, average=avg, zero_division=0)
        m[avg + "_precision"], m[avg + "_recall"], m[avg + "_f1"] = ap, ar, af
    out = {"labels": labels, "matrix": cm.tolist(),
           "normalized": {k: arr(M.confusion_matrix(y, pred, labels=labels, normalize=k)) for k in ("true", "pred", "all")},
           "per_class": {"precision": arr(p), "recall": arr(r), "f1": arr(f), "support": s.tolist()}}
    if scores is not None:
        # One-vs-rest exactly as roc_auc_score(multi_class='ovr') computes it (_average_binary_score
        # over label_binarize columns: binary AUC per class, mean / prevalence-weighted mean), called
        # per class because rounded scores do not sum to 1 (sklearn's check) and sklearn raises for a
        # class without rows, which Plumbline leaves out of the average with a note.
        present = [c for c in classes if c in set(y)]
        per = {}
        ya = np.asarray(y)
        for c in present:
            per[c] = safe(lambda: M.roc_auc_score((ya == c).astype(int), scores[c]))
        out["per_class_auc"] = per
        vals = [v for v in per.values() if v is not None]
        sup = [int((ya == c).sum()) for c in present if per[c] is not None]
        m["roc_auc_ovr_macro"] = float(np.mean(vals))
        m["roc_auc_ovr_weighted"] = float(np.average(vals, weights=sup))
    out["metrics"] = {k: num(v) for k, v in m.items()}
    return out


def regression_expected(y, p):
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    return {"metrics": {
        "mae": M.mean_absolute_error(y, p),
        "mse": M.mean_squared_error(y, p),
        "rmse": M.mean_squared_error(y, p, squared=False),
        "mape": M.mean_absolute_percentage_error(y, p),
        "median_absolute_error": M.median_absolute_error(y, p),
        "r2": M.r2_score(y, p),
        "explained_variance": M.explained_variance_score(y, p),
        "mean_error": float(np.mean(p - y)),
    }}


def drop_missing(y, s):
    keep = [i for i in range(len(y)) if y[i] is not None and s[i] is not None]
    return [y[i] for i in keep], [s[i] for i in keep]


rng = np.random.default_rng(20261206)
cases = {"sklearn": sklearn.__version__, "binary": [], "multiclass": [], "regression": []}


def add_binary(name, y, s, threshold=0.5, group=None, chunk=None):
    yy, ss = drop_missing(y, s)
    case = {"name": name, "label": y, "score": s, "threshold": threshold,
            "rows": len(y), "labelled": sum(v is not None for v in y), "evaluated": len(yy)}
    case["expected"] = binary_expected(yy, ss, threshold=threshold)
    if chunk:
        case["chunk"] = chunk
        case["chunks"] = []
        for start in range(0, len(y), chunk):
            cy, cs = drop_missing(y[start:start + chunk], s[start:start + chunk])
            case["chunks"].append(binary_expected(cy, cs, threshold=threshold, full=False)["metrics"] if cy else None)
    if group:
        case["group"] = group
        case["segments"] = {}
        for g in sorted(set(v for v in group if v is not None)):
            idx = [i for i in range(len(y)) if group[i] == g]
            gy, gs = drop_missing([y[i] for i in idx], [s[i] for i in idx])
            case["segments"][g] = binary_expected(gy, gs, threshold=threshold, full=False)["metrics"]
    cases["binary"].append(case)


# Small, with ties (1 decimal), NaN scores and unlabelled rows.
n = 60
y = [int(v) for v in rng.integers(0, 2, n)]
s = [round(float(np.clip(0.35 * yi + rng.normal(0.35, 0.2), 0, 1)), 1) for yi in y]
y[3] = None; y[17] = None; s[5] = None; s[40] = None
group = [["a", "b", "c"][int(v)] for v in rng.integers(0, 3, n)]
add_binary("small_ties_nan", y, s, group=group, chunk=15)
add_binary("small_ties_threshold_0.3", y, s, threshold=0.3)
# Continuous scores, no ties.
n = 200
y = [int(v) for v in rng.integers(0, 2, n)]
s = [float(1 / (1 + math.exp(-(1.2 * yi + rng.normal(-0.6, 1))))) for yi in y]
add_binary("small_continuous", y, s)
# One class present.
add_binary("one_class_positive", [1] * 12, [round(float(v), 2) for v in rng.uniform(0, 1, 12)])
add_binary("one_class_negative", [0] * 12, [round(float(v), 2) for v in rng.uniform(0, 1, 12)])
# Constant scores.
add_binary("constant_scores", [int(v) for v in rng.integers(0, 2, 20)], [0.7] * 20)
# Scores exactly 0 and 1 (log loss clipping) and on bin edges.
add_binary("edges_and_extremes", [0, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0], [0.0, 1.0, 0.5, 0.5, 0.2, 0.2, 0.9, 0.1, 0.0, 1.0, 0.3, 0.6])

# Multiclass: a class only in labels ("d": never predicted) and one only in predictions ("e").
n = 80
classes = ["a", "b", "c", "d"]
y = [classes[int(v)] for v in rng.integers(0, 4, n)]
pred = [yi if rng.uniform() < 0.6 else ["a", "b", "c", "e"][int(rng.integers(0, 4))] for yi in y]
pred = [("a" if p == "d" else p) for p in pred]
raw = rng.dirichlet(np.ones(4), n)
for i, yi in enumerate(y):
    raw[i, classes.index(yi)] += 0.5
raw = np.round(raw / raw.sum(axis=1, keepdims=True), 2)
scores = {c: raw[:, k].tolist() for k, c in enumerate(classes)}
y[7] = None; pred[9] = None
keep = [i for i in range(n) if y[i] is not None and pred[i] is not None]
case = {"name": "missing_classes", "label": y, "prediction": pred, "scores": scores, "rows": n,
        "labelled": sum(v is not None for v in y), "evaluated": len(keep)}
case["expected"] = multiclass_expected([y[i] for i in keep], [pred[i] for i in keep],
                                       {c: np.array(scores[c])[keep] for c in classes}, classes)
cases["multiclass"].append(case)
# Predictions never right for one class, one class never predicted: zero_division.
y = ["x", "x", "y", "y", "z", "z", "z"]
pred = ["x", "y", "x", "x", "z", "z", "x"]
cases["multiclass"].append({"name": "zero_division", "label": y, "prediction": pred, "rows": 7, "labelled": 7, "evaluated": 7,
                            "expected": multiclass_expected(y, pred)})

# Regression: zeros in the label (MAPE epsilon), NaNs, and a constant label.
n = 50
yv = [round(float(v), 2) for v in rng.normal(10, 5, n)]
yv[0] = 0.0; yv[1] = 0.0
pv = [round(v + float(rng.normal(0.5, 2)), 2) for v in yv]
yv[10] = None; pv[20] = None
keep = [i for i in range(n) if yv[i] is not None and pv[i] is not None]
cases["regression"].append({"name": "small_with_zeros", "label": yv, "prediction": pv, "rows": n, "labelled": n - 1, "evaluated": len(keep),
                            "expected": regression_expected([yv[i] for i in keep], [pv[i] for i in keep])})
cases["regression"].append({"name": "constant_label", "label": [3.5] * 6, "prediction": [3.0, 3.5, 4.0, 3.5, 2.0, 5.25], "rows": 6, "labelled": 6, "evaluated": 6,
                            "expected": regression_expected([3.5] * 6, [3.0, 3.5, 4.0, 3.5, 2.0, 5.25])})
cases["regression"].append({"name": "perfect_constant", "label": [2.0] * 4, "prediction": [2.0] * 4, "rows": 4, "labelled": 4, "evaluated": 4,
                            "expected": regression_expected([2.0] * 4, [2.0] * 4)})

# Large: 100,000 rows written to a gzip CSV: binary label + 3-decimal score (many ties), a
# 4-class label + prediction + scores, a regression label + prediction.
N = 100_000
yb = rng.integers(0, 2, N)
sb = np.round(np.clip(0.3 * yb + rng.beta(2, 3, N), 0, 1), 3)
ym = rng.integers(0, 4, N)
lm = np.where(rng.uniform(size=N) < 0.7, ym, rng.integers(0, 4, N))
rawm = rng.dirichlet(np.ones(4), N)
rawm[np.arange(N), ym] += 0.4
rawm = np.round(rawm / rawm.sum(axis=1, keepdims=True), 3)
yr = np.round(rng.normal(100, 20, N), 3)
pr = np.round(yr + rng.normal(1, 8, N), 3)
buf = io.StringIO()
w = csv.writer(buf, lineterminator="\n")
w.writerow(["yb", "sb", "ym", "pm", "s0", "s1", "s2", "s3", "yr", "pr"])
for i in range(N):
    w.writerow([int(yb[i]), f"{sb[i]:.3f}", int(ym[i]), int(lm[i]), *(f"{rawm[i, k]:.3f}" for k in range(4)), f"{yr[i]:.3f}", f"{pr[i]:.3f}"])
with gzip.GzipFile(os.path.join(HERE, "performance_large.csv.gz"), "wb", mtime=0) as f:
    f.write(buf.getvalue().encode())
# Read back exactly what was written (the CSV text is the input of record).
back = np.genfromtxt(io.StringIO(buf.getvalue()), delimiter=",", names=True)
be = binary_expected(back["yb"].astype(int), back["sb"], full=True)
large = {"rows": N, "binary": {"metrics": be["metrics"], "counts": be["counts"], "calibration": be["calibration"], "optimal": be["optimal"],
                               "roc_points": len(be["roc"]["fpr"]), "pr_points": len(be["pr"]["precision"])}}
ymc = back["ym"].astype(int).astype(str).tolist()
pmc = back["pm"].astype(int).astype(str).tolist()
mc = multiclass_expected(ymc, pmc, {str(k): back["s%d" % k] for k in range(4)}, [str(k) for k in range(4)])
large["multiclass"] = mc
large["regression"] = regression_expected(back["yr"], back["pr"])
cases["large"] = large

# Self-check of the one-vs-rest rule used above: on probabilities that do sum to 1, sklearn's
# roc_auc_score(multi_class='ovr') equals the mean / prevalence-weighted mean of per-class binary AUCs.
chk = np.random.default_rng(1)
cy = chk.integers(0, 3, 500)
cp = chk.dirichlet(np.ones(3), 500)
cp[np.arange(500), cy] += 0.3
cp = cp / cp.sum(axis=1, keepdims=True)
per = [M.roc_auc_score((cy == k).astype(int), cp[:, k]) for k in range(3)]
assert abs(M.roc_auc_score(cy, cp, multi_class="ovr") - np.mean(per)) < 1e-12
assert abs(M.roc_auc_score(cy, cp, multi_class="ovr", average="weighted") - np.average(per, weights=np.bincount(cy))) < 1e-12

with open(os.path.join(HERE, "performance_reference.json"), "w") as f:
    json.dump(cases, f, separators=(",", ":"), allow_nan=False)
print("wrote", os.path.join(HERE, "performance_reference.json"))
