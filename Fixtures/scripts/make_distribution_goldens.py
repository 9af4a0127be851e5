"""Writes Fixtures/reference/distributions.json: reference values for the Distributions module.

    python3 make_distribution_goldens.py        # needs scipy and mpmath

For every case scipy.stats gives the value, and mpmath (50 significant digits, exact
binary inputs) recomputes it independently.  The golden is scipy's double unless the two
disagree by more than 1e-14 relative, in which case mpmath's value (rounded to the nearest
double) is recorded and the case carries "source": "mpmath" plus scipy's value under
"scipy".  All floating-point numbers are written as strings (Python repr: shortest
round-trip form, plus "inf"/"nan") so that any JSON reader reads them back exactly.

Case layout:
    {"dist": "normal"|"t"|"f"|"chi2", "params": [...], "x": "...", "cdf": "...", "sf": "...",
     "source": {"cdf": "scipy"|"mpmath", "sf": ...}}
    {"dist": ..., "params": [...], "p": "...", "quantile": "..."|null, "isf": "..."|null, ...}
Quantile/isf values whose magnitude is below 1e-300 (not representable to full precision)
are written as null and not tested.
"""
import json
import math
import os
import platform
import sys

import mpmath as mp
import scipy
from scipy import stats

mp.mp.dps = 50
TOL = 1e-14
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "reference", "distributions.json")


def s(v):
    return repr(float(v))


def rel(a, b):
    a, b = float(a), float(b)
    if a == b:
        return 0.0
    if not (math.isfinite(a) and math.isfinite(b)):
        return math.inf
    return abs(a - b) / max(abs(a), abs(b))


# ---------------------------------------------------------------- mpmath references
def betainc(a, b, x):
    """Regularized I_x(a, b) in mpmath.

    mpmath's hypergeometric evaluation gives up when the value is astronomically small
    (e.g. t with 1e6 df at t = 100, about 1e-2170).  Then the value is bounded through
    I_x(a,b) = x^a (1-x)^b / (a B(a,b)) * 2F1(a+b, 1; a+1; x), whose series has term ratio
    at most r = x * max(1, (a+b)/(a+1)): if r < 1 the bound is prefactor / (1 - r), and a
    log-bound below log(1e-330) is recorded as exactly 0 (below the smallest subnormal)."""
    try:
        return mp.betainc(a, b, 0, x, regularized=True)
    except (ValueError, mp.libmp.libhyper.NoConvergence):
        r = x * max(1, (a + b) / (a + 1))
        if r >= 1:
            raise
        log_bound = (a * mp.log(x) + b * mp.log1p(-x) - mp.log(a) - mp.log(mp.beta(a, b))
                     - mp.log1p(-r))
        if log_bound > mp.log(mp.mpf(10) ** -330):
            raise
        return mp.mpf(0)


def mp_normal(mean, sd, x):
    z = (mp.mpf(x) - mp.mpf(mean)) / mp.mpf(sd)
    return mp.erfc(-z / mp.sqrt(2)) / 2, mp.erfc(z / mp.sqrt(2)) / 2


def pair(lower, upper):
    """(cdf, sf) from two direct evaluations; when one of them cannot be evaluated by
    mpmath (it is then close to 1), it is taken as 1 minus the other (50 digits)."""
    try:
        lo = lower()
    except (ValueError, mp.libmp.libhyper.NoConvergence):
        lo = None
    try:
        up = upper()
    except (ValueError, mp.libmp.libhyper.NoConvergence):
        up = None
    if lo is None:
        lo = 1 - up
    if up is None:
        up = 1 - lo
    return lo, up


def mp_t(nu, x):
    nu, t = mp.mpf(nu), mp.mpf(x)
    if t == 0:
        return mp.mpf(1) / 2, mp.mpf(1) / 2
    xb = nu / (nu + t * t)
    yb = t * t / (nu + t * t)
    half = mp.mpf(1) / 2
    body, tail = pair(lambda: half + betainc(half, nu / 2, yb) / 2,
                      lambda: betainc(nu / 2, half, xb) / 2)
    return (tail, body) if t < 0 else (body, tail)


def mp_f(d1, d2, x):
    d1, d2, x = mp.mpf(d1), mp.mpf(d2), mp.mpf(x)
    if x == 0:
        return mp.mpf(0), mp.mpf(1)
    return pair(lambda: betainc(d1 / 2, d2 / 2, d1 * x / (d1 * x + d2)),
                lambda: betainc(d2 / 2, d1 / 2, d2 / (d1 * x + d2)))


def gammainc_tiny(log_bound):
    """0 when a log upper bound shows the value is below 1e-330, else an error."""
    if log_bound > mp.log(mp.mpf(10) ** -330):
        raise ValueError("mpmath failed on a value that is not negligible")
    return mp.mpf(0)


def mp_chi2(k, x):
    """(P, Q) of Gamma(k/2) at x/2; a far-tail value mpmath cannot evaluate is bounded by
    h^a e^-h / Gamma(a+1) * (a+1)/(a+1-h) (lower, h < a+1) or
    h^a e^-h / Gamma(a) / (h-a+1) (upper, h > a-1) and recorded as 0 when below 1e-330."""
    a, h = mp.mpf(k) / 2, mp.mpf(x) / 2
    log_core = a * mp.log(h) - h - mp.loggamma(a)

    def lower():
        try:
            return mp.gammainc(a, 0, h, regularized=True)
        except (ValueError, mp.libmp.libhyper.NoConvergence):
            if h >= a + 1:
                raise
            return gammainc_tiny(log_core - mp.log(a) + mp.log((a + 1) / (a + 1 - h)))

    def upper():
        try:
            return mp.gammainc(a, h, mp.inf, regularized=True)
        except (ValueError, mp.libmp.libhyper.NoConvergence):
            if h <= a - 1:
                raise
            return gammainc_tiny(log_core - mp.log(h - a + 1))
    return pair(lower, upper)


MP = {"normal": lambda p, x: mp_normal(p[0], p[1], x), "t": lambda p, x: mp_t(p[0], x),
      "f": lambda p, x: mp_f(p[0], p[1], x), "chi2": lambda p, x: mp_chi2(p[0], x)}
SP = {"normal": lambda p: stats.norm(p[0], p[1]), "t": lambda p: stats.t(p[0]),
      "f": lambda p: stats.f(p[0], p[1]), "chi2": lambda p: stats.chi2(p[0])}
LOWER = {"normal": -mp.inf, "t": -mp.inf, "f": 0, "chi2": 0}

disagreements = []


def pick(name, dist, params, key, sp_val, mp_val):
    mv = float(mp_val)
    if rel(sp_val, mv) > TOL and not (abs(mv) < 1e-300 and abs(float(sp_val)) < 1e-300):
        disagreements.append(f"{dist}{tuple(params)} {key}={name}: scipy {sp_val!r} mpmath {mv!r}"
                             f" (rel {rel(sp_val, mv):.2e})")
        return mv, "mpmath"
    return float(sp_val), "scipy"


def value_case(dist, params, x):
    sp = SP[dist](params)
    c_mp, s_mp = MP[dist](params, x)
    cdf, c_src = pick(x, dist, params, "cdf", sp.cdf(x), c_mp)
    sf, s_src = pick(x, dist, params, "sf", sp.sf(x), s_mp)
    case = {"dist": dist, "params": [s(p) for p in params], "x": s(x), "cdf": s(cdf), "sf": s(sf),
            "source": {"cdf": c_src, "sf": s_src}}
    if c_src == "mpmath":
        case["scipy_cdf"] = s(sp.cdf(x))
    if s_src == "mpmath":
        case["scipy_sf"] = s(sp.sf(x))
    return case


def tail_start(dist, params, target, upper):
    """Leading-order tail asymptotics, a starting point where scipy's own inverse fails."""
    q = mp.mpf(target)
    if dist == "t":
        nu = mp.mpf(params[0])
        c = mp.gamma((nu + 1) / 2) * nu ** ((nu - 1) / 2) / (mp.sqrt(mp.pi) * mp.gamma(nu / 2))
        return (c / q) ** (1 / nu)
    if dist == "f" and params[1] > 1000:  # F(d1, large d2) ~ chi2(d1) / d1
        chi = stats.chi2(params[0])
        return (chi.isf(float(target)) if upper else chi.ppf(float(target))) / params[0]
    if dist == "f":
        d1, d2 = mp.mpf(params[0]), mp.mpf(params[1])
        if upper:
            c = mp.gamma((d1 + d2) / 2) / (mp.gamma(d1 / 2) * mp.gamma(d2 / 2 + 1))
            return d2 / d1 * (c / q) ** (2 / d2)
        c = mp.gamma(d1 / 2 + 1) * mp.gamma(d2 / 2) / mp.gamma((d1 + d2) / 2)
        return d2 / d1 * (c * q) ** (2 / d1)
    if dist == "chi2" and not upper:
        a = mp.mpf(params[0]) / 2
        return 2 * (q * mp.gamma(a + 1)) ** (1 / a)
    raise ValueError(f"no starting point for {dist} {params} {target}")


def mp_root(dist, params, target, upper):
    """Solves tail(x) = target in mpmath, where tail is the sf (upper) or cdf (lower) and
    target <= 1/2.  The search runs on log(tail) against log(x) (positive support) or, for
    the symmetric normal and t, on log(sf(z)) against log(z) for z > 0."""
    sp = SP[dist](params)
    logt = mp.log(mp.mpf(target))
    if dist in ("normal", "t"):
        if target == mp.mpf(1) / 2:
            return mp.mpf(params[0]) if dist == "normal" else mp.mpf(0)
        std = [0, 1] if dist == "normal" else params
        start = float(SP[dist](std).isf(float(target)))
        if not (0 < start < float("inf")):
            start = tail_start(dist, std, target, True)

        def g(u):
            return mp.log(MP[dist](std, mp.exp(u))[1]) - logt
        z = mp.exp(mp.findroot(g, mp.log(mp.mpf(start)), tol=mp.mpf(10) ** -40))
        z = z if upper else -z
        return mp.mpf(params[0]) + mp.mpf(params[1]) * z if dist == "normal" else z
    idx = 1 if upper else 0
    start = float(sp.isf(float(target)) if upper else sp.ppf(float(target)))
    if not (0 < start < float("inf")):
        start = tail_start(dist, params, target, upper)

    def g(u):
        return mp.log(MP[dist](params, mp.exp(u))[idx]) - logt
    return mp.exp(mp.findroot(g, mp.log(mp.mpf(start)), tol=mp.mpf(10) ** -40))


def quantile_case(dist, params, p):
    """quantile(p) and isf(p); each is solved on the smaller tail for accuracy."""
    sp = SP[dist](params)
    p_mp = mp.mpf(p)
    out = {"dist": dist, "params": [s(v) for v in params], "p": s(p), "source": {}}
    for key, sp_val, upper, target in (
        ("quantile", sp.ppf(p), p > 0.5, (1 - p_mp) if p > 0.5 else p_mp),
        ("isf", sp.isf(p), p <= 0.5, p_mp if p <= 0.5 else 1 - p_mp),
    ):
        root = mp_root(dist, params, target, upper)
        if abs(root) < mp.mpf(10) ** -300 or abs(root) > mp.mpf(10) ** 308:
            out[key] = None
            continue
        val, src = pick(p, dist, params, key, sp_val, root)
        out[key] = s(val)
        out["source"][key] = src
    return out


NORMAL_X = [-40, -38, -37, -30, -20, -10, -8.5, -5, -3, -1.96, -1, -0.5, -1e-8, 0, 1e-8, 0.5, 1,
            1.6448536269514722, 1.96, 2, 3, 5, 8.5, 10, 20, 26, 30, 37, 38, 40]
T_DF = [1, 2, 3, 5, 10, 17, 30, 100, 1998, 9997, 1e6]
T_X = [1e-8, 1e-3, 0.1, 0.5, 1, 1.5, 2, 2.5, 3, 4.5376, 5, 7.5, 10, 20, 30, 50, 100, 112.07,
       191.22, 1000, -1e-3, -1, -2.5, -4.5376, -30, -1000]
F_DF = [(1, 16), (2, 16), (2, 17), (1, 1998), (1, 9997), (5, 100), (10, 3), (1, 1e6), (5, 1e6),
        (3, 5000)]
F_X = [1e-6, 1e-3, 0.01, 0.1, 0.5, 1, 2, 3, 5, 7.748384972192274, 10, 15.713572, 20.59, 50, 100,
       300, 553.0194, 1e3, 1e4, 1e5]
CHI_DF = [0.5, 1, 2, 3, 10, 100, 1000, 1e5, 1e6]
CHI_X = [1e-10, 1e-3, 0.1, 0.5, 1, 2, 3.841458820694124, 5, 10, 20, 50, 100, 300, 524.188,
         744.482509, 1000, 1200, 1400, 2937.81, 12560, 9.9e4, 1e5, 1.01e5, 1.05e5, 1.2e5, 1.5e5,
         9.95e5, 1e6, 1.002e6, 1.005e6]
PS = [1e-300, 1e-100, 1e-20, 1e-10, 0.001, 0.025, 0.05, 0.5, 0.95, 0.975, 0.999, 1 - 1e-10]


def main():
    values, quantiles = [], []
    for x in NORMAL_X:
        values.append(value_case("normal", [0, 1], x))
    for x in (-5, 0, 1, 3, 10, 40):
        values.append(value_case("normal", [3, 2], x))
    for nu in T_DF:
        for x in T_X:
            values.append(value_case("t", [nu], x))
    for d in F_DF:
        for x in F_X:
            values.append(value_case("f", list(d), x))
    for k in CHI_DF:
        for x in CHI_X:
            values.append(value_case("chi2", [k], x))
    for p in PS:
        quantiles.append(quantile_case("normal", [0, 1], p))
        quantiles.append(quantile_case("normal", [3, 2], p))
        for nu in T_DF:
            quantiles.append(quantile_case("t", [nu], p))
        for d in F_DF:
            quantiles.append(quantile_case("f", list(d), p))
        for k in CHI_DF:
            quantiles.append(quantile_case("chi2", [k], p))
    doc = {
        "generator": "Fixtures/scripts/make_distribution_goldens.py",
        "versions": {"python": platform.python_version(), "scipy": scipy.__version__,
                     "mpmath": mp.__version__},
        "tolerance_note": "golden = scipy unless scipy and mpmath (50 digits) differ by more "
                          "than 1e-14 relative; then golden = mpmath (see 'source').",
        "disagreements": disagreements,
        "values": values,
        "quantiles": quantiles,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        json.dump(doc, fh, indent=1)
        fh.write("\n")
    print(f"{len(values)} value cases, {len(quantiles)} quantile cases, "
          f"{len(disagreements)} scipy/mpmath disagreements", file=sys.stderr)


if __name__ == "__main__":
    main()
