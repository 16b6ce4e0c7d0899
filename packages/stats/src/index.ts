// Public surface of @fidelia/stats. Each area keeps its own barrel so that areas grow independently.
//
// Stable exports used by the retention product (server module + jobs); extend, don't rename:
//  churn/      analyzeChurn(data, opts) → { n, dropped, cv: { auc, folds, uncalibrated,
//              calibrated }, model, drivers }; predictChurn(model, record) → calibrated P(churn);
//              churnDrivers(model); crossValidateChurn; TChurnModel is plain JSON (store it
//              with a version, re-apply anywhere). Building blocks: fitLogistic, rocAuc,
//              stratifiedFolds, brierScore, logLoss, reliabilityTable, fitIsotonic, fitPlatt,
//              applyCalibrator.
//  clv/        fitBgNbd, bgnbdPAlive, bgnbdConditionalExpected, fitGammaGamma, clvValue,
//              rfmScores, summarizeTransactions; calibration/holdout validation:
//              splitCalibrationHoldout(txs, calEndDay, holdoutEndDay?), holdoutByFrequency(params,
//              split), trackingSeries(params, split).
//  retention/  cohortRetention(purchases, { asOfDay, includePartialMonth, maxMonths }) →
//              cohorts by first-purchase month with active/surviving rates + weighted average.
//  quality/    NPS, CSAT, SERVQUAL, alpha, Kano, IPA, drivers, proportionTrend, meanTrend, text;
//              gap1(customersE, managersM), gapCauses(items, rows); scoreAudit(checklist, visits)
//              and scoreAuditVisit(checklist, visit) (the audit module and `fidelia analyze
//              audit` both score with these), auditChecklistProblems, auditAnswerProblem.
export * from './churn/index';
export * from './clv/index';
export * from './core/index';
export * from './quality/index';
export * from './retention/index';
