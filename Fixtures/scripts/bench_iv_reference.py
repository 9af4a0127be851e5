#!/usr/bin/env python3
"""The issue-8 workload through linearmodels 7.1 (and pyfixest, if installed), phase by phase.

    .build/release/ivreg-benchmark generate --rows 100000 --out /tmp/iv1e5.csv
    /usr/bin/time -v python Fixtures/scripts/bench_iv_reference.py /tmp/iv1e5.csv [--pyfixest]

Phases as `ivreg-benchmark run`: read CSV (pandas), formula and fit (IV2SLS, robust), summary,
first stage, Wu-Hausman and Sargan. Prints t1, t2 and the two statistics so the answers can
be compared with ours.
"""
import sys
import time

t0 = time.perf_counter()
import pandas as pd  # noqa: E402
from linearmodels.iv import IV2SLS  # noqa: E402

path = sys.argv[1]
imports = time.perf_counter() - t0
phases = [("imports", imports)]

t = time.perf_counter()
df = pd.read_csv(path)
phases.append(("read CSV", time.perf_counter() - t))

formula = ("y ~ 1 + " + " + ".join(f"x{i}" for i in range(1, 11)) + " + C(g) + [t1 + t2 ~ "
           + " + ".join(f"z{i}" for i in range(1, 11)) + "]")
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

if "--pyfixest" in sys.argv:
    import pyfixest as pf  # pip install pyfixest; cannot fit two endogenous regressors
    t = time.perf_counter()
    try:
        pf.feols("y ~ " + " + ".join(f"x{i}" for i in range(1, 11)) + " | g | t1 + t2 ~ "
                 + " + ".join(f"z{i}" for i in range(1, 11)), df, vcov="hetero").summary()
        print(f"  pyfixest {time.perf_counter() - t:.3f} s")
    except Exception as error:  # noqa: BLE001
        print(f"  pyfixest: {type(error).__name__}: {error}")
