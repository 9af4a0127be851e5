"""Weak-instrument diagnostics goldens (see /work/shared/reference/iv-diagnostics.md).

Run from the repository root:

    /work/venv/bin/python Fixtures/scripts/make_weak_iv_goldens.py

Writes  Fixtures/data/mroz_wage.csv        428 rows of linearmodels' mroz with wage observed
                                           (lwage = numpy log(wage), full precision) plus a
                                           synthetic cluster id cl = row % 37
        Fixtures/data/weak_iv_a.csv, weak_iv_b.csv   the portable generator of spec §8.5
        Fixtures/reference/weak_iv.json   linearmodels 7.1 cragg_donald(_f), kleibergen_paap(_f)
                                          for several models/covariances, and [NP] effective F
                                          (weakivtest HC1/CR1 scaling) computed here with numpy.
Floats are written with repr (round-trip exact).
"""
import json, math, os, platform, sys
import numpy as np
import pandas as pd
import scipy
import linearmodels
from linearmodels.iv import IV2SLS
from linearmodels.datasets import mroz

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "Fixtures", "data")
REF = os.path.join(ROOT, "Fixtures", "reference")


def fmt(v):
    return repr(float(v))


def write_csv(path, frame):
    cols = list(frame.columns)
    with open(path, "w") as f:
        f.write(",".join(cols) + "\n")
        for row in frame.itertuples(index=False):
            f.write(",".join(repr(float(v)) if isinstance(v, float) else str(v) for v in row) + "\n")


# --- mroz -------------------------------------------------------------------
d = mroz.load()
d = d[d["wage"].notna()].reset_index(drop=True)
m = pd.DataFrame({
    "lwage": np.log(d["wage"].to_numpy(float)),
    "educ": d["educ"].astype(float), "fatheduc": d["fatheduc"].astype(float),
    "motheduc": d["motheduc"].astype(float), "exper": d["exper"].astype(float),
    "expersq": d["expersq"].astype(float), "age": d["age"].astype(float),
    "kidslt6": d["kidslt6"].astype(float), "huswage": d["huswage"].astype(float),
})
m["cl"] = np.arange(len(m)) % 37
assert len(m) == 428
write_csv(os.path.join(DATA, "mroz_wage.csv"), m)
print("lwage sum", repr(m["lwage"].sum()))


# --- §8.5 generator -------------------------------------------------------
def generate(seed, p1, p2):
    state = seed
    M = (1 << 64) - 1

    def next_u():
        nonlocal state
        state = (state * 6364136223846793005 + 1442695040888963407) & M
        return ((state >> 11) + 0.5) / 2.0**53

    def normal():
        u1 = next_u(); u2 = next_u()
        return math.sqrt(-2.0 * math.log(u1)) * math.cos((2.0 * math.pi) * u2)

    rows = []
    for _ in range(100):
        w1 = normal(); z1 = normal(); z2 = normal(); v = normal(); e = normal()
        x = 0.5 + 0.3 * w1 + p1 * z1 + p2 * z2 + v
        u = 0.8 * v + math.sqrt(1 - 0.8 * 0.8) * e
        y = 1 + 1 * x + 0.5 * w1 + u
        rows.append((y, x, z1, z2, w1))
    f = pd.DataFrame(rows, columns=["y", "x", "z1", "z2", "w1"])
    f["cl"] = np.arange(100) % 12
    return f


sims = {"weak_iv_a": generate(8, 0.15, 0.10), "weak_iv_b": generate(1, 0.05, 0.0)}
for name, f in sims.items():
    write_csv(os.path.join(DATA, name + ".csv"), f)
    print(name, [repr(v) for v in f.iloc[0, :5]], [repr(v) for v in f.iloc[:, :5].sum()])


# --- effective F [NP] -------------------------------------------------------
def partial(a, w):
    q, _ = np.linalg.qr(w)
    return a - q @ (q.T @ a)


def effective_f(y, x, w, z, clusters=None):
    n = len(x); L = w.shape[1] + z.shape[1]
    xt = partial(x, w); zt = partial(z, w)
    zz = zt.T @ zt
    pi = np.linalg.solve(zz, zt.T @ xt)
    v = xt - zt @ pi
    if clusters is None:
        meat = (zt * v[:, None]).T @ (zt * v[:, None]) * n / (n - L)
    else:
        s = zt * v[:, None]
        groups = np.unique(clusters)
        sums = np.array([s[clusters == g].sum(0) for g in groups])
        G = len(groups)
        meat = sums.T @ sums * (G / (G - 1)) * ((n - 1) / (n - L))
    inv = np.linalg.inv(zz)
    vpi = inv @ meat @ inv
    xhat = zt @ pi
    return float(xhat @ xhat / np.trace(vpi @ zz))


# --- linearmodels -------------------------------------------------------------
models = {
    "mroz1": (m, "lwage ~ 1 + exper + expersq + [educ ~ fatheduc + motheduc]"),
    "mroz2": (m, "lwage ~ 1 + exper + expersq + [educ + age ~ fatheduc + motheduc + huswage + kidslt6]"),
    "mroz_just": (m, "lwage ~ 1 + exper + expersq + [educ ~ motheduc]"),
    "weak_iv_a": (sims["weak_iv_a"], "y ~ 1 + w1 + [x ~ z1 + z2]"),
}
covs = {
    "unadjusted": dict(cov_type="unadjusted"),
    "robust": dict(cov_type="robust"),
    "clustered": "clustered",
    "kernel": dict(cov_type="kernel", kernel="bartlett", bandwidth=4),
}
out = {"versions": {"python": platform.python_version(), "linearmodels": linearmodels.__version__,
                    "numpy": np.__version__, "scipy": scipy.__version__, "pandas": pd.__version__},
       "models": {}}
for name, (frame, formula) in models.items():
    entry = {"formula": formula, "fits": {}}
    for key, cov in covs.items():
        if cov == "clustered":
            cov = dict(cov_type="clustered", clusters=frame["cl"])
        res = IV2SLS.from_formula(formula, frame).fit(**cov)
        fs = res.first_stage
        cd = fs.cragg_donald; kp = fs.kleibergen_paap
        entry["fits"][key] = {
            "cragg_donald": float(cd.stat), "cragg_donald_df": int(cd.df), "cragg_donald_f": float(fs.cragg_donald_f),
            "kleibergen_paap": float(kp.stat), "kleibergen_paap_df": int(kp.df),
            "kleibergen_paap_pval": float(kp.pval), "kleibergen_paap_f": float(fs.kleibergen_paap_f),
        }
    if name != "mroz2":
        y = frame.iloc[:, 0].to_numpy(float)
        if name.startswith("mroz"):
            x = frame["educ"].to_numpy(float)
            w = np.column_stack([np.ones(len(frame)), frame["exper"], frame["expersq"]])
            z = frame[["fatheduc", "motheduc"]].to_numpy(float) if name == "mroz1" else frame[["motheduc"]].to_numpy(float)
        else:
            x = frame["x"].to_numpy(float)
            w = np.column_stack([np.ones(len(frame)), frame["w1"]])
            z = frame[["z1", "z2"]].to_numpy(float)
        entry["effective_f_robust"] = effective_f(y, x, w, z)
        entry["effective_f_clustered"] = effective_f(y, x, w, z, frame["cl"].to_numpy())
    out["models"][name] = entry

with open(os.path.join(REF, "weak_iv.json"), "w") as f:
    json.dump(out, f, indent=1)
print(json.dumps(out, indent=1)[:3000])
