// Public surface of @fidelia/stats. Each area keeps its own barrel so that areas grow independently.
export * from './churn/index';
export * from './clv/index';
export * from './core/index';
export * from './quality/index';
export * from './retention/index';
