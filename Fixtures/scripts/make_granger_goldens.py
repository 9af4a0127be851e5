"""Granger-causality goldens from statsmodels 0.15's grangercausalitytests, on the simulated
neurons of seed 000 and on real quarterly US macro data, plus the multiple-testing
corrections (statsmodels.stats.multitest), conditional Granger tests assembled from
statsmodels OLS fits, and the seed-000 neural examples (Granger reject vector, IV network).

Run from the repository root:

    python Fixtures/scripts/make_granger_goldens.py   # statsmodels 0.15, scikit-learn 1.9.1

Reads   Fixtures/data/neurons6_granger.csv, neurons6_connectivity.csv, neurons6_iv.csv,
        neurons6_iv_connectivity.csv (copies of the seed fixtures, see generate_seed_examples.py)
Writes  Fixtures/data/macrodata_growth.csv (statsmodels.datasets.macrodata, log growth rates)
        Fixtures/reference/granger/granger.json

Conventions: floats are written with repr (shortest round-trip), NaN/inf as null; the data
are read back from the CSV files with float_precision="round_trip" so the goldens are
computed from exactly the numbers a reader of the files sees. Every call's input is
(effect, cause) = statsmodels' (column 0, column 1). "addconst=False" entries record the
exception statsmodels 0.15 raises (it is not implemented there); the "no_constant" goldens
come from statsmodels' own grangercausalitytests source with that branch filled in (see
grangercausalitytests_without_constant) and are the numbers of its four tests on the
constant-free designs.
"""
from __future__ import annotations

import inspect
import json
import math
import os
import platform
import sys
import textwrap
import warnings

import numpy as np
import pandas as pd
import scipy
import sklearn
import statsmodels
import statsmodels.api as sm
from scipy import stats
from sklearn.linear_model import LinearRegression
from sklearn.multioutput import MultiOutputRegressor
from statsmodels.stats.multitest import multipletests
from statsmodels.tsa import stattools
from statsmodels.tsa.stattools import grangercausalitytests

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "Fixtures", "data")
OUT = os.path.join(ROOT, "Fixtures", "reference", "granger")

warnings.simplefilter("ignore")


def clean(obj):
    if isinstance(obj, dict):
        return {str(k): clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [clean(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return clean(obj.tolist())
    if isinstance(obj, (np.bool_, bool)):
        return bool(obj)
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        v = float(obj)
        return v if math.isfinite(v) else None
    return obj


def read(name):
    return pd.read_csv(os.path.join(DATA, name), float_precision="round_trip")


def export_macrodata():
    d = sm.datasets.macrodata.load_pandas().data
    out = pd.DataFrame({"year": d["year"].astype(int), "quarter": d["quarter"].astype(int)})
    for name in ["realgdp", "realcons", "realinv", "realgovt", "realdpi", "m1"]:
        out[f"{name}_growth"] = np.log(d[name]).diff()
    out["infl"] = d["infl"]
    out["unemp"] = d["unemp"]
    out["tbilrate"] = d["tbilrate"]
    out = out.iloc[1:].reset_index(drop=True)
    out.to_csv(os.path.join(DATA, "macrodata_growth.csv"), index=False, float_format="%.17g")


def ols_facts(res):
    return {
        "params": res.params,
        "bse": res.bse,
        "ssr": res.ssr,
        "llf": res.llf,
        "rsquared": res.rsquared,
        "nobs": res.nobs,
        "df_resid": res.df_resid,
        "df_model": res.df_model,
        "rank": int(res.model.rank),
        "k_constant": int(res.model.k_constant),
    }


def grangercausalitytests_without_constant():
    """statsmodels 0.15's grangercausalitytests, its own source, with the addconst=False branch
    filled in: `raise NotImplementedError` becomes the commented-out designs it stands for
    (own = the effect's lags, joint = both series' lags, no constant column; the comment's
    `1:mxlg` slice drops a lag and is corrected to `1:mxlg + 1`), and the restriction Rm loses
    its constant column. Everything else (lagmat2ds, OLS, the four formulas, f_test) is
    statsmodels' code as installed."""
    source = textwrap.dedent(inspect.getsource(stattools.grangercausalitytests))
    edits = [
        ('raise NotImplementedError("Not Implemented")',
         "dtaown = dta[:, 1 : (mxlg + 1)]\n            dtajoint = dta[:, 1:]"),
        ("np.zeros((mxlg, 1))", "np.zeros((mxlg, int(addconst)))"),
    ]
    for old, new in edits:
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    namespace = dict(vars(inspect.getmodule(stattools.grangercausalitytests)))
    exec(compile(source, "<grangercausalitytests addconst=False>", "exec"), namespace)  # noqa: S102
    return namespace["grangercausalitytests"]


GRANGER_NO_CONSTANT = grangercausalitytests_without_constant()


def granger_case(frame, effect, cause, maxlag, name, with_ols=True, addconst=True):
    x = frame[[effect, cause]].to_numpy()
    entry = {"name": name, "effect": effect, "cause": cause, "maxlag": maxlag, "addconst": addconst}
    try:
        res = grangercausalitytests(x, maxlag) if addconst else GRANGER_NO_CONSTANT(x, maxlag, addconst=False)
    except Exception as exc:  # noqa: BLE001
        if not addconst:
            raise
        entry["error"] = {"type": type(exc).__name__, "message": str(exc)}
        return entry
    lags = []
    for lag, (tests, (r, u, rm)) in res.items():
        item = {"lag": int(lag)}
        for key in ["ssr_ftest", "ssr_chi2test", "lrtest", "params_ftest"]:
            item[key] = [float(v) for v in tests[key]]
        if with_ols:
            item["restricted"] = ols_facts(r)
            item["unrestricted"] = ols_facts(u)
            item["restriction"] = rm
        lags.append(item)
    entry["lags"] = lags
    return entry


def error_case(x, maxlag, addconst, name):
    try:
        grangercausalitytests(x, maxlag, addconst=addconst)
    except Exception as exc:  # noqa: BLE001
        return {"name": name, "maxlag": maxlag, "addconst": addconst, "type": type(exc).__name__, "message": str(exc)}
    raise AssertionError(f"{name}: no exception")


def pair_matrix(frame, columns, lag, addconst=True):
    """All ordered pairs (row = effect, column = cause), one grangercausalitytests call each."""
    m = len(columns)
    out = {key: {"statistic": [[None] * m for _ in range(m)], "pvalue": [[None] * m for _ in range(m)]}
           for key in ["ssr_ftest", "ssr_chi2test", "lrtest", "params_ftest"]}
    for i, effect in enumerate(columns):
        for j, cause in enumerate(columns):
            pair = frame[[effect, cause]].to_numpy()
            tests = (grangercausalitytests(pair, [lag]) if addconst
                     else GRANGER_NO_CONSTANT(pair, [lag], addconst=False))[lag][0]
            for key in out:
                out[key]["statistic"][i][j] = float(tests[key][0])
                out[key]["pvalue"][i][j] = float(tests[key][1])
    return {"columns": columns, "lag": lag, "addconst": addconst, "tests": out}


def corrections(matrix):
    """multipletests on the off-diagonal lrtest p-values, in row-major order."""
    p = np.array(matrix["tests"]["lrtest"]["pvalue"])
    m = p.shape[0]
    offdiag = [(i, j) for i in range(m) for j in range(m) if i != j]
    flat = np.array([p[i, j] for i, j in offdiag])
    out = {"pairs": offdiag, "pvalues": flat, "alpha": 0.05}
    for method in ["bonferroni", "holm", "fdr_bh"]:
        reject, corrected, _, _ = multipletests(flat, alpha=0.05, method=method)
        out[method] = {"corrected": corrected, "reject": reject}
    return out


def lagged(series, p):
    """lagmat2ds-style columns [s_{t-1} .. s_{t-p}] for t = p .. n-1."""
    n = len(series)
    return np.column_stack([series[p - k:n - k] for k in range(1, p + 1)])


def conditional_case(frame, effect, cause, conditioning, maxlag, name, addconst=True):
    """y on [y lags, z lags (each conditioning series in order), x lags, const] against the same
    without x lags: the four tests with grangercausalitytests' formulas, from statsmodels OLS.
    With addconst=False neither design has the constant column."""
    def design(blocks):
        x = np.column_stack(blocks)
        return sm.add_constant(x, prepend=False) if addconst else x

    y_all = frame[effect].to_numpy()
    lags = []
    for p in range(1, maxlag + 1):
        y = y_all[p:]
        own = [lagged(y_all, p)] + [lagged(frame[z].to_numpy(), p) for z in conditioning]
        xr = design(own)
        xu = design(own + [lagged(frame[cause].to_numpy(), p)])
        r = sm.OLS(y, xr).fit()
        u = sm.OLS(y, xu).fit()
        f = (r.ssr - u.ssr) / u.ssr / p * u.df_resid
        chi2 = r.nobs * (r.ssr - u.ssr) / u.ssr
        lr = -2 * (r.llf - u.llf)
        k = xu.shape[1]
        rm = np.zeros((p, k))
        c = int(addconst)
        rm[:, k - c - p:k - c] = np.eye(p)
        ft = u.f_test(rm)
        lags.append({
            "lag": p,
            "ssr_ftest": [f, stats.f.sf(f, p, u.df_resid), u.df_resid, p],
            "ssr_chi2test": [chi2, stats.chi2.sf(chi2, p), p],
            "lrtest": [lr, stats.chi2.sf(lr, p), p],
            "params_ftest": [float(np.squeeze(ft.fvalue)), float(np.squeeze(ft.pvalue)), ft.df_denom, ft.df_num],
            "restricted": ols_facts(r),
            "unrestricted": ols_facts(u),
        })
    return {"name": name, "effect": effect, "cause": cause, "conditioning": conditioning, "maxlag": maxlag,
            "addconst": addconst, "lags": lags}


def seed_granger(frame, truth):
    """Seed 000 bonus 2.1: does n1 Granger-cause each neuron (lag 1, lrtest, alpha 0.05)?"""
    selected = 1
    cols = list(frame.columns)
    pvals, reject = [], []
    for target in range(len(cols)):
        res = grangercausalitytests(frame[[cols[target], cols[selected]]].to_numpy(), maxlag=1)
        pval = res[1][0]["lrtest"][1]
        pvals.append(pval)
        reject.append(int(pval < 0.05))
    corr = np.corrcoef(truth[:, selected], np.array(reject))[1, 0]
    return {"selected": selected, "pvalues": pvals, "reject": reject, "correlation": corr}


def seed_iv(frame, truth):
    """Seed 000 section 2.2: get_iv_estimate_network on neurons6_iv.csv."""
    n = truth.shape[0]
    x = frame[[f"x{i}" for i in range(n)]].to_numpy().T
    z = frame[[f"z{i}" for i in range(n)]].to_numpy().T
    y = x[:, 1:].T
    y = np.log(y / (1 - y))
    stage1 = MultiOutputRegressor(LinearRegression(fit_intercept=True))
    stage1.fit(z[:, :-1].T, x[:, :-1].T)
    x_hat = stage1.predict(z[:, :-1].T)
    stage2 = MultiOutputRegressor(LinearRegression(fit_intercept=True))
    stage2.fit(x_hat, y)
    v = np.zeros((n, n))
    intercepts = np.zeros(n)
    for i, est in enumerate(stage2.estimators_):
        v[i, :] = est.coef_
        intercepts[i] = est.intercept_
    corr = np.corrcoef(truth.flatten(), v.flatten())[1, 0]
    return {"V": v, "intercepts": intercepts, "correlation": corr}


def main():
    export_macrodata()
    neurons = read("neurons6_granger.csv")
    truth = read("neurons6_connectivity.csv").to_numpy()
    macro = read("macrodata_growth.csv")

    cases = []
    # The seed's loop: (target, n1) for every target at lag 1, the self pair included.
    for i in range(6):
        cases.append(granger_case(neurons, f"n{i}", "n1", 1, f"neurons n{i} <- n1 lag 1"))
    cases.append(granger_case(neurons, "n0", "n1", 4, "neurons n0 <- n1 maxlag 4"))
    cases.append(granger_case(neurons, "n3", "n5", 3, "neurons n3 <- n5 maxlag 3"))
    cases.append(granger_case(neurons, "n5", "n3", 3, "neurons n5 <- n3 maxlag 3"))
    cases.append(granger_case(neurons, "n2", "n4", 2, "neurons n2 <- n4 maxlag 2"))
    cases.append(granger_case(macro, "realgdp_growth", "realcons_growth", 4, "macro gdp <- cons maxlag 4"))
    cases.append(granger_case(macro, "realcons_growth", "realgdp_growth", 4, "macro cons <- gdp maxlag 4"))
    cases.append(granger_case(macro, "realinv_growth", "tbilrate", 6, "macro inv <- tbilrate maxlag 6"))
    cases.append(granger_case(macro, "unemp", "infl", 8, "macro unemp <- infl maxlag 8"))
    cases.append(granger_case(macro, "realgdp_growth", "realgdp_growth", 2, "macro gdp <- gdp (degenerate)"))
    # Without a constant (statsmodels' own code with its unimplemented branch filled in).
    cases.append(granger_case(neurons, "n0", "n1", 3, "neurons n0 <- n1 maxlag 3 no constant", addconst=False))
    cases.append(granger_case(neurons, "n5", "n3", 2, "neurons n5 <- n3 maxlag 2 no constant", addconst=False))
    cases.append(granger_case(neurons, "n1", "n1", 1, "neurons n1 <- n1 no constant (degenerate)", addconst=False))
    cases.append(granger_case(macro, "realgdp_growth", "realcons_growth", 4, "macro gdp <- cons maxlag 4 no constant",
                              addconst=False))
    cases.append(granger_case(macro, "unemp", "infl", 4, "macro unemp <- infl maxlag 4 no constant", addconst=False))
    cases.append(granger_case(macro, "realinv_growth", "tbilrate", 6, "macro inv <- tbilrate maxlag 6 no constant",
                              addconst=False))

    lag_lists = []
    x = macro[["realgdp_growth", "realcons_growth"]].to_numpy()
    res = grangercausalitytests(x, [4, 2])
    lag_lists.append({
        "name": "macro gdp <- cons lags [4, 2]", "effect": "realgdp_growth", "cause": "realcons_growth",
        "lags": [{"lag": int(k), **{key: [float(v) for v in t[0][key]] for key in
                                    ["ssr_ftest", "ssr_chi2test", "lrtest", "params_ftest"]}} for k, t in res.items()],
    })

    small = macro[["realgdp_growth", "realcons_growth"]].iloc[:10].to_numpy()
    errors = [
        error_case(x, 2, False, "addconst=False"),
        error_case(x, 300, False, "addconst=False, maxlag too large"),
        error_case(small, 4, True, "10 rows, maxlag 4"),
        error_case(small, 3, True, "10 rows, maxlag 3"),
        error_case(x, 0, True, "maxlag 0"),
        error_case(x, [2, 0], True, "lag list with 0"),
        error_case(np.column_stack([x[:, 0], np.full(len(x), 3.0)]), 2, True, "constant cause"),
        error_case(np.column_stack([x[:, 0], np.where(np.arange(len(x)) == 5, np.nan, x[:, 1])]), 2, True, "NaN"),
    ]
    # A short exactly-autoregressive effect: perfect fit of the VAR.
    ar = np.zeros(40)
    ar[0] = 1.0
    for t in range(1, 40):
        ar[t] = 0.5 * ar[t - 1] + 1.0
    errors.append(error_case(np.column_stack([ar, np.sin(np.arange(40.0))]), 1, True, "perfect fit"))

    matrices = [
        pair_matrix(neurons, list(neurons.columns), 1),
        pair_matrix(neurons, list(neurons.columns), 2),
        pair_matrix(macro, ["realgdp_growth", "realcons_growth", "realinv_growth", "realgovt_growth",
                            "realdpi_growth", "m1_growth", "infl", "unemp", "tbilrate"], 1),
        pair_matrix(macro, ["realgdp_growth", "realcons_growth", "realinv_growth", "infl", "unemp"], 3),
        pair_matrix(neurons, list(neurons.columns), 2, addconst=False),
        pair_matrix(macro, ["realgdp_growth", "realcons_growth", "realinv_growth", "infl", "unemp"], 2, addconst=False),
    ]

    conditional = [
        conditional_case(neurons, "n3", "n5", ["n0", "n1", "n2", "n4"], 2, "neurons n3 <- n5 | others"),
        conditional_case(neurons, "n0", "n1", ["n5"], 3, "neurons n0 <- n1 | n5"),
        conditional_case(macro, "realgdp_growth", "realcons_growth", ["realinv_growth", "tbilrate"], 4,
                         "macro gdp <- cons | inv, tbilrate"),
        conditional_case(macro, "realgdp_growth", "realcons_growth", [], 2, "macro gdp <- cons | nothing"),
        conditional_case(neurons, "n3", "n5", ["n0", "n1", "n2", "n4"], 2, "neurons n3 <- n5 | others, no constant",
                         addconst=False),
        conditional_case(macro, "unemp", "infl", ["realgdp_growth", "tbilrate"], 3,
                         "macro unemp <- infl | gdp, tbilrate, no constant", addconst=False),
    ]

    out = {
        "versions": {
            "python": platform.python_version(), "statsmodels": statsmodels.__version__, "numpy": np.__version__,
            "scipy": scipy.__version__, "pandas": pd.__version__, "scikit-learn": sklearn.__version__,
        },
        "cases": cases,
        "lag_lists": lag_lists,
        "errors": errors,
        "matrices": matrices,
        "corrections": corrections(matrices[0]),
        "corrections_macro": corrections(matrices[2]),
        "conditional": conditional,
        "seed_granger": seed_granger(neurons, truth),
        "seed_iv": seed_iv(read("neurons6_iv.csv"), read("neurons6_iv_connectivity.csv").to_numpy()),
    }
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "granger.json"), "w") as f:
        json.dump(clean(out), f, indent=1)
        f.write("\n")
    print("seed granger", out["seed_granger"]["reject"], out["seed_granger"]["correlation"])
    print("seed iv", out["seed_iv"]["correlation"])


if __name__ == "__main__":
    sys.exit(main())
