"""Seed 004 goldens: naive OLS vs post-LASSO 2SLS on the simulated many-A/B-tests data.

Run from the repository root, after make_lasso_data.py, make_cvglmnet_goldens.R and
rlasso_reference.py (this script reads their JSON for the selected instrument sets):

    /work/venv/bin/python Fixtures/scripts/make_ab_iv_goldens.py

Writes Fixtures/reference/lasso_cv/ab_tests_iv.json with, for ab_tests_iv.csv (true beta = 2.0)
and ab_tests_null.csv (no A/B test moves x):
  truth             the generator's parameters (make_lasso_data.TRUTH), incl. the known beta
  naive_ols         y ~ 1 + x and y ~ 1 + x + c1 + c2 (linearmodels, robust = HC0): biased
  selections        the instrument sets: cv.glmnet lambda.min / lambda.1se (controls partialled
                    out, and controls unpenalised via penalty.factor 0), the plug-in (rlasso on
                    the partialled data), the oracle (true) set, and all instruments
  iv2sls            one entry per distinct set: IV2SLS y ~ 1 + c1 + c2 + [x ~ m_S] fitted with
                    cov_type="robust" (HC0, linearmodels' default) and "unadjusted";
                    params / std_errors / tstats / pvalues / conf_int (95 %), beta_in_ci,
                    first stage: linearmodels' diagnostics (partial R2, Shea R2, partial F as
                    computed by linearmodels for that covariance) and the post-LASSO first-stage F
                    of lasso-iv.md §6 step 4 (homoskedastic F with df (k, n-k-3) and the robust
                    Wald/k with HC0 and HC1)
Floats are written with repr (round-trip exact); instrument indices are 1-based (m_j -> j).
"""
import json
import os
import platform
import sys

import linearmodels
import numpy as np
import pandas as pd
import scipy
import statsmodels
from linearmodels.iv import IV2SLS

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "Fixtures", "data")
OUT = os.path.join(ROOT, "Fixtures", "reference", "lasso_cv")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_lasso_data import TRUTH  # noqa: E402

VERSIONS = {"python": platform.python_version(), "linearmodels": linearmodels.__version__,
            "numpy": np.__version__, "scipy": scipy.__version__, "pandas": pd.__version__,
            "statsmodels": statsmodels.__version__}


def fl(v):
    return [float(a) for a in np.asarray(v, dtype=float).ravel()]


def fit_record(res, beta=None):
    ci = res.conf_int(level=0.95)
    rec = {
        "names": list(res.params.index),
        "params": fl(res.params), "std_errors": fl(res.std_errors), "tstats": fl(res.tstats),
        "pvalues": fl(res.pvalues),
        "conf_int_lower": fl(ci["lower"]), "conf_int_upper": fl(ci["upper"]),
        "nobs": int(res.nobs), "cov_type": res.cov_type, "rsquared": float(res.rsquared),
    }
    if beta is not None:
        lo, hi = float(ci.loc["x", "lower"]), float(ci.loc["x", "upper"])
        rec["beta_in_ci"] = bool(lo <= beta <= hi)
    return rec


def post_lasso_first_stage_F(x, W, Zs):
    """lasso-iv.md §6 step 4: OLS of x on (W, Z_S), restricted model without Z_S."""
    n, k = Zs.shape
    def ols(X, y):
        b, *_ = np.linalg.lstsq(X, y, rcond=None)
        return b, y - X @ b
    _, rr = ols(W, x)
    Xu = np.column_stack([W, Zs])
    bu, ru = ols(Xu, x)
    dfd = n - Xu.shape[1]
    F = ((rr @ rr - ru @ ru) / k) / ((ru @ ru) / dfd)
    XtXi = np.linalg.inv(Xu.T @ Xu)
    V0 = XtXi @ ((Xu * (ru ** 2)[:, None]).T @ Xu) @ XtXi
    V1 = V0 * n / dfd
    idx = np.arange(W.shape[1], Xu.shape[1])
    bz = bu[idx]
    w0 = float(bz @ np.linalg.solve(V0[np.ix_(idx, idx)], bz)) / k
    w1 = float(bz @ np.linalg.solve(V1[np.ix_(idx, idx)], bz)) / k
    return {"F": float(F), "df_num": int(k), "df_denom": int(dfd),
            "pvalue": float(scipy.stats.f.sf(F, k, dfd)),
            "robust_wald_over_k_hc0": w0, "robust_wald_over_k_hc1": w1}


def iv_entry(D, sel, beta):
    y = D["y"]
    exog = pd.DataFrame({"const": 1.0, "c1": D["c1"], "c2": D["c2"]}, index=D.index)
    endog = D[["x"]]
    inst = D[[f"m{j}" for j in sel]]
    out = {"instruments": [f"m{j}" for j in sel], "k": len(sel),
           "formula": "y ~ 1 + c1 + c2 + [x ~ " + " + ".join(f"m{j}" for j in sel) + "]"}
    for cov in ("robust", "unadjusted"):
        res = IV2SLS(y, exog, endog, inst).fit(cov_type=cov)
        rec = fit_record(res, beta)
        diag = res.first_stage.diagnostics.loc["x"]
        rec["first_stage_linearmodels"] = {
            "rsquared": float(diag["rsquared"]), "partial.rsquared": float(diag["partial.rsquared"]),
            "shea.rsquared": float(diag["shea.rsquared"]), "f.stat": float(diag["f.stat"]),
            "f.pval": float(diag["f.pval"]), "f.dist": str(diag["f.dist"])}
        out[cov] = rec
    W = exog.to_numpy(float)
    out["first_stage_post_lasso"] = post_lasso_first_stage_F(D["x"].to_numpy(float), W, inst.to_numpy(float))
    return out


def ols_entry(D, cols, beta):
    exog = pd.DataFrame({"const": 1.0, **{c: D[c] for c in cols}}, index=D.index)
    out = {"formula": "y ~ 1 + " + " + ".join(cols)}
    for cov in ("robust", "unadjusted"):
        out[cov] = fit_record(IV2SLS(D["y"], exog, None, None).fit(cov_type=cov), beta)
    return out


def section(file, key, p, beta, cv, rl):
    D = pd.read_csv(os.path.join(DATA, file))
    c = cv[key]
    sels = {
        "cv_partialled_lambda_min": c["partialled"]["default_thresh"]["nonzero_min"],
        "cv_partialled_lambda_1se": c["partialled"]["default_thresh"]["nonzero_1se"],
        "cv_penalty_factor_lambda_min": [j for j in c["penalty_factor"]["default_thresh"]["nonzero_min"] if j <= p],
        "cv_penalty_factor_lambda_1se": [j for j in c["penalty_factor"]["default_thresh"]["nonzero_1se"] if j <= p],
        "plugin_rlasso_partialled": rl[key]["rlasso_partialled"]["selected"],
        "oracle": sorted(int(k[1:]) for k in TRUTH["pi"]) if key == "ab_tests_iv" else [],
        "all": list(range(1, p + 1)),
    }
    # thresh 1e-12 selects the same sets (checked here, so a change would be noticed)
    for v in ("partialled", "penalty_factor"):
        for s in ("min", "1se"):
            assert c[v]["default_thresh"][f"nonzero_{s}"] == c[v]["thresh_1e_12"][f"nonzero_{s}"]
    fits = {}
    keyof = {}
    for name, sel in sels.items():
        if not sel:
            keyof[name] = None
            continue
        k = ",".join(map(str, sel))
        if k not in fits:
            fits[k] = iv_entry(D, sel, beta)
        keyof[name] = k
    return {
        "data": f"Fixtures/data/{file}", "n": len(D), "p": p,
        "naive_ols": {"y_on_x": ols_entry(D, ["x"], beta), "y_on_x_c1_c2": ols_entry(D, ["x", "c1", "c2"], beta)},
        "selections": sels,
        "selection_to_fit": keyof,
        "iv2sls": fits,
        "empty_selection_note": ("an empty selection (value null in selection_to_fit) means no 2SLS: "
                                 "lasso-iv.md §6 step 5 - report the sup-score set instead "
                                 "(rlasso_reference.json, sup_score_all_instruments)"),
    }


def main():
    cv = json.load(open(os.path.join(OUT, "cv_glmnet_ab.json")))
    rl = json.load(open(os.path.join(OUT, "rlasso_reference.json")))
    beta = TRUTH["beta"]
    out = {
        "meta": {"versions": VERSIONS, "script": "Fixtures/scripts/make_ab_iv_goldens.py",
                 "inputs": ["Fixtures/reference/lasso_cv/cv_glmnet_ab.json (selected sets, default thresh)",
                            "Fixtures/reference/lasso_cv/rlasso_reference.json (plug-in selection)"],
                 "notes": ["linearmodels IV2SLS(y, [const, c1, c2], x, m_S).fit(cov_type=...), debiased=False",
                           "conf_int = 95 % normal intervals, as linearmodels"]},
        "truth": TRUTH,
        "ab_tests_iv": section("ab_tests_iv.csv", "ab_tests_iv", 100, beta, cv, rl),
        "ab_tests_null": section("ab_tests_null.csv", "ab_tests_null", 50, beta, cv, rl),
    }
    path = os.path.join(OUT, "ab_tests_iv.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("wrote", path)
    for ds in ("ab_tests_iv", "ab_tests_null"):
        s = out[ds]
        for k, v in s["naive_ols"].items():
            r = v["robust"]
            print(ds, "OLS", k, r["params"][1], r["std_errors"][1], (r["conf_int_lower"][1], r["conf_int_upper"][1]),
                  "beta_in_ci", r["beta_in_ci"])
        for name, k in s["selection_to_fit"].items():
            if k is None:
                print(ds, name, "EMPTY")
                continue
            e = s["iv2sls"][k]
            r = e["robust"]
            print(ds, f"{name:30s} k={e['k']:3d} beta={r['params'][3]:.5f} se={r['std_errors'][3]:.5f} "
                      f"ci=({r['conf_int_lower'][3]:.4f},{r['conf_int_upper'][3]:.4f}) in={r['beta_in_ci']} "
                      f"F={e['first_stage_post_lasso']['F']:.3f} Wald0/k={e['first_stage_post_lasso']['robust_wald_over_k_hc0']:.3f}"
                      f" lm.f={r['first_stage_linearmodels']['f.stat']:.3f}")


if __name__ == "__main__":
    main()
