"""scikit-learn LassoCV goldens with explicit folds (lasso-iv.md §3.3, §7.5).

Run from the repository root, after Fixtures/scripts/make_lasso_data.py:

    /work/venv/bin/python Fixtures/scripts/make_lassocv_goldens.py

Writes Fixtures/reference/lasso_cv/lassocv_sklearn.json:
  data set A (Fixtures/data/lasso_a.csv), cv = [(train, test) for fold 1..5 of the foldid
  column ((i-1) mod 5) + 1], i.e. the same folds as PredefinedSplit(i mod 5);
  runs with tol = 1e-12 (max_iter 1e6, tight) and with sklearn's default tol = 1e-4;
  plus KFold(5) (cv=None) for comparison with lasso-iv.md §7.5, and the A/B-test first stage
  (Fixtures/data/ab_tests_iv.csv, controls partialled out, folds = the fold column).
Floats are written with repr (round-trip exact).  Indices in "nonzero" are 1-based;
"index" (the chosen alpha's position in alphas_) is 0-based, as in sklearn.
"""
import json
import os
import platform
import warnings

import numpy as np
import pandas as pd
import scipy
import sklearn
from sklearn.linear_model import LassoCV
from sklearn.model_selection import KFold

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "Fixtures", "data")
OUT = os.path.join(ROOT, "Fixtures", "reference", "lasso_cv")

VERSIONS = {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
            "numpy": np.__version__, "scipy": scipy.__version__, "pandas": pd.__version__}


def folds_from_ids(ids):
    ks = sorted(set(int(k) for k in ids))
    idx = np.arange(len(ids))
    return ks, [(idx[ids != k], idx[ids == k]) for k in ks]


def run(x, y, cv, tol, max_iter, label, cv_desc):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        m = LassoCV(cv=cv, tol=tol, max_iter=max_iter).fit(x, y)
    conv = [str(e.message) for e in w if "converge" in str(e.message).lower()]
    mean_mse = m.mse_path_.mean(axis=1)
    idx = int(np.where(m.alphas_ == m.alpha_)[0][0])
    return {
        "label": label,
        "call": f"LassoCV(cv={cv_desc}, tol={tol!r}, max_iter={max_iter}).fit(X, y)",
        "settings": {"eps": 1e-3, "alphas": 100, "precompute": "auto", "fit_intercept": True,
                     "tol": tol, "max_iter": max_iter, "selection": "cyclic"},
        "alphas": [float(a) for a in m.alphas_],
        "mse_path": [[float(v) for v in row] for row in m.mse_path_],
        "mse_path_layout": "mse_path[i][k] = test MSE of fold k (cv order) at alphas[i]",
        "mean_mse": [float(v) for v in mean_mse],
        "alpha": float(m.alpha_),
        "index": idx,
        "mean_mse_at_alpha": float(mean_mse[idx]),
        "coef": [float(c) for c in m.coef_],
        "intercept": float(m.intercept_),
        "nonzero": [int(j) + 1 for j in np.flatnonzero(m.coef_)],
        "n_iter": int(m.n_iter_),
        "dual_gap": float(m.dual_gap_),
        "convergence_warnings": len(conv),
    }


def main():
    A = pd.read_csv(os.path.join(DATA, "lasso_a.csv"))
    xa = A[[f"x{j}" for j in range(1, 21)]].to_numpy(float)
    ya = A["y"].to_numpy(float)
    ks, cva = folds_from_ids(A["foldid"].to_numpy())
    desc = "[(train, test) for foldid k = 1..5]  # foldid = ((i-1) mod 5) + 1"
    a_runs = {
        "predefined_tight": run(xa, ya, cva, 1e-12, 1_000_000, "folds = foldid, tol 1e-12", desc),
        "predefined_default_tol": run(xa, ya, cva, 1e-4, 1000, "folds = foldid, default tol 1e-4", desc),
        "kfold5_tight": run(xa, ya, KFold(5), 1e-12, 1_000_000, "cv=None (KFold(5), contiguous blocks), tol 1e-12",
                            "KFold(5)"),
    }

    D = pd.read_csv(os.path.join(DATA, "ab_tests_iv.csv"))
    M = D[[f"m{j}" for j in range(1, 101)]].to_numpy(float)
    W = np.column_stack([np.ones(len(D)), D["c1"].to_numpy(float), D["c2"].to_numpy(float)])
    q, _ = np.linalg.qr(W)
    xr = D["x"].to_numpy(float) - q @ (q.T @ D["x"].to_numpy(float))
    Mr = M - q @ (q.T @ M)
    _, cvab = folds_from_ids(D["fold"].to_numpy())
    ab_runs = {
        "partialled_tight": run(Mr, xr, cvab, 1e-12, 1_000_000,
                                "x and m1..m100 residualised on (1, c1, c2) by numpy QR; folds = fold column; tol 1e-12",
                                "[(train, test) for fold k = 1..10]"),
    }

    out = {
        "meta": {"versions": VERSIONS, "script": "Fixtures/scripts/make_lassocv_goldens.py",
                 "notes": ["sklearn objective (1/(2n))*RSS + alpha*||w||_1 on unstandardised X; grid computed once "
                           "on the full data: alpha_max = max|Xc'yc|/n, geomspace(alpha_max, 1e-3*alpha_max, 100)",
                           "LassoCV's criterion is the unweighted mean over folds of the per-fold test MSE",
                           "coef/intercept = the final Lasso(alpha_) refit on all rows"]},
        "data_a": {"data": "Fixtures/data/lasso_a.csv", "fold_ids": ks, **a_runs},
        "ab_tests_iv": {"data": "Fixtures/data/ab_tests_iv.csv", **ab_runs},
    }
    path = os.path.join(OUT, "lassocv_sklearn.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("wrote", path)
    for k, r in a_runs.items():
        print(k, r["index"], r["alpha"], r["mean_mse_at_alpha"], r["nonzero"], r["intercept"], r["convergence_warnings"])
    for k, r in ab_runs.items():
        print(k, r["index"], r["alpha"], r["nonzero"])


if __name__ == "__main__":
    main()
