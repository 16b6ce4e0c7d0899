-- Contractual churn (issue 7): the refit also fits a logistic churn model on the org's contracts
-- (ended = churned) and stores P(churn) for customers with an active contract.
ALTER TABLE retention_scores ADD COLUMN churn_risk double precision;
ALTER TABLE retention_model_runs ADD COLUMN churn jsonb;
