"""ArviZ's convergence diagnostics on small simulated chains, for the Bayesian module.

Writes Fixtures/reference/bayes/diagnostics.json: for each case the chains themselves
(chains x draws, numpy.random.default_rng(2026)) and ArviZ's rank-normalised split
R-hat (`az.rhat`, method "rank"), bulk ESS (`az.ess`, method "bulk"), 94 % HDI
(`az.hdi`) and the mean and sd of `az.summary`.

Run with Python 3.11.7, arviz 0.23.4, numpy 2.4.6, scipy 1.17.1, pandas 3.1.1, xarray 2026.9.0:
    python3 Fixtures/scripts/make_bayes_diagnostic_goldens.py
"""
import json
import pathlib

import arviz as az
import numpy as np

rng = np.random.default_rng(2026)


def ar1(phi, chains, draws, shift=None):
    out = np.empty((chains, draws))
    for c in range(chains):
        x = rng.normal() / np.sqrt(1 - phi**2)
        for d in range(draws):
            x = phi * x + rng.normal()
            out[c, d] = x
        if shift is not None:
            out[c] += shift[c]
    return out


cases = {
    "iid_normal": rng.normal(size=(4, 250)),
    "ar1_0.9": ar1(0.9, 4, 250),
    "ar1_0.99_short": ar1(0.99, 2, 100),
    "shifted_means": ar1(0.5, 4, 250, shift=[0.0, 0.0, 0.0, 1.5]),
    "odd_length_ties": np.round(rng.normal(size=(3, 101)), 1),
    "heavy_tails": rng.standard_cauchy(size=(4, 200)),
    "one_chain": rng.gamma(2.0, size=(1, 300)),
    "antithetic": np.repeat(np.array([[1.0, -1.0] * 50]), 2, axis=0) + rng.normal(scale=0.1, size=(2, 100)),
}

result = {}
for name, chains in cases.items():
    data = az.convert_to_dataset({"x": chains})  # dims (chain, draw)
    summary = az.summary(data, kind="all", hdi_prob=0.94, round_to="none")
    hdi = az.hdi(data, hdi_prob=0.94)["x"].values
    result[name] = {
        # As text: Foundation's JSON parser does not always round decimals correctly,
        # Swift's Double(String) does.
        "chains": [[repr(float(v)) for v in row] for row in chains],
        "r_hat": float(az.rhat(data, method="rank")["x"]),
        "ess_bulk": float(az.ess(data, method="bulk")["x"]),
        "summary_r_hat": float(summary["r_hat"].iloc[0]),
        "summary_ess_bulk": float(summary["ess_bulk"].iloc[0]),
        "hdi_94": [repr(float(hdi[0])), repr(float(hdi[1]))],
        "mean": float(summary["mean"].iloc[0]),
        "sd": float(summary["sd"].iloc[0]),
        "sd_ddof0": float(np.std(chains)),
        "sd_ddof1": float(np.std(chains, ddof=1)),
    }

out = pathlib.Path(__file__).resolve().parent.parent / "reference" / "bayes" / "diagnostics.json"
def finite_or_none(value):
    if isinstance(value, float) and not np.isfinite(value):
        return None  # JSON has no NaN: ArviZ's NaN (R-hat of one chain) is null
    return value


result = {k: {m: finite_or_none(v) for m, v in r.items()} for k, r in result.items()}
out.write_text(json.dumps(result, indent=1) + "\n")
print(json.dumps({k: {m: v for m, v in r.items() if m != "chains"} for k, r in result.items()}, indent=1))
