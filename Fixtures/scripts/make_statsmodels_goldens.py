"""statsmodels OLS goldens (nonrobust, HC0-HC3, default use_t and use_t=True) on two real
data sets, plus the matching linearmodels fits so a test can confirm the equalities
    statsmodels nonrobust        == linearmodels unadjusted, debiased=True
    statsmodels HC0 (use_t=False) == linearmodels robust,     debiased=False
    statsmodels HC1 (use_t=True)  == linearmodels robust,     debiased=True   (se, t-based p and CI)

Run from the repository root (after make_inference_goldens.py, which writes the CSVs):

    /work/venv/bin/python Fixtures/scripts/make_statsmodels_goldens.py

Reads   Fixtures/data/mroz.csv, Fixtures/data/meps.csv
Writes  Fixtures/reference/inference/statsmodels_ols.json

Formulas are written with an explicit "1 +" so the same string means the same model in
statsmodels (patsy), linearmodels (formulaic) and the Swift port. statsmodels uses patsy
here (statsmodels 0.15 picks patsy when it is installed). JSON conventions as in the other
scripts (float repr, NaN/inf -> null, row-major matrices).
"""
from __future__ import annotations

import json
import math
import os
import platform
import sys
import warnings

import numpy as np
import pandas as pd
import patsy
import scipy
import statsmodels
import statsmodels.formula.api as smf
import linearmodels
import formulaic
from linearmodels.iv import IV2SLS

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "Fixtures", "data")
OUT = os.path.join(ROOT, "Fixtures", "reference", "inference")

warnings.simplefilter("ignore")

MODELS = {
    "mroz": "np.log(wage) ~ 1 + exper + expersq + educ",
    "meps": "ldrugexp ~ 1 + hi_empunion + totchr + age + female + blhisp + linc",
}


def clean(obj):
    if isinstance(obj, dict):
        return {str(k): clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [clean(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return clean(obj.tolist())
    if isinstance(obj, (bool, np.bool_)):
        return bool(obj)
    if isinstance(obj, (int, np.integer)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        v = float(obj)
        return v if math.isfinite(v) else None
    return obj


def versions():
    return {
        "python": platform.python_version(),
        "statsmodels": statsmodels.__version__,
        "patsy": patsy.__version__,
        "linearmodels": linearmodels.__version__,
        "formulaic": formulaic.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "pandas": pd.__version__,
    }


def f64(xs):
    return [float(x) for x in np.asarray(xs, dtype=float).ravel()]


def sm_fit_record(res, cov_type, use_t_arg):
    names = list(res.params.index)
    # read fvalue BEFORE f_pvalue (statsmodels stores the robust p-value as a side effect)
    fvalue = float(res.fvalue)
    f_pvalue = float(res.f_pvalue)
    if cov_type == "nonrobust":
        f_df = [float(res.df_model), float(res.df_resid)]
    else:
        k_const = int(res.k_constant)
        f_df = [float(len(names) - k_const), float(res.df_resid)]
    ci = np.asarray(res.conf_int(alpha=0.05))
    return {
        "spec": {"cov_type": cov_type, "use_t": use_t_arg},
        "use_t": bool(res.use_t),
        "names": names,
        "params": f64(res.params),
        "bse": f64(res.bse),
        "tvalues": f64(res.tvalues),
        "pvalues": f64(res.pvalues),
        "conf_int": {"alpha": 0.05, "lower": f64(ci[:, 0]), "upper": f64(ci[:, 1])},
        "fvalue": fvalue,
        "f_pvalue": f_pvalue,
        "f_df": f_df,
        "rsquared": float(res.rsquared),
        "rsquared_adj": float(res.rsquared_adj),
        "cov_params": {"names": names, "layout": "row-major", "matrix": np.asarray(res.cov_params()).tolist()},
    }


def lm_fit_record(res):
    names = list(res.params.index)
    ci = res.conf_int()
    f = res.f_statistic
    return {
        "spec": {"cov_type": res.cov_type, "debiased": bool(res.debiased)},
        "method": res.method,
        "names": names,
        "params": f64(res.params[names]),
        "std_errors": f64(res.std_errors[names]),
        "tstats": f64(res.tstats[names]),
        "pvalues": f64(res.pvalues[names]),
        "conf_int": {"level": 0.95, "lower": f64(ci["lower"][names]), "upper": f64(ci["upper"][names])},
        "f_statistic": {"stat": float(f.stat), "pval": float(f.pval), "df": f.df, "df_denom": f.df_denom,
                        "dist": f.dist_name},
        "rsquared": float(res.rsquared),
        "rsquared_adj": float(res.rsquared_adj),
        "nobs": int(res.nobs),
    }


def model_record(name, formula):
    df = pd.read_csv(os.path.join(DATA, f"{name}.csv"), float_precision="round_trip")
    base = smf.ols(formula, data=df).fit()
    X = np.asarray(base.model.exog)
    lev = np.einsum("ij,ik,kj->i", X, X, base.normalized_cov_params)  # statsmodels' own HC2/HC3 leverage
    facts = {
        "nobs": float(base.nobs),
        "kept_rows": [int(i) for i in base.model.data.row_labels] if len(base.model.data.row_labels) < len(df)
        else "all",
        "k_constant": int(base.k_constant),
        "rank": int(np.linalg.matrix_rank(X)),
        "df_model": float(base.df_model),
        "df_resid": float(base.df_resid),
        "ssr": float(base.ssr),
        "ess": float(base.ess),
        "centered_tss": float(base.centered_tss),
        "uncentered_tss": float(base.uncentered_tss),
        "scale": float(base.scale),
        "mse_model": float(base.mse_model),
        "mse_resid": float(base.mse_resid),
        "mse_total": float(base.mse_total),
        "rsquared": float(base.rsquared),
        "rsquared_adj": float(base.rsquared_adj),
        "llf": float(base.llf),
        "aic": float(base.aic),
        "bic": float(base.bic),
        "condition_number": float(base.condition_number),
        "resid_head5": f64(np.asarray(base.resid)[:5]),
        "leverage": {
            "method": "statsmodels: einsum('ij,ik,kj->i', X, X, normalized_cov_params)",
            "sum": float(lev.sum()),
            "min": float(lev.min()),
            "max": float(lev.max()),
            "argmax_row": int(np.asarray(base.model.data.row_labels)[int(lev.argmax())]),
            "head5": f64(lev[:5]),
        },
    }
    fits = {}
    for cov in ("nonrobust", "HC0", "HC1", "HC2", "HC3"):
        for use_t in (None, True):
            key = cov + ("" if use_t is None else "/use_t")
            if cov == "nonrobust" and use_t is True:
                key = "nonrobust/use_t"  # identical to the default (use_t is True for nonrobust)
            res = smf.ols(formula, data=df).fit(cov_type=cov, use_t=use_t)
            fits[key] = sm_fit_record(res, cov, use_t)
    lm = {}
    for cov, deb in (("unadjusted", True), ("unadjusted", False), ("robust", False), ("robust", True)):
        res = IV2SLS.from_formula(formula, df).fit(cov_type=cov, debiased=deb)
        lm[cov + ("_debiased" if deb else "")] = lm_fit_record(res)
    # self-check of the documented equalities
    sm_nr, lm_ud = fits["nonrobust"], lm["unadjusted_debiased"]
    checks = {
        "nonrobust_vs_unadjusted_debiased_bse": max_rel(sm_nr["bse"], lm_ud["std_errors"]),
        "nonrobust_vs_unadjusted_debiased_pvalues": max_rel(sm_nr["pvalues"], lm_ud["pvalues"]),
        "nonrobust_fvalue_vs_unadjusted_debiased_F": max_rel([sm_nr["fvalue"]], [lm_ud["f_statistic"]["stat"]]),
        "HC0_vs_robust_bse": max_rel(fits["HC0"]["bse"], lm["robust"]["std_errors"]),
        "HC0_pvalues_vs_robust_pvalues": max_rel(fits["HC0"]["pvalues"], lm["robust"]["pvalues"]),
        "HC1_use_t_vs_robust_debiased_bse": max_rel(fits["HC1/use_t"]["bse"], lm["robust_debiased"]["std_errors"]),
        "HC1_use_t_vs_robust_debiased_pvalues": max_rel(fits["HC1/use_t"]["pvalues"],
                                                         lm["robust_debiased"]["pvalues"]),
        "HC1_fvalue_vs_robust_debiased_F": max_rel([fits["HC1"]["fvalue"]], [lm["robust_debiased"]["f_statistic"]["stat"]]),
    }
    print(name, "max relative differences:", {k: f"{v:.2g}" for k, v in checks.items()})
    return {
        "data": f"Fixtures/data/{name}.csv",
        "formula": formula,
        "facts": facts,
        "statsmodels": fits,
        "linearmodels": lm,
        "max_relative_difference_checks": checks,
    }


def max_rel(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-300)))


def main():
    out = {
        "meta": {
            "versions": versions(),
            "formula_engine": "patsy (statsmodels default when patsy is installed)",
            "fit": "smf.ols(formula, data=df).fit(cov_type=cov_type, use_t=use_t); use_t=null means the default "
                   "(True for nonrobust, False for HC*)",
            "f_note": "fvalue is read before f_pvalue. nonrobust: mse_model/mse_resid ~ F(df_model, df_resid); "
                      "HC*: Wald/J ~ F(J, df_resid) with J = k - 1 (also when use_t is False).",
            "linearmodels_note": "linearmodels fits of the same formula: unadjusted_debiased equals statsmodels "
                                 "nonrobust; robust (debiased False) equals HC0 with normal p-values; robust_debiased "
                                 "equals HC1 with use_t=True (t(n-k) p-values/CI; its F is Wald/J ~ F(J, n-k) = "
                                 "statsmodels HC1 fvalue).",
        },
        "models": {name: model_record(name, f) for name, f in MODELS.items()},
    }
    path = os.path.join(OUT, "statsmodels_ols.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(clean(out), fh, indent=1, allow_nan=False)
        fh.write("\n")
    print("wrote", os.path.relpath(path, ROOT))


if __name__ == "__main__":
    sys.exit(main())
