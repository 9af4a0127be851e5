"""linearmodels 7.1 on a 2 000-row sample of the issue-8 workload, for the absorbing fit.

Run from the repository root (the CSV comes from our generator, so the data are fixed):

    swift build -c release --product ivreg-benchmark
    .build/release/ivreg-benchmark generate --rows 2000 --seed 8 --out Fixtures/data/iv_workload_2000.csv
    /work/venv/bin/pip install linearmodels==7.1 pandas
    /work/venv/bin/python Fixtures/scripts/make_workload_goldens.py

Writes Fixtures/reference/iv_workload_2000.json: for each covariance (robust, clustered by g,
unadjusted, debiased robust) the parameters, standard errors, R², model F, first-stage
diagnostics (R², partial R², Shea's R², partial F) and the Wu-Hausman, Durbin, Sargan,
Basmann, Basmann F and Anderson-Rubin statistics. Floats use Python's repr (round-trip).
"""
import json
import os
import platform

import linearmodels
import numpy
import pandas as pd
from linearmodels.iv import IV2SLS

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
df = pd.read_csv(os.path.join(ROOT, "Fixtures", "data", "iv_workload_2000.csv"))
formula = ("y ~ 1 + " + " + ".join(f"x{i}" for i in range(1, 11)) + " + C(g) + [t1 + t2 ~ "
           + " + ".join(f"z{i}" for i in range(1, 11)) + "]")
model = IV2SLS.from_formula(formula, df)


def fit(cov_type, debiased, **kwargs):
    res = model.fit(cov_type=cov_type, debiased=debiased, **kwargs)
    diag = res.first_stage.diagnostics
    return {
        "cov_type": cov_type,
        "debiased": debiased,
        "names": list(res.params.index),
        "params": [float(v) for v in res.params],
        "std_errors": [float(v) for v in res.std_errors],
        "rsquared": float(res.rsquared),
        "f_statistic": float(res.f_statistic.stat),
        "first_stage": {
            name: {
                "rsquared": float(diag.loc[name, "rsquared"]),
                "partial_rsquared": float(diag.loc[name, "partial.rsquared"]),
                "shea_rsquared": float(diag.loc[name, "shea.rsquared"]),
                "partial_f": float(diag.loc[name, "f.stat"]),
            }
            for name in diag.index
        },
        "tests": {
            "wu_hausman": float(res.wu_hausman().stat),
            "durbin": float(res.durbin().stat),
            "sargan": float(res.sargan.stat),
            "basmann": float(res.basmann.stat),
            "basmann_f": float(res.basmann_f.stat),
            "anderson_rubin": float(res.anderson_rubin.stat),
        },
    }


golden = {
    "formula": formula,
    "versions": {"linearmodels": linearmodels.__version__, "pandas": pd.__version__, "numpy": numpy.__version__,
                 "python": platform.python_version()},
    "fits": [fit("robust", False), fit("clustered", False, clusters=df["g"]), fit("unadjusted", False),
             fit("robust", True)],
}
with open(os.path.join(ROOT, "Fixtures", "reference", "iv_workload_2000.json"), "w") as out:
    json.dump(golden, out, indent=1)
    out.write("\n")
