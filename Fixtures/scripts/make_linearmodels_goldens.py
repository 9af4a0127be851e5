"""Reference ("golden") values from Python linearmodels IV2SLS for the Swift port.

Run from the repository root:

    python3 -m venv /work/venv
    /work/venv/bin/pip install linearmodels==7.1 statsmodels pandas scipy numpy formulaic
    /work/venv/bin/python Fixtures/scripts/make_linearmodels_goldens.py

Reads   Fixtures/data/app_engagement_push.csv, smoking_birthweight.csv, golden20.csv
Writes  Fixtures/data/formula_data.csv      (deterministic, numpy default_rng seed 20260)
        Fixtures/reference/app_push.json, smoking.json, golden20.json, formulas.json
        Fixtures/golden/*.txt               (exact str(res.summary) / str(first_stage.summary))

JSON conventions: floats are written with Python's float repr (shortest string that
round-trips to the identical IEEE double, i.e. full precision); NaN and +-inf are written
as null. Vectors are lists aligned with the accompanying "names" list. Matrices are
row-major nested lists (cov) or column-major lists of columns (design matrices, see the
"layout" key).
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

import formulaic
import linearmodels
import scipy
import statsmodels
from linearmodels.iv import IV2SLS
from linearmodels.iv._utility import IVFormulaParser

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "Fixtures", "data")
REF = os.path.join(ROOT, "Fixtures", "reference")
GOLD = os.path.join(ROOT, "Fixtures", "golden")

COMBOS = [("robust", False), ("robust", True), ("unadjusted", False), ("unadjusted", True)]
TESTS = [
    "sargan",
    "basmann",
    "wu_hausman",
    "durbin",
    "wooldridge_score",
    "wooldridge_regression",
    "wooldridge_overid",
    "anderson_rubin",
    "basmann_f",
]

warnings.simplefilter("ignore")  # sqrt of tiny negative variances, missing-value warnings


# ----------------------------------------------------------------------------- helpers
def clean(obj):
    """Convert numpy / pandas scalars to Python, NaN/inf to None, recursively."""
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


def write_json(name, obj):
    path = os.path.join(REF, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(clean(obj), f, indent=1, allow_nan=False)
        f.write("\n")
    print("wrote", os.path.relpath(path, ROOT))


def write_text(name, text):
    """Byte-exact: exactly str(summary), no newline added."""
    path = os.path.join(GOLD, name)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    print("wrote", os.path.relpath(path, ROOT))


def versions():
    return {
        "python": platform.python_version(),
        "linearmodels": linearmodels.__version__,
        "statsmodels": statsmodels.__version__,
        "formulaic": formulaic.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "pandas": pd.__version__,
    }


def combo_key(cov, debiased):
    return cov + ("_debiased" if debiased else "")


def test_record(t):
    invalid = type(t).__name__ == "InvalidTestStatistic"
    rec = {
        "stat": float(t.stat),
        "pval": float(t.pval),
        "df": t.df,
        "df_denom": t.df_denom,
        "dist": t.dist_name,
        "name": getattr(t, "_name", None),
        "null": getattr(t, "_null", None),
        "invalid": invalid,
    }
    if invalid:
        rec["reason"] = getattr(t, "_reason", None)
        rec["class"] = type(t).__name__
    return rec


def vec(series, names):
    return [float(series[n]) for n in names]


def ols_like_record(res):
    """Fields shared by OLSResults / IVResults (and first-stage individual fits)."""
    names = list(res.params.index)
    ci = res.conf_int(level=0.95)
    cov = res.cov
    return {
        "names": names,
        "params": vec(res.params, names),
        "std_errors": vec(res.std_errors, names),
        "tstats": vec(res.tstats, names),
        "pvalues": vec(res.pvalues, names),
        "conf_int": {"level": 0.95, "lower": vec(ci["lower"], names), "upper": vec(ci["upper"], names)},
        "nobs": int(res.nobs),
        "df_model": int(res.df_model),
        "df_resid": int(res.df_resid),
        "rsquared": float(res.rsquared),
        "rsquared_adj": float(res.rsquared_adj),
        "f_statistic": test_record(res.f_statistic),
        "s2": float(res.s2),
        "resid_ss": float(res.resid_ss),
        "total_ss": float(res.total_ss),
        "model_ss": float(res.model_ss),
        "has_constant": bool(res.has_constant),
        "kappa": float(res.kappa),
        "cov": {
            "names": names,
            "layout": "row-major",
            "matrix": [[float(cov.loc[r, c]) for c in names] for r in names],
        },
    }


def fit_record(res):
    rec = {
        "method": res.method,
        "cov_type": res.cov_type,
        "debiased": bool(res.debiased),
    }
    rec.update(ols_like_record(res))
    rec["resids_head5"] = [float(v) for v in np.asarray(res.resids)[:5]]
    rec["fitted_values_head5"] = [float(v) for v in np.asarray(res.fitted_values).ravel()[:5]]
    if hasattr(res, "first_stage"):
        rec["endog_names"] = list(res.model.endog.cols)
        rec["instrument_names"] = list(res.model.instruments.cols)
        fs = res.first_stage
        diag = fs.diagnostics
        rec["first_stage"] = {
            "diagnostics": {
                endog: {col: (diag.loc[endog, col] if col == "f.dist" else float(diag.loc[endog, col]))
                        for col in diag.columns}
                for endog in diag.index
            },
            "diagnostics_columns": list(diag.columns),
            "individual": {},
            "cragg_donald": test_record(fs.cragg_donald),
            "cragg_donald_f": float(fs.cragg_donald_f),
            "kleibergen_paap": test_record(fs.kleibergen_paap),
            "kleibergen_paap_f": float(fs.kleibergen_paap_f),
        }
        for endog, ind in fs.individual.items():
            names = list(ind.params.index)
            rec["first_stage"]["individual"][endog] = {
                "names": names,
                "params": vec(ind.params, names),
                "std_errors": vec(ind.std_errors, names),
                "tstats": vec(ind.tstats, names),
                "pvalues": vec(ind.pvalues, names),
                "rsquared": float(ind.rsquared),
                "nobs": int(ind.nobs),
                "cov_type": ind.cov_type,
                "cov_diag": [float(ind.cov.loc[n, n]) for n in names],
            }
        tests = {}
        for t in TESTS:
            a = getattr(res, t)
            tests[t] = test_record(a() if callable(a) else a)
        rec["tests"] = tests
    return rec


def fit(formula, df, cov, debiased):
    return IV2SLS.from_formula(formula, df).fit(cov_type=cov, debiased=debiased)


def all_combos(formula, df, combos=COMBOS):
    out = {"formula": formula, "fits": {}}
    results = {}
    for cov, deb in combos:
        res = fit(formula, df, cov, deb)
        out["fits"][combo_key(cov, deb)] = fit_record(res)
        results[(cov, deb)] = res
    return out, results


# ----------------------------------------------------------------------------- 1. app push
def app_push():
    df = pd.read_csv(os.path.join(DATA, "app_engagement_push.csv"))
    models = {
        "assigned": "in_app_purchase ~ 1 + push_assigned",
        "delivered": "in_app_purchase ~ 1 + push_delivered",
        "both": "in_app_purchase ~ 1 + push_assigned + push_delivered",
        "iv": "in_app_purchase ~ 1 + [push_delivered ~ push_assigned]",
    }
    out = {"meta": {"versions": versions(), "data": "Fixtures/data/app_engagement_push.csv",
                    "nrows": len(df), "fit_keys": [combo_key(c, d) for c, d in COMBOS]},
           "models": {}}
    for key, f in models.items():
        rec, results = all_combos(f, df)
        out["models"][key] = rec
        write_text(f"app_push_{key}_robust.summary.txt", str(results[("robust", False)].summary))
        if key == "iv":
            write_text("app_push_iv_robust.first_stage.txt", str(results[("robust", False)].first_stage.summary))
            write_text("app_push_iv_unadjusted_debiased.summary.txt",
                       str(results[("unadjusted", True)].summary))
    write_json("app_push.json", out)


# ----------------------------------------------------------------------------- 2. smoking
def smoking():
    df = pd.read_csv(os.path.join(DATA, "smoking_birthweight.csv"))
    out = {"meta": {"versions": versions(), "data": "Fixtures/data/smoking_birthweight.csv",
                    "nrows": len(df), "fit_keys": [combo_key(c, d) for c, d in COMBOS]},
           "models": {}}
    rec, results = all_combos("birthweight ~ 1 + [cigarettes ~ taxes]", df)
    out["models"]["iv"] = rec
    write_text("smoking_iv_robust.summary.txt", str(results[("robust", False)].summary))
    write_text("smoking_iv_robust.first_stage.txt", str(results[("robust", False)].first_stage.summary))
    ols_combos = [("robust", False), ("unadjusted", False)]
    out["models"]["ols_naive"], _ = all_combos("birthweight ~ 1 + cigarettes", df, ols_combos)
    out["models"]["ols_ses"], _ = all_combos("birthweight ~ 1 + cigarettes + ses", df, ols_combos)

    cols = ["taxes", "cigarettes", "ses", "birthweight"]
    corr = np.corrcoef(df[cols].to_numpy().T)
    out["correlation"] = {"names": cols, "layout": "row-major", "matrix": corr.tolist(),
                          "method": "numpy.corrcoef(df[names].T)"}

    n = len(df)
    z = np.column_stack([np.ones(n), df["taxes"].to_numpy()])
    t = df["cigarettes"].to_numpy()
    pi, *_ = np.linalg.lstsq(z, t, rcond=None)
    t_hat = z @ pi
    x = np.column_stack([np.ones(n), t_hat])
    beta, *_ = np.linalg.lstsq(x, df["birthweight"].to_numpy(), rcond=None)
    out["by_hand_two_stage"] = {
        "method": "numpy.linalg.lstsq: cigarettes on [1, taxes] -> T_hat; birthweight on [1, T_hat]",
        "first_stage_names": ["Intercept", "taxes"],
        "first_stage_params": pi.tolist(),
        "T_hat_head5": t_hat[:5].tolist(),
        "second_stage_names": ["Intercept", "T_hat"],
        "second_stage_params": beta.tolist(),
        "corr_T_hat_ses": float(np.corrcoef(t_hat, df["ses"].to_numpy())[0, 1]),
    }
    write_json("smoking.json", out)


# ----------------------------------------------------------------------------- 3. golden20
def golden20():
    df = pd.read_csv(os.path.join(DATA, "golden20.csv"))
    out = {"meta": {"versions": versions(), "data": "Fixtures/data/golden20.csv",
                    "nrows": len(df), "fit_keys": [combo_key(c, d) for c, d in COMBOS]},
           "models": {}}
    rec, r = all_combos("y ~ 1 + x1 + [x2 ~ z1 + z2]", df)
    out["models"]["iv"] = rec
    write_text("golden20_iv_robust.summary.txt", str(r[("robust", False)].summary))
    write_text("golden20_iv_unadjusted.summary.txt", str(r[("unadjusted", False)].summary))
    write_text("golden20_iv_unadjusted_debiased.summary.txt", str(r[("unadjusted", True)].summary))
    write_text("golden20_iv_robust.first_stage.txt", str(r[("robust", False)].first_stage.summary))
    write_text("golden20_iv_unadjusted.first_stage.txt", str(r[("unadjusted", False)].first_stage.summary))

    rec, r = all_combos("y ~ 1 + x1 + x2", df)
    out["models"]["ols"] = rec
    write_text("golden20_ols_robust.summary.txt", str(r[("robust", False)].summary))

    rec, r = all_combos("y ~ 1 + [x1 + x2 ~ z1 + z2 + g]", df)
    out["models"]["two_endog"] = rec
    write_text("golden20_two_endog_robust.summary.txt", str(r[("robust", False)].summary))
    write_text("golden20_two_endog_robust.first_stage.txt", str(r[("robust", False)].first_stage.summary))
    write_json("golden20.json", out)


# ----------------------------------------------------------------------------- 4. formulas
FORMULAS = [
    "y ~ x1 + x2",
    "y ~ 0 + x1 + x2",
    "y ~ x1 - 1",
    "y ~ x1 + C(g)",
    "y ~ x1 + s",
    "y ~ x1 + C(g, Treatment(reference=3))",
    "y ~ 0 + C(g) + x1",
    "y ~ x1*x2",
    "y ~ x1:x2 + x1",
    "y ~ (x1 + x2):s",
    "y ~ x1 + x1:s",
    "y ~ s*h",
    "y ~ s:h",
    "y ~ C(g):x1",
    "y ~ np.log(pos) + x1",
    "np.log(pos) ~ x1",
    "y ~ I(x1**2) + x1",
    "y ~ I(x1 * x2 + 1) + I(x1 / pos) + I(x1 - x2)",
    "y ~ np.sqrt(pos) + np.exp(x1) + np.abs(x2) + np.log1p(pos)",
    "y ~ x1 + w",
    "y ~ 1 + x1 + [x2 ~ z1 + z2]",
    "y ~ 1 + x1 + C(g) + [x2 ~ z1 + z2]",
    "y ~ 1 + x1 + [x2 ~ z1 + C(s)]",
    "y ~ 1 + [x2 + x1 ~ z1 + z2 + g]",
    "y ~ 1 + x1 + [x2 ~ z1 + z2] + s",
]

# Additional formulas that pin down formulaic's term ordering / full-rank coding rules.
EXTRA_FORMULAS = [
    "y ~ x2 + x1",
    "y ~ s + x1",
    "y ~ x1:x2 + x2 + x1",
    "y ~ x2:x1",
    "y ~ h:s",
    "y ~ 0 + s:h",
    "y ~ s:h - 1",
    "y ~ 0 + s + h",
    "y ~ 0 + h + s",
    "y ~ x1 + s:h",
    "y ~ s + s:h",
    "y ~ h + s:h",
    "y ~ x1:s:h",
    "y ~ x1:s:h + s",
    "y ~ x1:s + x2",
    "y ~ x1:s + s",
    "y ~ 0 + x1:s",
    "y ~ s:x1",
    "y ~ x1*s",
    "y ~ s*x1",
    "y ~ x1 + x1:C(g)",
    "y ~ x1 + x1:s + x2:s",
    "y ~ C(g):s",
    "y ~ 0 + C(g):s",
    "y ~ C(h):C(s)",
    "y ~ x1 + x1",
    "y ~ (x1 + z1)**2",
    "y ~ x1**2",
    "y ~ {x1**2}",
    "y ~ 1 + x1 + [x2 ~ z1 + C(s)] - 1",
    "y ~ 1 + x1 + [x2 ~ z1 + s]",
]


def make_formula_data():
    rng = np.random.default_rng(20260)
    n = 30
    x1 = rng.normal(size=n)
    z1 = rng.normal(size=n)
    z2 = rng.normal(size=n)
    g = np.tile([1, 2, 3, 4], 8)[:n]
    rng.shuffle(g)
    s = np.array(list("abc") * 10)
    rng.shuffle(s)
    h = np.array(["lo", "hi"] * 15)
    rng.shuffle(h)
    pos = np.exp(rng.normal(size=n) * 0.5)
    x2 = 0.6 * z1 + 0.5 * z2 + rng.normal(size=n) * 0.7
    y = 1 + 0.5 * x1 + x2 + 0.3 * g + (s == "b") * 0.5 + rng.normal(size=n)
    w = rng.normal(size=n)
    w[[4, 11, 23]] = np.nan
    df = pd.DataFrame(dict(y=y, x1=x1, x2=x2, pos=pos, z1=z1, z2=z2, g=g, s=s, h=h, w=w))
    path = os.path.join(DATA, "formula_data.csv")
    df.to_csv(path, index=False, float_format="%.17g")
    print("wrote", os.path.relpath(path, ROOT))
    return pd.read_csv(path)


def columns(frame):
    if frame is None:
        return None
    return [[float(v) for v in frame[c].to_numpy(dtype=float)] for c in frame.columns]


def formula_record(formula, df):
    rec = {"formula": formula}
    parser = IVFormulaParser(formula, df, context={"np": np})
    rec["components"] = dict(parser.components)
    dep, exog, endog, instr = parser.data
    rec["formulaic_names"] = {
        "dependent": list(dep.columns),
        "exog": None if exog is None else list(exog.columns),
        "endog": None if endog is None else list(endog.columns),
        "instruments": None if instr is None else list(instr.columns),
    }
    try:
        model = IV2SLS.from_formula(formula, df)
        res = model.fit()  # default: robust, debiased=False
    except Exception as exc:  # record what linearmodels says
        rec["error"] = {"type": type(exc).__name__, "message": str(exc)}
        rec["formulaic_matrices_full_data"] = {
            "layout": "column-major (list of columns)",
            "dependent": columns(dep), "exog": columns(exog),
            "endog": columns(endog), "instruments": columns(instr),
        }
        return rec
    rec["error"] = None
    rec["names"] = {
        "dependent": list(model.dependent.cols),
        "exog": list(model.exog.cols) if model.exog.shape[1] else [],
        "endog": list(model.endog.cols) if model.endog.shape[1] else [],
        "instruments": list(model.instruments.cols) if model.instruments.shape[1] else [],
    }
    rec["nobs"] = int(res.nobs)
    rec["kept_rows"] = [int(i) for i in model.dependent.pandas.index]
    rec["layout"] = "column-major (list of columns), rows after dropping missing"
    rec["dependent"] = columns(model.dependent.pandas)
    rec["exog"] = columns(model.exog.pandas) if model.exog.shape[1] else []
    rec["endog"] = columns(model.endog.pandas) if model.endog.shape[1] else []
    rec["instruments"] = columns(model.instruments.pandas) if model.instruments.shape[1] else []
    rec["method"] = res.method
    rec["cov_type"] = res.cov_type
    rec["param_names"] = list(res.params.index)
    rec["params"] = vec(res.params, rec["param_names"])
    rec["std_errors"] = vec(res.std_errors, rec["param_names"])
    return rec


def formulas():
    df = make_formula_data()
    out = {
        "meta": {"versions": versions(), "data": "Fixtures/data/formula_data.csv", "nrows": len(df),
                 "fit": "IV2SLS.from_formula(f, df).fit() (cov_type robust, debiased False)"},
        "formulas": [formula_record(f, df) for f in FORMULAS],
        "extra_formulas": [formula_record(f, df) for f in EXTRA_FORMULAS],
    }
    write_json("formulas.json", out)


def main():
    os.makedirs(REF, exist_ok=True)
    os.makedirs(GOLD, exist_ok=True)
    print("versions:", versions())
    app_push()
    smoking()
    golden20()
    formulas()


if __name__ == "__main__":
    sys.exit(main())
