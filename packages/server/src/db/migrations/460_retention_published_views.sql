-- Published view of the retention module: each customer's current loyalty tier, for the
-- analytics NPS/CSAT breakdown by tier (groupBy=tier). Read-only for other modules.
CREATE VIEW pub_retention_customer_tiers AS
  SELECT org_id, customer_id, tier
    FROM retention_customer_tiers;
