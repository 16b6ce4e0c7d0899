-- Reports filtered to a unit subtree (issue 11, "far under DuckDB filtered"). The grains' keys
-- put the period before the unit (a whole-organisation read walks one period's rows for every
-- unit), so one branch over 31 days walked every unit's rows of those days and weeks and kept
-- 1 in 200: 3 ms of an 8 ms league on PostgreSQL at 1M responses, and a cost estimate high
-- enough for a parallel plan whose start-up alone took 8 ms. With the unit first, a subtree
-- reads only its own rows (one index range per unit of the subtree).
CREATE INDEX analytics_daily_org_unit_tag_day ON analytics_daily (org_id, unit_id, tag, day);
CREATE INDEX analytics_monthly_org_unit_tag_month
  ON analytics_monthly (org_id, unit_id, tag, month);
CREATE INDEX analytics_servqual_weekly_org_unit_week
  ON analytics_servqual_weekly (org_id, unit_id, week);
CREATE INDEX analytics_servqual_unit_weekly_org_unit_week
  ON analytics_servqual_unit_weekly (org_id, unit_id, week);
CREATE INDEX analytics_servqual_monthly_org_unit_month
  ON analytics_servqual_monthly (org_id, unit_id, month);
CREATE INDEX analytics_servqual_unit_monthly_org_unit_month
  ON analytics_servqual_unit_monthly (org_id, unit_id, month);
