#!/usr/bin/env python3
"""scipy baseline for bench/clv-fit.ts: the BG/NBD and Gamma-Gamma negative log-likelihoods in
log-parameters (vectorised numpy) with their exact analytic gradients, minimised by
scipy.optimize.minimize(method='BFGS', jac=True) from the same starts as fidelia. Optionally also
Nelder-Mead (the old baseline) as a second line: `clv-fit.py summary.csv nm`. With
`clv-fit.py --transactions CDNOW_master.txt 1997-09-30` it reads the transactions and
summarises them first (numpy only), the same work as `fidelia clv fit --transactions`.
Prints JSON: fit wall and CPU time (CSV read excluded), parameters, log-likelihoods,
evaluations, scipy's success flags. The whole script (imports + CSV read + fit) is what
bench/clv-fit.ts times as the "whole command" baseline."""
import json, sys, time
import numpy as np
from scipy.optimize import minimize
from scipy.special import digamma, gammaln

method = 'Nelder-Mead' if len(sys.argv) > 2 and sys.argv[2] == 'nm' else 'BFGS'


def days_from_civil(y, m, d):
    # Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm), vectorised.
    y = y - (m <= 2)
    era = np.floor_divide(y, 400)
    yoe = y - era * 400
    doy = (153 * (m + np.where(m > 2, -3, 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


if sys.argv[1] == '--transactions':
    # The same work as `fidelia clv fit --transactions FILE --format cdnow --calibration-end
    # DATE`: read CDNOW_master (id, yyyymmdd, units, dollars), merge same-day purchases, and
    # summarise each customer's calibration period in weeks (stats/src/clv/summarize.ts).
    end = int(sys.argv[3].replace('-', ''))
    end = int(days_from_civil(end // 10000, end // 100 % 100, end % 100))
    tr = np.loadtxt(sys.argv[2], skiprows=1, usecols=(0, 1, 3), dtype=np.float64)
    cid, ymd, amt = tr[:, 0].astype(np.int64), tr[:, 1].astype(np.int64), tr[:, 2]
    day = days_from_civil(ymd // 10000, ymd // 100 % 100, ymd % 100)
    keep = day <= end
    cid, day, amt = cid[keep], day[keep], amt[keep]
    key = cid * 100000 + (day - day.min())
    uk, inv = np.unique(key, return_inverse=True)
    dsum = np.bincount(inv, weights=amt)
    ucid = uk // 100000
    uday = uk % 100000 + day.min()
    _, first, cnt = np.unique(ucid, return_index=True, return_counts=True)
    last = first + cnt - 1
    x = (cnt - 1).astype(np.float64)
    tx = (uday[last] - uday[first]) / 7
    T = (end - uday[first]) / 7
    tot = np.add.reduceat(dsum, first)
    m = np.where(x > 0, (tot - dsum[first]) / np.maximum(x, 1), 0.0)
else:
    d = np.loadtxt(sys.argv[1], delimiter=',', skiprows=1)
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
print(json.dumps({'method': method, 'customers': int(len(x)), 'ms': ms, 'cpuMs': cpu_ms, 'bgnbd': np.exp(bg.x).tolist(), 'bgLogLik': -fun(bg, bg_nll),
                  'bgEvals': int(bg.nfev), 'bgOk': bool(bg.success), 'gg': np.exp(gg.x).tolist(),
                  'ggLogLik': -fun(gg, gg_nll), 'ggEvals': int(gg.nfev), 'ggOk': bool(gg.success)}))
