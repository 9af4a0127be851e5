"""scikit-learn reference values for the Penalized module (Lasso, lasso_path).

Run from the repository root:

    /work/venv/bin/python Fixtures/scripts/make_lasso_goldens.py

Reads   Fixtures/data/neurons6_iv.csv, neurons6_iv_connectivity.csv (seed 000, section 2)
Writes  Fixtures/reference/lasso/sklearn.json

Data set A is the RNG-free design of the LASSO reference notes (section 7.1): built here
with the same parenthesisation as the Swift tests, so both sides get identical doubles.
Variants of it (a constant column, a zero column, 15 rows for p > n) exercise the edge
cases. Every fit records coef_, intercept_, n_iter_ and dual_gap_; a ConvergenceWarning
is an error. Floats are written with repr (round-trip exact).
"""
import json, math, os, platform, sys, warnings
import numpy as np
import pandas as pd
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Lasso, lasso_path

warnings.simplefilter("error", ConvergenceWarning)

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "Fixtures", "data")
OUT = os.path.join(ROOT, "Fixtures", "reference", "lasso", "sklearn.json")


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


def data_a():
    n, p = 200, 20
    x = np.empty((n, p))
    y = np.empty(n)
    for i in range(1, n + 1):
        for j in range(1, p + 1):
            x[i - 1, j - 1] = (1 + 0.1 * j) * (
                math.sin(i * (0.31 + 0.07 * j) + 0.5 * j) + 0.4 * math.cos((0.13 * j) * i))
        r = x[i - 1]
        y[i - 1] = (3 + 2 * r[0] - 1.5 * r[1] + 1.0 * r[2] + 0.5 * r[3] - 0.25 * r[5]
                    + 0.5 * math.sin(2.9 * i + 1) + 0.3 * math.cos(5.3 * i))
    return x, y


def variants(x, y):
    constant = x.copy()
    constant[:, 4] = 2.5            # column 5 (1-based) constant
    zero = x.copy()
    zero[:, 7] = 0.0                # column 8 (1-based) all zeros
    return {
        "A": (x, y),
        "A_constant_column_5": (constant, y),
        "A_zero_column_8": (zero, y),
        "A_first_15_rows": (x[:15].copy(), y[:15].copy()),
    }


def lasso_case(name, x, y, alpha, fit_intercept, tol, max_iter):
    m = Lasso(alpha=alpha, fit_intercept=fit_intercept, tol=tol, max_iter=max_iter).fit(x, y)
    return {
        "data": name, "alpha": alpha, "fit_intercept": fit_intercept, "tol": tol,
        "max_iter": max_iter, "coef": floats(m.coef_), "intercept": float(m.intercept_),
        "n_iter": int(m.n_iter_), "dual_gap": float(m.dual_gap_),
    }


def path_case(name, x, y, centred, tol):
    if centred:
        x = x - x.mean(axis=0)
        y = y - y.mean()
    alphas, coefs, gaps, iters = lasso_path(
        x, y, eps=1e-3, alphas=100, tol=tol, max_iter=1000000, return_n_iter=True)
    return {
        "data": name, "centred": centred, "tol": tol, "eps": 1e-3, "n_alphas": 100,
        "alphas": floats(alphas),
        "coefs": [floats(coefs[:, k]) for k in range(coefs.shape[1])],   # one list per alpha
        "dual_gaps": floats(gaps), "n_iter": [int(v) for v in iters],
    }


def neurons():
    d = pd.read_csv(os.path.join(DATA, "neurons6_iv.csv"))
    x = d[[f"x{i}" for i in range(6)]].to_numpy().T
    a = pd.read_csv(os.path.join(DATA, "neurons6_iv_connectivity.csv")).to_numpy()
    w = x[:, :-1].T
    yy = x[:, 1:].T
    yy = np.log(yy / (1 - yy))          # the tutorial's logit
    out = {"alpha": 0.01, "fit_intercept": False, "true_connectivity": [floats(r) for r in a]}
    for label, tol in [("default_tol", 1e-4), ("tight_tol", 1e-12)]:
        v = np.zeros((6, 6))
        iters, gaps = [], []
        for i in range(6):
            m = Lasso(fit_intercept=False, alpha=0.01, tol=tol, max_iter=100000).fit(w, yy[:, i])
            v[i] = m.coef_
            iters.append(int(m.n_iter_))
            gaps.append(float(m.dual_gap_))
        out[label] = {
            "tol": tol, "coef_rows": [floats(r) for r in v], "n_iter": iters, "dual_gap": gaps,
            "correlation": float(np.corrcoef(a.flatten(), v.flatten())[1, 0]),
        }
    return out


def main():
    x, y = data_a()
    sets = variants(x, y)
    xc = x - x.mean(axis=0)
    yc = y - y.mean()
    out = {
        "meta": {
            "generator": "Fixtures/scripts/make_lasso_goldens.py",
            "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
                         "numpy": np.__version__, "pandas": pd.__version__},
        },
        "data_a": {
            "n": 200, "p": 20, "y": floats(y), "x_row_1": floats(x[0]), "x_row_200": floats(x[-1]),
            "x_column_sums": floats(x.sum(axis=0)),
            "alpha_max_centred": float(np.max(np.abs(xc.T @ yc)) / 200),
            "alpha_max_uncentred": float(np.max(np.abs(x.T @ y)) / 200),
        },
    }
    cases = []
    for fi in (True, False):
        for alpha in (0.005, 0.05, 0.2, 1.0):
            for tol, max_iter in ((1e-4, 1000), (1e-12, 1000000)):
                cases.append(lasso_case("A", x, y, alpha, fi, tol, max_iter))
        amax = out["data_a"]["alpha_max_centred" if fi else "alpha_max_uncentred"]
        for alpha in (amax, 2 * amax):
            cases.append(lasso_case("A", x, y, alpha, fi, 1e-4, 1000))
    for name in ("A_constant_column_5", "A_zero_column_8", "A_first_15_rows"):
        vx, vy = sets[name]
        for fi in (True, False):
            for tol, max_iter in ((1e-4, 1000), (1e-12, 1000000)):
                cases.append(lasso_case(name, vx, vy, 0.05, fi, tol, max_iter))
    out["lasso"] = cases
    out["lasso_path"] = [
        path_case("A", x, y, True, 1e-12),
        path_case("A", x, y, False, 1e-12),
        path_case("A", x, y, True, 1e-4),
    ]
    out["neurons"] = neurons()
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("wrote", OUT, "neuron correlation", out["neurons"]["default_tol"]["correlation"])


if __name__ == "__main__":
    main()
