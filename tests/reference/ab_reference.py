#!/usr/bin/python3
"""Reference values for Plumbline's A/B statistics (core/analyses/ab), from scipy/numpy.

Run:  /usr/bin/python3 tests/reference/ab_reference.py
Writes tests/reference/ab_reference.json next to this file (committed together).

scipy supplies Welch's t (ttest_ind(equal_var=False)), chisquare, norm/t quantiles; the pooled
two-proportion z-test is written out by hand. GrowthBook's published formulas are written out here
in Python, from their documentation and papers, independently of the TypeScript:
  - frequentist: absolute Var = v_t/n_t + v_c/n_c; relative Var (delta method)
    = v_t/(m_c^2 n_t) + v_c m_t^2/(m_c^4 n_c); t quantile at the Welch-Satterthwaite dof;
    proportions use the per-unit variance p(1-p);
  - Bayesian (uninformative prior): posterior N(lift, Var); chance to win = P(lift > 0); risk =
    E[max(0, -lift)] (treatment) / E[max(0, lift)] (control), by numerical integration here;
  - sequential: Waudby-Smith et al. asymptotic confidence sequence, eq. 9 with rho of eq. 161;
  - CUPED: theta = pooled Cov(y, x)/Var(x), adjusted arm mean y_bar - theta (x_bar - x_bar_pooled);
  - ratio metrics: delta-method variance of a_bar/b_bar per arm;
  - quantiles: numpy linear quantile; SE from the order-statistic ranks n q -/+ z sqrt(n q (1-q));
  - Holm and Benjamini-Hochberg by hand (statsmodels is not installed) in the textbook loop form.
Inputs are rounded to 4 decimals before any computation so the JSON holds exactly what scipy saw.
"""
import json
import math
import os

import numpy as np
from scipy import integrate, stats

ALPHA = 0.05
TUNING = 5000.0


def num(x):
    x = float(x)
    return None if (math.isnan(x) or math.isinf(x)) else x


def welch_dof(vc, nc, vt, nt):
    a, b = vc / nc, vt / nt
    return (a + b) ** 2 / (a * a / (nc - 1) + b * b / (nt - 1))


def tq(p, dof):
    return stats.norm.ppf(p) if math.isinf(dof) else stats.t.ppf(p, dof)


def rho(alpha, tuning):
    return math.sqrt((-2 * math.log(alpha) + math.log(-2 * math.log(alpha) + 1)) / tuning)


def seq_half(var_est, n, alpha=ALPHA, tuning=TUNING):
    r = rho(alpha, tuning)
    s2 = var_est * n
    return math.sqrt(s2) * math.sqrt(2 * (n * r * r + 1) * math.log(math.sqrt(n * r * r + 1) / alpha) / (n * r) ** 2)


def bayes(mean, var):
    sd = math.sqrt(var)
    ctw = stats.norm.sf(0, loc=mean, scale=sd)
    pdf = lambda x: stats.norm.pdf(x, loc=mean, scale=sd)
    lo, hi = mean - 12 * sd, mean + 12 * sd
    loss = integrate.quad(lambda x: -x * pdf(x), lo, 0, limit=200)[0] if lo < 0 else 0.0
    gain = integrate.quad(lambda x: x * pdf(x), 0, hi, limit=200)[0] if hi > 0 else 0.0
    q = stats.norm.ppf(1 - ALPHA / 2)
    return {"chance_to_win": ctw, "risk_treatment": loss, "risk_control": gain, "ci": [mean - q * sd, mean + q * sd]}


def lift(mc, vc, nc, mt, vt, nt, dof):
    absolute = mt - mc
    avar = vt / nt + vc / nc
    out = {"absolute": absolute, "abs_var": avar, "dof": num(dof)}
    q = tq(1 - ALPHA / 2, dof)
    out["abs_ci"] = [absolute - q * math.sqrt(avar), absolute + q * math.sqrt(avar)]
    q1 = tq(1 - ALPHA, dof)
    out["abs_ci_one_sided_low"] = absolute - q1 * math.sqrt(avar)
    if mc != 0:
        rel = mt / mc - 1
        rvar = vt / (mc * mc * nt) + vc * mt * mt / (mc ** 4 * nc)
        out.update(relative=rel, rel_var=rvar, rel_ci=[rel - q * math.sqrt(rvar), rel + q * math.sqrt(rvar)])
        h = seq_half(rvar, nc + nt)
        out["rel_seq_ci"] = [rel - h, rel + h]
        out["bayes"] = bayes(rel, rvar)
    h = seq_half(avar, nc + nt)
    out["abs_seq_ci"] = [absolute - h, absolute + h]
    return out


def r4(a):
    return np.round(np.asarray(a, dtype=float), 4)


def mean_case(name, c, t):
    c, t = r4(c), r4(t)
    nc, nt = len(c), len(t)
    mc, mt = c.mean(), t.mean()
    vc, vt = c.var(ddof=1), t.var(ddof=1)
    w = stats.ttest_ind(t, c, equal_var=False)
    one = stats.ttest_ind(t, c, equal_var=False, alternative="greater")
    dof = welch_dof(vc, nc, vt, nt)
    z = stats.norm.ppf(1 - ALPHA / 2) + stats.norm.ppf(0.8)
    mde = z * math.sqrt(vc * (1 / nc + 1 / nt)) / abs(mc)
    need = math.ceil(2 * z * z * vc / (0.05 * mc) ** 2)
    return {"name": name, "kind": "mean", "control": c.tolist(), "treatment": t.tolist(),
            "control_mean": mc, "treatment_mean": mt, "statistic": w.statistic, "p_value": w.pvalue,
            "p_value_greater": one.pvalue, "mde_relative": mde, "n_needed": need,
            **lift(mc, vc, nc, mt, vt, nt, dof)}


def binomial_case(name, xc, nc, xt, nt):
    c = [1.0] * xc + [0.0] * (nc - xc)
    t = [1.0] * xt + [0.0] * (nt - xt)
    pc, pt = xc / nc, xt / nt
    pooled = (xc + xt) / (nc + nt)
    v = pooled * (1 - pooled) * (1 / nc + 1 / nt)
    zstat = (pt - pc) / math.sqrt(v) if v > 0 else 0.0
    p = 2 * stats.norm.sf(abs(zstat)) if v > 0 else 1.0
    vc, vt = pc * (1 - pc), pt * (1 - pt)
    out = {"name": name, "kind": "binomial", "control": c, "treatment": t, "control_mean": pc,
           "treatment_mean": pt, "statistic": zstat, "p_value": p}
    if vc + vt > 0:
        out.update(lift(pc, vc, nc, pt, vt, nt, welch_dof(vc, nc, vt, nt)))
    return out


def ratio_case(rng):
    n_c, n_t = 400, 450
    bc = rng.poisson(3, n_c) + 1
    bt = rng.poisson(3, n_t) + 1
    ac = r4(bc * rng.gamma(2.0, 1.5, n_c))
    at = r4(bt * rng.gamma(2.0, 1.65, n_t))
    bc, bt = bc.astype(float), bt.astype(float)

    def arm(a, b):
        ma, mb = a.mean(), b.mean()
        va, vb = a.var(ddof=1), b.var(ddof=1)
        cov = np.cov(a, b, ddof=1)[0, 1]
        return ma / mb, va / mb ** 2 - 2 * cov * ma / mb ** 3 + ma ** 2 * vb / mb ** 4

    rc, vrc = arm(ac, bc)
    rt, vrt = arm(at, bt)
    return {"name": "ratio", "kind": "ratio", "control_a": ac.tolist(), "control_b": bc.tolist(),
            "treatment_a": at.tolist(), "treatment_b": bt.tolist(), "control_mean": rc, "treatment_mean": rt,
            **lift(rc, vrc, n_c, rt, vrt, n_t, welch_dof(vrc, n_c, vrt, n_t))}


def cuped_case(rng):
    n_c, n_t = 600, 640
    xc = r4(rng.normal(10, 3, n_c))
    xt = r4(rng.normal(10, 3, n_t))
    yc = r4(2 + 0.8 * xc + rng.normal(0, 1.5, n_c))
    yt = r4(2.3 + 0.8 * xt + rng.normal(0, 1.5, n_t))
    x = np.concatenate([xc, xt])
    y = np.concatenate([yc, yt])
    theta = np.cov(y, x, ddof=1)[0, 1] / x.var(ddof=1)

    def arm(yy, xx):
        m = yy.mean() - theta * (xx.mean() - x.mean())
        v = yy.var(ddof=1) + theta ** 2 * xx.var(ddof=1) - 2 * theta * np.cov(yy, xx, ddof=1)[0, 1]
        return m, v

    mc, vc = arm(yc, xc)
    mt, vt = arm(yt, xt)
    before = yc.var(ddof=1) / n_c + yt.var(ddof=1) / n_t
    after = vc / n_c + vt / n_t
    return {"name": "cuped", "kind": "mean", "control": yc.tolist(), "treatment": yt.tolist(),
            "control_x": xc.tolist(), "treatment_x": xt.tolist(), "theta": theta,
            "variance_reduction": 1 - after / before, "control_mean": mc, "treatment_mean": mt,
            **lift(mc, vc, n_c, mt, vt, n_t, welch_dof(vc, n_c, vt, n_t))}


def quantile_case(rng, q):
    c = r4(rng.lognormal(4, 0.5, 900))
    t = r4(rng.lognormal(4.05, 0.5, 1000))
    z = stats.norm.ppf(0.975)

    def arm(a):
        s = np.sort(a)
        n = len(s)
        half = z * math.sqrt(n * q * (1 - q))
        lo = max(0, math.floor(n * q - half) - 1)
        hi = min(n - 1, math.ceil(n * q + half) - 1)
        se = (s[hi] - s[lo]) / (2 * z)
        return float(np.quantile(s, q)), n * se * se

    mc, vc = arm(c)
    mt, vt = arm(t)
    return {"name": f"quantile_{q}", "kind": "quantile", "quantile": q, "control": c.tolist(),
            "treatment": t.tolist(), "control_mean": mc, "treatment_mean": mt,
            **lift(mc, vc, len(c), mt, vt, len(t), math.inf)}


def holm(p):
    m = len(p)
    order = sorted(range(m), key=lambda i: (p[i], i))
    out = [0.0] * m
    running = 0.0
    for k, i in enumerate(order):
        running = max(running, min(1.0, (m - k) * p[i]))
        out[i] = running
    return out


def bh(p):
    m = len(p)
    out = [0.0] * m
    for i in range(m):
        # min over all j with p_j >= p_i of m p_j / rank_j (textbook step-up form)
        ranks = sorted(range(m), key=lambda j: (p[j], j))
        pos = {j: r + 1 for r, j in enumerate(ranks)}
        out[i] = min(1.0, min(m * p[j] / pos[j] for j in range(m) if pos[j] >= pos[i]))
    return out


def main():
    rng = np.random.default_rng(20261206)
    cases = [
        mean_case("mean_small_ties", [3, 5, 5, 7, 2, 9, 5, 4], [6, 5, 8, 8, 7, 10, 6, 5, 9, 7, 8]),
        mean_case("mean_large_unequal", rng.lognormal(3, 1, 2000), rng.lognormal(3.08, 1, 2600)),
        mean_case("mean_offset_large_values", 1e6 + rng.normal(0, 2, 1500), 1e6 + 0.3 + rng.normal(0, 2, 1500)),
        binomial_case("binomial_small", 3, 40, 9, 45),
        binomial_case("binomial_large", 1200, 10000, 1320, 10000),
        binomial_case("binomial_zero_control", 0, 100, 5, 100),
        binomial_case("binomial_zero_both", 0, 50, 0, 60),
        ratio_case(rng),
        cuped_case(rng),
        quantile_case(rng, 0.5),
        quantile_case(rng, 0.99),
    ]
    srm = []
    for obs, w in [([5050, 4950], [1, 1]), ([5200, 4800], [1, 1]), ([3000, 3100, 2900], [1, 1, 1]), ([900, 2100], [0.3, 0.7]), ([1000, 1000], [0.4, 0.6])]:
        exp = np.asarray(w, dtype=float) / sum(w) * sum(obs)
        r = stats.chisquare(obs, exp)
        srm.append({"observed": obs, "weights": w, "statistic": r.statistic, "p_value": r.pvalue})
    pv = [0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.9]
    multiple = {"p": pv, "holm": holm(pv), "bh": bh(pv)}
    seq = {"rho_0.05_5000": rho(0.05, 5000), "halfwidth": seq_half(0.01, 10000), "var": 0.01, "n": 10000}
    doc = {"alpha": ALPHA, "tuning": TUNING, "cases": cases, "srm": srm, "multiple": multiple, "sequential": seq}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ab_reference.json")

    def clean(o):
        if isinstance(o, dict):
            return {k: clean(v) for k, v in o.items()}
        if isinstance(o, (list, tuple)):
            return [clean(v) for v in o]
        if isinstance(o, (float, np.floating)):
            return num(o)
        if isinstance(o, np.integer):
            return int(o)
        return o

    with open(path, "w") as f:
        json.dump(clean(doc), f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
