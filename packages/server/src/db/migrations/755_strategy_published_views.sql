-- The strategy module's published read-only view (ARCHITECTURE.md "Cross-module reads"): panel
-- insights link to needs through it.
CREATE VIEW pub_strategy_needs AS
  SELECT id, org_id, segment, customer_group, text, kind, importance FROM strategy_needs;
