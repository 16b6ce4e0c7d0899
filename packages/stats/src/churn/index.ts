// Churn for contractual customers (issue 7). Stable public surface used by the retention module:
//   analyzeChurn(data, opts)      fit + stratified k-fold CV AUC + calibration + drivers
//   crossValidateChurn / churnDrivers / predictChurn(model, record)  (model is plain JSON)
//   fitLogistic, rocAuc, stratifiedFolds, brierScore, logLoss, reliabilityTable,
//   fitIsotonic, fitPlatt, applyCalibrator   (building blocks, also tested alone)
export * from './logistic';
export * from './metrics';
export * from './model';
