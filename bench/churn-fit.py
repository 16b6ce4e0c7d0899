#!/usr/bin/python3
"""scikit-learn side of bench/churn-fit.ts: the same pipeline as analyzeChurn (one-hot with the
first sorted level dropped, StandardScaler, LogisticRegression(C=1, newton-cholesky), stratified
5-fold CV AUC + final fit) on the Telco file, timed from parsed rows (CSV parsing excluded).
Prints one JSON line: {"ms": best ms, "auc": mean fold AUC}."""
import csv, json, sys, time
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

rows = [r for r in csv.DictReader(open(sys.argv[1], newline='')) if r['TotalCharges'].strip()]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
NUMERIC = {'tenure', 'MonthlyCharges', 'TotalCharges'}
feats = [h for h in rows[0] if h not in ('customerID', 'Churn')]


def run():
    cols = []
    for f in feats:
        if f in NUMERIC:
            cols.append([float(r[f]) for r in rows])
        else:
            levels = sorted({r[f] for r in rows})
            for lv in levels[1:]:
                cols.append([1.0 if r[f] == lv else 0.0 for r in rows])
    X = np.array(cols).T
    y = np.array([1.0 if r['Churn'] == 'Yes' else 0.0 for r in rows])
    aucs = []
    for tr, te in StratifiedKFold(5).split(X, y):
        sc = StandardScaler().fit(X[tr])
        m = LogisticRegression(C=1.0, solver='newton-cholesky', tol=1e-10, max_iter=1000)
        m.fit(sc.transform(X[tr]), y[tr])
        aucs.append(roc_auc_score(y[te], m.predict_proba(sc.transform(X[te]))[:, 1]))
    sc = StandardScaler().fit(X)
    LogisticRegression(C=1.0, solver='newton-cholesky', tol=1e-10, max_iter=1000).fit(sc.transform(X), y)
    return float(np.mean(aucs))


best = float('inf')
for _ in range(repeats):
    t0 = time.perf_counter()
    auc = run()
    best = min(best, (time.perf_counter() - t0) * 1000)
print(json.dumps({'ms': best, 'auc': auc}))
