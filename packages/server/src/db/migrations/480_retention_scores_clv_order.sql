-- The best-customer and at-risk lists (and the home overview's at-risk tile, every page view)
-- order a run's scores by `clv DESC NULLS LAST` (customers without a CLV last). The index of
-- migration 400 was `clv DESC`, which puts NULLs first: it cannot give that order, so each
-- list sorted the whole run: at 1M scored customers, 528 ms a list on PostgreSQL and 3 s on
-- PGlite, and the home overview with it; 4-7 ms with the order in the index
-- (bench/retention-lists.ts, bench/RESULTS.md).
CREATE INDEX retention_scores_clv_order_idx
  ON retention_scores (org_id, run_id, clv DESC NULLS LAST);
DROP INDEX retention_scores_clv_idx;
