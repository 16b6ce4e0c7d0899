// Retention analytics for the retention product: cohort curves by first-purchase month.
export * from './cohorts';
