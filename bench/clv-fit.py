#!/usr/bin/env python3
"""scipy baseline for bench/clv-fit.ts: the BG/NBD and Gamma-Gamma negative log-likelihoods in
log-parameters (vectorised numpy) with their exact analytic gradients, minimised by
scipy.optimize.minimize(method='BFGS', jac=True) from the same starts as fidelia. Optionally also
Nelder-Mead (the old baseline) as a second line: `clv-fit.py summary.csv nm`.
Prints JSON: fit wall and CPU time (CSV read excluded), parameters, log-likelihoods,
evaluations, scipy's success flags. The whole script (imports + CSV read + fit) is what
bench/clv-fit.ts times as the "whole command" baseline."""
import json, sys, time
import numpy as np
from scipy.optimize import minimize
from scipy.special import digamma, gammaln

d = np.loadtxt(sys.argv[1], delimiter=',', skiprows=1)
method = 'Nelder-Mead' if len(sys.argv) > 2 and sys.argv[2] == 'nm' else 'BFGS'
x, tx, T, m = d[:, 0], d[:, 1], d[:, 2], d[:, 3]
pos = x > 0
xb1 = np.where(pos, x + 0.0, 1.0)  # b + x - 1 is only used where x > 0


def bg_nll(v):
    r, al, a, b = np.exp(v)
    c = (gammaln(r + x) - gammaln(r) + r * np.log(al)
         + gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x))
    lT, ltx = np.log(al + T), np.log(al + tx)
    a3 = -(r + x) * lT
    a4 = np.where(pos, np.log(a) - np.log(b + xb1 - 1) - (r + x) * ltx, -np.inf)
    L = np.logaddexp(a3, a4)
    w3, w4 = np.exp(a3 - L), np.exp(a4 - L)
    dr = digamma(r + x) - digamma(r) + np.log(al) - w3 * lT - w4 * ltx
    dal = r / al - (r + x) * (w3 / (al + T) + w4 / (al + tx))
    dab = digamma(a + b) - digamma(a + b + x)
    da = dab + w4 / a
    db = dab + digamma(b + x) - digamma(b) - w4 / (b + xb1 - 1)
    g = np.array([dr.sum() * r, dal.sum() * al, da.sum() * a, db.sum() * b])
    return -(c + L).sum(), -g


sel = pos & (m > 0)
xx, mm = x[sel], m[sel]
lx, lm = np.log(xx), np.log(mm)


def gg_nll(v):
    p, q, g = np.exp(v)
    px = p * xx
    lgm = np.log(g + mm * xx)
    ll = (gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(g)
          + (px - 1) * lm + px * lx - (px + q) * lgm)
    dpx = digamma(px + q) - digamma(px)
    dp = (xx * (dpx + lm + lx - lgm)).sum()
    dq = (digamma(px + q) - digamma(q) + np.log(g) - lgm).sum()
    dg = (q / g - (px + q) / (g + mm * xx)).sum()
    return -ll.sum(), -np.array([dp * p, dq * q, dg * g])


bg0 = np.array([0.0, np.log(max(T.mean(), 1.0)), 0.0, 0.0])
t0, c0 = time.perf_counter(), time.process_time()
if method == 'BFGS':
    bg = minimize(bg_nll, bg0, method='BFGS', jac=True)
    gg = minimize(gg_nll, np.zeros(3), method='BFGS', jac=True)
else:
    opts = {'xatol': 1e-8, 'fatol': 1e-12, 'maxiter': 20000, 'maxfev': 40000}
    bg = minimize(lambda v: bg_nll(v)[0] / len(x), bg0, method='Nelder-Mead', options=opts)
    gg = minimize(lambda v: gg_nll(v)[0] / len(xx), np.zeros(3), method='Nelder-Mead', options=opts)
ms, cpu_ms = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
fun = lambda res, f: float(f(res.x)[0])
print(json.dumps({'method': method, 'ms': ms, 'cpuMs': cpu_ms, 'bgnbd': np.exp(bg.x).tolist(), 'bgLogLik': -fun(bg, bg_nll),
                  'bgEvals': int(bg.nfev), 'bgOk': bool(bg.success), 'gg': np.exp(gg.x).tolist(),
                  'ggLogLik': -fun(gg, gg_nll), 'ggEvals': int(gg.nfev), 'ggOk': bool(gg.success)}))
