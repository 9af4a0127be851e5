"""Reference ("golden") values from Python linearmodels 7.1 IVGMM for the Swift port.

Run from the repository root:

    /work/venv/bin/python Fixtures/scripts/make_gmm_goldens.py

Reads   Fixtures/data/golden20.csv, Fixtures/data/app_engagement_push.csv
Writes  Fixtures/reference/gmm.json

Each case names the model (formula, data, weight_type and weight_config) and the fit
options (iter_limit, cov_type, cov_config, debiased) and stores params, std_errors,
cov (row-major), iterations, weight_matrix (row-major), the kernel bandwidths that
were used, j_stat, centered_j_stat, c_stat (all endogenous, and per variable) and the
footer of str(res.summary) (the lines after the parameter table). Floats are Python
float repr (full precision); NaN/inf are null. The default kernel bandwidth is passed
explicitly as optimal_bw=True (the 7.1 default, without its DefaultBandwidthWarning).
"""
from __future__ import annotations

import json
import math
import os
import platform
import warnings

import numpy as np
import pandas as pd

import formulaic
import linearmodels
import scipy
import statsmodels
from linearmodels.iv import IVGMM

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "Fixtures", "data")
REF = os.path.join(ROOT, "Fixtures", "reference")

warnings.simplefilter("ignore")

GOLDEN20 = "y ~ 1 + x1 + [x2 ~ z1 + z2]"
APP_PUSH = "in_app_purchase ~ 1 + [push_delivered ~ push_assigned]"

# name: (data, formula, weight_type, weight_config, fit kwargs)
CASES = {
    "robust": ("golden20", GOLDEN20, "robust", {}, {}),
    "robust_debiased": ("golden20", GOLDEN20, "robust", {}, {"debiased": True}),
    "robust_center": ("golden20", GOLDEN20, "robust", {"center": True}, {}),
    "robust_weight_debiased": ("golden20", GOLDEN20, "robust", {"debiased": True}, {}),
    "robust_unadjusted_cov": ("golden20", GOLDEN20, "robust", {}, {"cov_type": "unadjusted"}),
    "unadjusted": ("golden20", GOLDEN20, "unadjusted", {}, {"cov_type": "unadjusted"}),
    "unadjusted_robust_cov": ("golden20", GOLDEN20, "unadjusted", {}, {}),
    "kernel_bw3": (
        "golden20", GOLDEN20, "kernel", {"bandwidth": 3},
        {"cov_type": "kernel", "bandwidth": 3},
    ),
    "kernel_parzen_bw2": (
        "golden20", GOLDEN20, "kernel", {"kernel": "parzen", "bandwidth": 2},
        {"cov_type": "kernel", "kernel": "parzen", "bandwidth": 2},
    ),
    "kernel_auto": (
        "golden20", GOLDEN20, "kernel", {"optimal_bw": True},
        {"cov_type": "kernel", "optimal_bw": True},
    ),
    "kernel_qs_auto": (
        "golden20", GOLDEN20, "kernel", {"kernel": "qs", "optimal_bw": True},
        {"cov_type": "kernel", "kernel": "qs", "optimal_bw": True},
    ),
    "clustered": ("golden20", GOLDEN20, "clustered", {"clusters": "g"}, {"cov_type": "clustered", "clusters": "g"}),
    "clustered_debiased": (
        "golden20", GOLDEN20, "clustered", {"clusters": "g", "debiased": True},
        {"cov_type": "clustered", "clusters": "g", "debiased": True},
    ),
    "iterated": ("golden20", GOLDEN20, "robust", {}, {"iter_limit": 100}),
    "iterated_unadjusted": ("golden20", GOLDEN20, "unadjusted", {}, {"iter_limit": 100, "cov_type": "unadjusted"}),
    "one_step": ("golden20", GOLDEN20, "robust", {}, {"iter_limit": 1}),
    "app_push_just_identified": ("app_engagement_push", APP_PUSH, "robust", {}, {}),
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


def test_record(t):
    return {
        "valid": type(t).__name__ != "InvalidTestStatistic",
        "stat": float(t.stat),
        "pval": float(t.pval),
        "df": t.df,
        "dist": t.dist_name,
    }


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


def footer(res):
    lines = str(res.summary).split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("Endogenous:"))
    return lines[start:]


def run(data_name, formula, weight_type, weight_config, fit_kwargs):
    df = pd.read_csv(os.path.join(DATA, data_name + ".csv"))
    wc = dict(weight_config)
    fk = dict(fit_kwargs)
    if "clusters" in wc:
        wc["clusters"] = df[wc["clusters"]].to_numpy()
    if "clusters" in fk:
        fk["clusters"] = df[fk["clusters"]].to_numpy()
    mod = IVGMM.from_formula(formula, df, weight_type=weight_type, **wc)
    res = mod.fit(**fk)
    endog = list(mod.endog.cols)
    rec = {
        "data": data_name + ".csv",
        "formula": formula,
        "weight_type": weight_type,
        "weight_config": weight_config,
        "fit": fit_kwargs,
        "names": list(res.params.index),
        "nobs": int(res.nobs),
        "params": res.params.to_numpy(),
        "std_errors": res.std_errors.to_numpy(),
        "cov": res.cov.to_numpy(),
        "iterations": res.iterations,
        "weight_matrix": np.asarray(res.weight_matrix),
        "weight_bandwidth": res.weight_config.get("bandwidth"),
        "cov_bandwidth": res.cov_config.get("bandwidth"),
        "rsquared": res.rsquared,
        "j_stat": test_record(res.j_stat),
        "centered_j_stat": test_record(res.centered_j_stat),
        "c_stat": test_record(res.c_stat()),
        "c_stat_by_variable": {v: test_record(res.c_stat([v])) for v in endog},
        "footer": footer(res),
    }
    return rec


def main():
    out = {
        "meta": {
            "versions": versions(),
            "generator": "Fixtures/scripts/make_gmm_goldens.py",
        },
        "cases": {name: run(*spec) for name, spec in CASES.items()},
    }
    path = os.path.join(REF, "gmm.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(clean(out), f, indent=1, allow_nan=False)
        f.write("\n")
    print("wrote", os.path.relpath(path, ROOT))


if __name__ == "__main__":
    main()
