#!/usr/bin/python3
"""scipy baseline for bench/clv-fit.ts: the same BG/NBD and Gamma-Gamma likelihoods (vectorised
numpy), maximised with scipy Nelder-Mead on log-parameters from the same start. Prints JSON."""
import json, sys, time
import numpy as np
from scipy.optimize import minimize
from scipy.special import gammaln

d = np.genfromtxt(sys.argv[1], delimiter=',', skip_header=1)
x, tx, T, m = d[:, 0], d[:, 1], d[:, 2], d[:, 3]

def bg_nll(v):
    r, al, a, b = np.exp(v)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(al)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(al + T)
    with np.errstate(divide='ignore', invalid='ignore'):
        a4 = np.where(x > 0, np.log(a) - np.log(np.where(x > 0, b + x - 1, 1.0)) - (r + x) * np.log(al + tx), -np.inf)
    return -np.sum(a1 + a2 + np.logaddexp(a3, a4)) / len(x)

sel = (x > 0) & (m > 0)
xx, mm = x[sel], m[sel]
def gg_nll(v):
    p, q, g = np.exp(v)
    return -np.sum(gammaln(p * xx + q) - gammaln(p * xx) - gammaln(q) + q * np.log(g)
                   + (p * xx - 1) * np.log(mm) + p * xx * np.log(xx) - (p * xx + q) * np.log(g + mm * xx)) / len(xx)

opts = {'xatol': 1e-8, 'fatol': 1e-12, 'maxiter': 20000, 'maxfev': 40000}
t0 = time.perf_counter()
bg = minimize(bg_nll, np.array([0.0, np.log(T.mean()), 0.0, 0.0]), method='Nelder-Mead', options=opts)
gg = minimize(gg_nll, np.zeros(3), method='Nelder-Mead', options=opts)
ms = (time.perf_counter() - t0) * 1000
print(json.dumps({'ms': ms, 'bgnbd': np.exp(bg.x).tolist(), 'bgLogLik': -bg.fun * len(x), 'bgEvals': int(bg.nfev),
                  'gg': np.exp(gg.x).tolist(), 'ggEvals': int(gg.nfev)}))
