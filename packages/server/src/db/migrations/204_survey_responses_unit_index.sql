-- Raw-row reads filtered to a unit subtree (issue 11, "far under DuckDB filtered"): drivers,
-- derived IPA, comment themes and perceived value of a small scope read all its responses, and
-- the drill-down pages through them. Without a unit key they walked the survey's date index
-- over every unit and kept 1 in 200 (one branch over 31 days of a 1M-response year: 84,931
-- index entries read for 425 responses, 14.7 ms on PostgreSQL). Same order as the drill-down's
-- index (migration 203), with the unit after the survey; partial like it (drafts never reach
-- analytics).
CREATE INDEX survey_responses_unit_at
  ON survey_responses (org_id, survey_id, org_unit_id, (coalesce(submitted_at, created_at)) DESC, id DESC)
  WHERE status = 'complete';

-- The response time is an expression (coalesce): without statistics on it the planner took any
-- range as 0.5 % of the rows (5,000 of 1M for 31 days holding 85,000) and walked a sampled
-- report's range through the date index, sorting all 85,000 by hash (57 ms), where the sample
-- index finds the 2,001 it needs in 10 ms. The expression's histogram puts the estimate at 83k.
CREATE STATISTICS survey_responses_at_stats ON (coalesce(submitted_at, created_at))
  FROM survey_responses;
ANALYZE survey_responses;
