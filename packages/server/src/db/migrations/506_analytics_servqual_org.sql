-- Whole-organisation SERVQUAL sums (issue 11, scale). A report with no unit or channel filter,
-- read by a user who sees the whole organisation, summed every unit's rows: at 1M responses
-- over 200 units that is 5,600 rows a month and ~17k an edge day, ~110 ms for a year and ~180
-- ms for 10 edge days on PGlite. Here the same sums are kept over all units and channels per
-- day, ISO week (the Monday) and month (the 1st) in one table, so such a report reads 28 rows
-- per part of its range. Same k/c1..c6 layout as migration 504, kept by the same statement
-- trigger on the day grain as the other rollups.
--
-- Every concurrent answer to a survey in an organisation updates the same rows of a day until
-- it commits; the upserts go in key order (no deadlock), and a submission holds them for the
-- rest of its short transaction only.

CREATE TABLE analytics_servqual_org (
  org_id     uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  survey_id  uuid NOT NULL,
  grain      text NOT NULL CHECK (grain IN ('day', 'week', 'month')),
  at         date NOT NULL, -- the day, the week's Monday or the month's 1st
  k          smallint NOT NULL,
  c1         double precision NOT NULL DEFAULT 0,
  c2         double precision NOT NULL DEFAULT 0,
  c3         double precision NOT NULL DEFAULT 0,
  c4         double precision NOT NULL DEFAULT 0,
  c5         double precision NOT NULL DEFAULT 0,
  c6         double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, survey_id, grain, at, k)
);
CREATE INDEX analytics_servqual_org_at ON analytics_servqual_org (org_id, grain, at);

-- The rollups of migration 505 plus the organisation's, in one statement per event.
CREATE OR REPLACE FUNCTION fid_sq_monthly_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE src text;
BEGIN
  src := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS s, * FROM new_rows'
    WHEN 'UPDATE' THEN 'SELECT 1 AS s, * FROM new_rows UNION ALL SELECT -1 AS s, * FROM old_rows'
    ELSE 'SELECT -1 AS s, * FROM old_rows' END;
  EXECUTE format($q$
    WITH x AS (
      SELECT y.org_id, y.survey_id, y.day, (y.day - (extract(day FROM y.day)::int - 1)) AS month,
             (y.day - (extract(isodow FROM y.day)::int - 1)) AS week, y.unit_id, y.channel,
             y.k, y.s * y.c1 AS c1, y.s * y.c2 AS c2, y.s * y.c3 AS c3, y.s * y.c4 AS c4,
             y.s * y.c5 AS c5, y.s * y.c6 AS c6
        FROM (%s) y),
    dm AS (
      SELECT org_id, survey_id, month, unit_id, channel, k, sum(c1) AS c1, sum(c2) AS c2,
             sum(c3) AS c3, sum(c4) AS c4, sum(c5) AS c5, sum(c6) AS c6
        FROM x GROUP BY 1, 2, 3, 4, 5, 6
      HAVING sum(c1) <> 0 OR sum(c2) <> 0 OR sum(c3) <> 0 OR sum(c4) <> 0 OR sum(c5) <> 0
          OR sum(c6) <> 0),
    dw AS (
      SELECT org_id, survey_id, week, unit_id, channel, k, sum(c1) AS c1, sum(c2) AS c2,
             sum(c3) AS c3, sum(c4) AS c4, sum(c5) AS c5, sum(c6) AS c6
        FROM x GROUP BY 1, 2, 3, 4, 5, 6
      HAVING sum(c1) <> 0 OR sum(c2) <> 0 OR sum(c3) <> 0 OR sum(c4) <> 0 OR sum(c5) <> 0
          OR sum(c6) <> 0),
    m AS (
      INSERT INTO analytics_servqual_monthly AS t (org_id, survey_id, month, unit_id, channel, k,
                                                   c1, c2, c3, c4, c5, c6)
      SELECT * FROM dm ORDER BY 1, 2, 3, 4, 5, 6
      ON CONFLICT (org_id, survey_id, month, unit_id, channel, k) DO UPDATE SET
        c1 = t.c1 + excluded.c1, c2 = t.c2 + excluded.c2, c3 = t.c3 + excluded.c3,
        c4 = t.c4 + excluded.c4, c5 = t.c5 + excluded.c5, c6 = t.c6 + excluded.c6),
    um AS (
      INSERT INTO analytics_servqual_unit_monthly AS t (org_id, survey_id, month, unit_id, k,
                                                        c1, c2, c3, c4, c5, c6)
      SELECT org_id, survey_id, month, unit_id, k, sum(c1), sum(c2), sum(c3), sum(c4), sum(c5),
             sum(c6)
        FROM dm GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (org_id, survey_id, month, unit_id, k) DO UPDATE SET
        c1 = t.c1 + excluded.c1, c2 = t.c2 + excluded.c2, c3 = t.c3 + excluded.c3,
        c4 = t.c4 + excluded.c4, c5 = t.c5 + excluded.c5, c6 = t.c6 + excluded.c6),
    w AS (
      INSERT INTO analytics_servqual_weekly AS t (org_id, survey_id, week, unit_id, channel, k,
                                                  c1, c2, c3, c4, c5, c6)
      SELECT * FROM dw ORDER BY 1, 2, 3, 4, 5, 6
      ON CONFLICT (org_id, survey_id, week, unit_id, channel, k) DO UPDATE SET
        c1 = t.c1 + excluded.c1, c2 = t.c2 + excluded.c2, c3 = t.c3 + excluded.c3,
        c4 = t.c4 + excluded.c4, c5 = t.c5 + excluded.c5, c6 = t.c6 + excluded.c6),
    o AS (
      INSERT INTO analytics_servqual_org AS t (org_id, survey_id, grain, at, k,
                                               c1, c2, c3, c4, c5, c6)
      SELECT x.org_id, x.survey_id, g.grain, g.at, x.k, sum(x.c1), sum(x.c2), sum(x.c3),
             sum(x.c4), sum(x.c5), sum(x.c6)
        FROM x CROSS JOIN LATERAL (VALUES ('day', x.day), ('week', x.week),
                                          ('month', x.month)) g(grain, at)
       GROUP BY 1, 2, 3, 4, 5
      HAVING sum(x.c1) <> 0 OR sum(x.c2) <> 0 OR sum(x.c3) <> 0 OR sum(x.c4) <> 0
          OR sum(x.c5) <> 0 OR sum(x.c6) <> 0
       ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (org_id, survey_id, grain, at, k) DO UPDATE SET
        c1 = t.c1 + excluded.c1, c2 = t.c2 + excluded.c2, c3 = t.c3 + excluded.c3,
        c4 = t.c4 + excluded.c4, c5 = t.c5 + excluded.c5, c6 = t.c6 + excluded.c6)
    INSERT INTO analytics_servqual_unit_weekly AS t (org_id, survey_id, week, unit_id, k,
                                                     c1, c2, c3, c4, c5, c6)
    SELECT org_id, survey_id, week, unit_id, k, sum(c1), sum(c2), sum(c3), sum(c4), sum(c5),
           sum(c6)
      FROM dw GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (org_id, survey_id, week, unit_id, k) DO UPDATE SET
      c1 = t.c1 + excluded.c1, c2 = t.c2 + excluded.c2, c3 = t.c3 + excluded.c3,
      c4 = t.c4 + excluded.c4, c5 = t.c5 + excluded.c5, c6 = t.c6 + excluded.c6
  $q$, src);
  RETURN NULL;
END $$;


CREATE OR REPLACE FUNCTION fid_analytics_clear(org uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM analytics_daily WHERE org IS NULL OR org_id = org;
  DELETE FROM analytics_servqual_daily WHERE org IS NULL OR org_id = org;
  DELETE FROM analytics_monthly WHERE org IS NULL OR org_id = org;
  DELETE FROM analytics_servqual_monthly WHERE org IS NULL OR org_id = org;
  DELETE FROM analytics_servqual_unit_monthly WHERE org IS NULL OR org_id = org;
  DELETE FROM analytics_servqual_weekly WHERE org IS NULL OR org_id = org;
  DELETE FROM analytics_servqual_unit_weekly WHERE org IS NULL OR org_id = org;
  DELETE FROM analytics_servqual_org WHERE org IS NULL OR org_id = org;
  DELETE FROM survey_response_counts WHERE org IS NULL OR org_id = org;
END $$;

-- The data already there, from the unit rollups (set-based).
INSERT INTO analytics_servqual_org (org_id, survey_id, grain, at, k, c1, c2, c3, c4, c5, c6)
SELECT org_id, survey_id, 'day', day, k, sum(c1), sum(c2), sum(c3), sum(c4), sum(c5), sum(c6)
  FROM analytics_servqual_daily GROUP BY 1, 2, 4, 5
HAVING sum(c1) <> 0 OR sum(c2) <> 0 OR sum(c3) <> 0 OR sum(c4) <> 0 OR sum(c5) <> 0
    OR sum(c6) <> 0;
INSERT INTO analytics_servqual_org (org_id, survey_id, grain, at, k, c1, c2, c3, c4, c5, c6)
SELECT org_id, survey_id, 'week', week, k, sum(c1), sum(c2), sum(c3), sum(c4), sum(c5), sum(c6)
  FROM analytics_servqual_unit_weekly GROUP BY 1, 2, 4, 5
HAVING sum(c1) <> 0 OR sum(c2) <> 0 OR sum(c3) <> 0 OR sum(c4) <> 0 OR sum(c5) <> 0
    OR sum(c6) <> 0;
INSERT INTO analytics_servqual_org (org_id, survey_id, grain, at, k, c1, c2, c3, c4, c5, c6)
SELECT org_id, survey_id, 'month', month, k, sum(c1), sum(c2), sum(c3), sum(c4), sum(c5), sum(c6)
  FROM analytics_servqual_unit_monthly GROUP BY 1, 2, 4, 5
HAVING sum(c1) <> 0 OR sum(c2) <> 0 OR sum(c3) <> 0 OR sum(c4) <> 0 OR sum(c5) <> 0
    OR sum(c6) <> 0;
