#!/usr/bin/env python3
"""The issue-8 workload through linearmodels 7.1 (and pyfixest, if installed), phase by phase.

    .build/release/ivreg-benchmark generate --rows 100000 --out /tmp/iv1e5.csv
    /usr/bin/time -v python Fixtures/scripts/bench_iv_reference.py /tmp/iv1e5.csv
    /usr/bin/time -v python Fixtures/scripts/bench_iv_reference.py /tmp/iv1e6.csv --pyfixest   # pip install pyfixest

With --pyfixest only pyfixest runs (linearmodels would need ~24 GB at 10^6 rows): first the
issue's model, which pyfixest refuses (two endogenous regressors), then the same model with
t1 as the only endogenous regressor and C(g) absorbed as a fixed effect, HC1 errors, whose
t1 estimate and standard error `ivreg ... "y ~ x1 + ... + x10 + C(g) + [t1 ~ z1 + ... + z10]"
--cov hc1` reproduces.

Phases as `ivreg-benchmark run`: read CSV (pandas), formula and fit (IV2SLS, robust), summary,
first stage, Wu-Hausman and Sargan. Prints t1, t2 and the two statistics so the answers can
be compared with ours.
"""
import sys
import time

t0 = time.perf_counter()
import pandas as pd  # noqa: E402

path = sys.argv[1]
xs = " + ".join(f"x{i}" for i in range(1, 11))
zs = " + ".join(f"z{i}" for i in range(1, 11))

if "--pyfixest" in sys.argv:
    import pyfixest as pf  # noqa: E402

    phases = [("imports", time.perf_counter() - t0)]
    t = time.perf_counter()
    df = pd.read_csv(path)
    phases.append(("read CSV", time.perf_counter() - t))
    t = time.perf_counter()
    try:
        pf.feols(f"y ~ {xs} | g | t1 + t2 ~ {zs}", df, vcov="hetero")
        print("pyfixest fitted two endogenous regressors")
    except Exception as error:  # noqa: BLE001
        print(f"two endogenous regressors: {type(error).__name__}: {str(error).splitlines()[0][:120]}")
    phases.append(("two endogenous (refused)", time.perf_counter() - t))
    t = time.perf_counter()
    fit = pf.feols(f"y ~ {xs} | g | t1 ~ {zs}", df, vcov="hetero")
    coef, se = fit.coef()["t1"], fit.se()["t1"]
    str(fit.tidy())
    phases.append(("fit t1 only, C(g) absorbed, HC1", time.perf_counter() - t))
    print(f"rows {len(df)}; t1 only: coefficient {coef:.10g}, HC1 standard error {se:.10g}")
    for name, seconds in phases:
        print(f"  {name:<34}{seconds:8.3f} s")
    print(f"  {'total':<34}{sum(s for _, s in phases):8.3f} s")
    sys.exit(0)

from linearmodels.iv import IV2SLS  # noqa: E402

imports = time.perf_counter() - t0
phases = [("imports", imports)]

t = time.perf_counter()
df = pd.read_csv(path)
phases.append(("read CSV", time.perf_counter() - t))

formula = f"y ~ 1 + {xs} + C(g) + [t1 + t2 ~ {zs}]"
t = time.perf_counter()
model = IV2SLS.from_formula(formula, df)
phases.append(("formula and design matrices", time.perf_counter() - t))
t = time.perf_counter()
res = model.fit(cov_type="robust")
phases.append(("fit (2SLS, robust)", time.perf_counter() - t))
t = time.perf_counter()
summary = str(res.summary)
phases.append(("summary", time.perf_counter() - t))
t = time.perf_counter()
first = str(res.first_stage.summary)
phases.append(("first stage", time.perf_counter() - t))
t = time.perf_counter()
wh, sargan = res.wu_hausman(), res.sargan
phases.append(("Wu-Hausman and Sargan", time.perf_counter() - t))

print(f"rows {len(df)}, {len(summary) + len(first)} characters printed")
print(f"t1 {res.params['t1']:.6f}  t2 {res.params['t2']:.6f}  Wu-Hausman {wh.stat:.4g}  Sargan {sargan.stat:.4g}")
for name, seconds in phases:
    print(f"  {name:<34}{seconds:8.3f} s")
print(f"  {'total':<34}{sum(s for _, s in phases):8.3f} s")
