-- Week grain of the SERVQUAL sums (issue 11, scale). A report over a range that crosses months
-- read its partial months from the day grain: at 1M responses over 200 units and 3 channels
-- that is ~16.8k rows a day, so 31 days across two months read ~520k rows. ISO weeks (Monday
-- first) now sit between the months and the days: the reads take whole months from the monthly
-- rollups, whole weeks inside the edges from these, and at most 6 days on each side from the
-- day grain (analytics/grains.ts). Same columns and k layout as migration 504, per channel and
-- over all channels (read when no channel filter applies), kept by the same statement trigger
-- on the day grain as the monthly rollups.

CREATE TABLE analytics_servqual_weekly (
  org_id     uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  survey_id  uuid NOT NULL,
  week       date NOT NULL, -- the Monday
  unit_id    uuid NOT NULL,
  channel    text NOT NULL,
  k          smallint NOT NULL,
  c1         double precision NOT NULL DEFAULT 0,
  c2         double precision NOT NULL DEFAULT 0,
  c3         double precision NOT NULL DEFAULT 0,
  c4         double precision NOT NULL DEFAULT 0,
  c5         double precision NOT NULL DEFAULT 0,
  c6         double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, survey_id, week, unit_id, channel, k)
);
CREATE INDEX analytics_servqual_weekly_org_week ON analytics_servqual_weekly (org_id, week);

CREATE TABLE analytics_servqual_unit_weekly (
  org_id     uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  survey_id  uuid NOT NULL,
  week       date NOT NULL,
  unit_id    uuid NOT NULL,
  k          smallint NOT NULL,
  c1         double precision NOT NULL DEFAULT 0,
  c2         double precision NOT NULL DEFAULT 0,
  c3         double precision NOT NULL DEFAULT 0,
  c4         double precision NOT NULL DEFAULT 0,
  c5         double precision NOT NULL DEFAULT 0,
  c6         double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, survey_id, week, unit_id, k)
);
CREATE INDEX analytics_servqual_unit_weekly_org_week
  ON analytics_servqual_unit_weekly (org_id, week);

-- Every rollup of the day grain in one statement per event: the signed day rows summed per
-- month and per week (HAVING: a change that cancels out writes nothing), each per channel and
-- over all channels.
CREATE OR REPLACE FUNCTION fid_sq_monthly_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE src text;
BEGIN
  src := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS s, * FROM new_rows'
    WHEN 'UPDATE' THEN 'SELECT 1 AS s, * FROM new_rows UNION ALL SELECT -1 AS s, * FROM old_rows'
    ELSE 'SELECT -1 AS s, * FROM old_rows' END;
  EXECUTE format($q$
    WITH x AS (
      SELECT y.org_id, y.survey_id, (y.day - (extract(day FROM y.day)::int - 1)) AS month,
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

-- The aggregate tables the rebuild empties before recomputing them (a later grain adds its
-- tables here, not a copy of the rebuild). The day grains go first: their statement triggers
-- would otherwise subtract from emptied rollups.
CREATE FUNCTION fid_analytics_clear(org uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM analytics_daily WHERE org IS NULL OR org_id = org;
  DELETE FROM analytics_servqual_daily WHERE org IS NULL OR org_id = org;
  DELETE FROM analytics_monthly WHERE org IS NULL OR org_id = org;
  DELETE FROM analytics_servqual_monthly WHERE org IS NULL OR org_id = org;
  DELETE FROM analytics_servqual_unit_monthly WHERE org IS NULL OR org_id = org;
  DELETE FROM analytics_servqual_weekly WHERE org IS NULL OR org_id = org;
  DELETE FROM analytics_servqual_unit_weekly WHERE org IS NULL OR org_id = org;
  DELETE FROM survey_response_counts WHERE org IS NULL OR org_id = org;
END $$;

CREATE OR REPLACE FUNCTION fid_analytics_rebuild(org uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE ids uuid[]; orgs uuid[]; last_org uuid := '00000000-0000-0000-0000-000000000000';
        last_id uuid := '00000000-0000-0000-0000-000000000000';
BEGIN
  PERFORM fid_analytics_clear(org);
  LOOP
    SELECT array_agg(k.id), array_agg(k.org_id) INTO ids, orgs FROM (
      SELECT r.org_id, r.id FROM survey_responses r
       WHERE (org IS NULL OR r.org_id = org) AND (r.org_id, r.id) > (last_org, last_id)
       ORDER BY r.org_id, r.id LIMIT 2000) k;
    EXIT WHEN ids IS NULL;
    PERFORM fid_analytics_apply('{}', '{}', fid_an_resp_of(ids, orgs),
                                fid_an_ans_of(ids, orgs), true);
    PERFORM fid_sq_apply('{}', '{}', fid_an_resp_of(ids, orgs), fid_sq_ans_of(ids, orgs));
    last_org := orgs[cardinality(orgs)];
    last_id := ids[cardinality(ids)];
  END LOOP;
END $$;

-- The weeks of the data already there, from the day grain (set-based: a 1M-response install
-- sums its ~6M day rows once instead of recomputing every answer).
INSERT INTO analytics_servqual_weekly (org_id, survey_id, week, unit_id, channel, k,
                                       c1, c2, c3, c4, c5, c6)
SELECT org_id, survey_id, day - (extract(isodow FROM day)::int - 1), unit_id, channel, k,
       sum(c1), sum(c2), sum(c3), sum(c4), sum(c5), sum(c6)
  FROM analytics_servqual_daily GROUP BY 1, 2, 3, 4, 5, 6
HAVING sum(c1) <> 0 OR sum(c2) <> 0 OR sum(c3) <> 0 OR sum(c4) <> 0 OR sum(c5) <> 0
    OR sum(c6) <> 0;
INSERT INTO analytics_servqual_unit_weekly (org_id, survey_id, week, unit_id, k,
                                            c1, c2, c3, c4, c5, c6)
SELECT org_id, survey_id, week, unit_id, k, sum(c1), sum(c2), sum(c3), sum(c4), sum(c5), sum(c6)
  FROM analytics_servqual_weekly GROUP BY 1, 2, 3, 4, 5;
