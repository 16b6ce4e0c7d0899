-- SERVQUAL sums maintained as answers arrive (issue 11, scale): the SERVQUAL report, the branch
-- league and the overview's gap tile read these instead of every raw E/P answer (44 per
-- respondent, 44M rows at 1M responses).
--
-- analytics_servqual_daily: per survey x UTC day x org unit x channel (the keys of
-- analytics_daily) and k, six sums, over COMPLETE responses. They are the state of the stats
-- package's ServqualAccumulator (SERVQUAL_SUM_COLUMNS), in long form so a year reads a few
-- rows per unit:
--   k = 1..22 (item):          c1 pairs (E and P both given), c2 sum E over pairs, c3 sum P over
--                              pairs, c4 sum (P - E)^2 over pairs, c5 / c6 sum P / P^2 over the
--                              respondents complete on the item's dimension (Cronbach's alpha)
--   k = 101..105 (dimension):  c1 complete respondents, c2 / c3 sum of their dimension total /
--                              total^2, c4 sum of weight points (respondents with all five weights)
--   k = 0 (respondent):        c1 respondents with five weights, c2 respondents with a respondent
--                              gap (every dimension with a pair), c3 / c4 sum of 300 x that gap /
--                              its square (300 x the mean of five means of 1-5 integer gaps is
--                              the integer sum of 60 x S_j / n_j: exact, so sums do not depend
--                              on the order rows arrive in),
--                              c5 respondents with any SERVQUAL answer
-- One answer per tag and response is assumed (a survey validates its tags); with duplicates the
-- largest value counts. analytics_servqual_monthly: the same per calendar month, kept by
-- statement triggers on the day grain (as migration 503 does for analytics_daily), and
-- analytics_servqual_unit_monthly the same over all channels.
--
-- The triggers mirror migration 500's: for the responses a statement touches, the contribution
-- of the world before it and of the world after it, applied as the difference. A statement that
-- touches no SERVQUAL or importance answer costs one EXISTS over its transition table.

CREATE TABLE analytics_servqual_daily (
  org_id     uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  survey_id  uuid NOT NULL,
  day        date NOT NULL,
  unit_id    uuid NOT NULL,
  channel    text NOT NULL,
  k          smallint NOT NULL,
  c1         double precision NOT NULL DEFAULT 0,
  c2         double precision NOT NULL DEFAULT 0,
  c3         double precision NOT NULL DEFAULT 0,
  c4         double precision NOT NULL DEFAULT 0,
  c5         double precision NOT NULL DEFAULT 0,
  c6         double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, survey_id, day, unit_id, channel, k)
);
CREATE INDEX analytics_servqual_daily_org_day ON analytics_servqual_daily (org_id, day);
-- A unit subtree over a few days (the overview and reports filtered by unit) reads only its rows.
CREATE INDEX analytics_servqual_daily_org_unit_day
  ON analytics_servqual_daily (org_id, unit_id, day);

CREATE TABLE analytics_servqual_monthly (
  org_id     uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  survey_id  uuid NOT NULL,
  month      date NOT NULL,
  unit_id    uuid NOT NULL,
  channel    text NOT NULL,
  k          smallint NOT NULL,
  c1         double precision NOT NULL DEFAULT 0,
  c2         double precision NOT NULL DEFAULT 0,
  c3         double precision NOT NULL DEFAULT 0,
  c4         double precision NOT NULL DEFAULT 0,
  c5         double precision NOT NULL DEFAULT 0,
  c6         double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, survey_id, month, unit_id, channel, k)
);
CREATE INDEX analytics_servqual_monthly_org_month ON analytics_servqual_monthly (org_id, month);

CREATE TABLE analytics_servqual_unit_monthly (
  org_id     uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  survey_id  uuid NOT NULL,
  month      date NOT NULL,
  unit_id    uuid NOT NULL,
  k          smallint NOT NULL,
  c1         double precision NOT NULL DEFAULT 0,
  c2         double precision NOT NULL DEFAULT 0,
  c3         double precision NOT NULL DEFAULT 0,
  c4         double precision NOT NULL DEFAULT 0,
  c5         double precision NOT NULL DEFAULT 0,
  c6         double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, survey_id, month, unit_id, k)
);
CREATE INDEX analytics_servqual_unit_monthly_org_month
  ON analytics_servqual_unit_monthly (org_id, month);

-- Dimension (1..5) of a SERVQUAL item (1..22): tangibles 1-4, reliability 5-9, responsiveness
-- 10-13, assurance 14-17, empathy 18-22.
CREATE FUNCTION fid_sq_dim(k int) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN k <= 4 THEN 1 WHEN k <= 9 THEN 2 WHEN k <= 13 THEN 3 WHEN k <= 17 THEN 4
              ELSE 5 END
$$;

-- The SERVQUAL and importance answers of some responses (the only ones these sums read).
CREATE FUNCTION fid_sq_ans_of(ids uuid[], orgs uuid[]) RETURNS fid_an_ans[]
LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(ROW(a.org_id, a.response_id, a.question_key, a.item, a.tag,
                                a.num)::fid_an_ans), '{}')
    FROM survey_answers a
    JOIN unnest(orgs, ids) AS k(o, i) ON a.org_id = k.o AND a.response_id = k.i
   WHERE a.tag LIKE 'servqual:%' OR a.tag LIKE 'importance:%'
$$;

-- Contribution rows of a set of responses and their answers (sign +1 or -1), grouped.
CREATE FUNCTION fid_sq_contrib(rs fid_an_resp[], an fid_an_ans[], sign int)
RETURNS TABLE (org_id uuid, survey_id uuid, day date, unit_id uuid, channel text, k int,
               c1 double precision, c2 double precision, c3 double precision,
               c4 double precision, c5 double precision, c6 double precision)
-- The arrays are parameters, so the planner cannot see their sizes and would join a batch of
-- thousands of answers to its responses by nested loops: hash joins are forced instead. That
-- inflates the plan's cost past jit_above_cost, and compiling it would take ~1 s: no JIT.
LANGUAGE sql STABLE SET enable_nestloop = off SET jit = off AS $$
  WITH r AS (
    SELECT x.org_id, x.id, x.survey_id, (x.at AT TIME ZONE 'UTC')::date AS day,
           coalesce(x.unit_id, '00000000-0000-0000-0000-000000000000'::uuid) AS unit_id,
           x.channel
      FROM unnest(rs) x WHERE x.status = 'complete'),
  a AS (
    SELECT y.org_id, y.response_id, y.tag, y.num FROM unnest(an) y
     WHERE y.num IS NOT NULL AND (y.tag LIKE 'servqual:%' OR y.tag LIKE 'importance:%')),
  it AS (
    SELECT x.org_id, x.response_id, x.k, fid_sq_dim(x.k) AS j, x.e, x.p FROM (
      SELECT a.org_id, a.response_id, split_part(a.tag, ':', 3)::int AS k,
             max(a.num) FILTER (WHERE a.tag LIKE 'servqual:E:%') AS e,
             max(a.num) FILTER (WHERE a.tag LIKE 'servqual:P:%') AS p
        FROM a WHERE a.tag ~ '^servqual:[EP]:[0-9]{1,9}$' GROUP BY 1, 2, 3) x
     WHERE x.k BETWEEN 1 AND 22),
  dm AS (
    SELECT it.org_id, it.response_id, it.j, count(it.p) = (ARRAY[4, 5, 4, 4, 5])[it.j] AS complete,
           sum(it.p) AS total, 60 * sum(it.p - it.e) / count(it.p - it.e) AS dgap
      FROM it GROUP BY 1, 2, 3),
  w AS (
    SELECT x.org_id, x.response_id, array_agg(x.num ORDER BY x.j) AS pts FROM (
      SELECT a.org_id, a.response_id,
             array_position(ARRAY['tangibles', 'reliability', 'responsiveness', 'assurance',
                                  'empathy'], substr(a.tag, 12)) AS j,
             max(a.num) AS num
        FROM a WHERE a.tag LIKE 'importance:%' GROUP BY 1, 2, 3) x
     WHERE x.j IS NOT NULL GROUP BY 1, 2 HAVING count(*) = 5),
  rg AS (
    SELECT dm.org_id, dm.response_id,
           CASE WHEN count(dm.dgap) = 5 THEN sum(dm.dgap) END AS g
      FROM dm GROUP BY 1, 2),
  c AS (
    SELECT it.org_id, it.response_id, it.k,
           CASE WHEN it.e IS NOT NULL AND it.p IS NOT NULL THEN 1 ELSE 0 END::float8 AS c1,
           CASE WHEN it.e IS NOT NULL AND it.p IS NOT NULL THEN it.e ELSE 0 END AS c2,
           CASE WHEN it.e IS NOT NULL AND it.p IS NOT NULL THEN it.p ELSE 0 END AS c3,
           coalesce((it.p - it.e) * (it.p - it.e), 0) AS c4,
           CASE WHEN dm.complete THEN it.p ELSE 0 END AS c5,
           CASE WHEN dm.complete THEN it.p * it.p ELSE 0 END AS c6
      FROM it JOIN dm ON dm.org_id = it.org_id AND dm.response_id = it.response_id
                     AND dm.j = it.j
    UNION ALL
    SELECT dm.org_id, dm.response_id, 100 + dm.j, 1, dm.total, dm.total * dm.total, 0, 0, 0
      FROM dm WHERE dm.complete
    UNION ALL
    SELECT w.org_id, w.response_id, 100 + g.j::int, 0, 0, 0, g.v, 0, 0
      FROM w, unnest(w.pts) WITH ORDINALITY AS g(v, j)
    UNION ALL
    SELECT coalesce(rg.org_id, w.org_id), coalesce(rg.response_id, w.response_id), 0,
           CASE WHEN w.pts IS NULL THEN 0 ELSE 1 END, CASE WHEN rg.g IS NULL THEN 0 ELSE 1 END,
           coalesce(rg.g, 0), coalesce(rg.g * rg.g, 0),
           CASE WHEN rg.response_id IS NULL THEN 0 ELSE 1 END, 0
      FROM rg FULL JOIN w ON w.org_id = rg.org_id AND w.response_id = rg.response_id)
  SELECT r.org_id, r.survey_id, r.day, r.unit_id, r.channel, c.k,
         sign * sum(c.c1), sign * sum(c.c2), sign * sum(c.c3), sign * sum(c.c4),
         sign * sum(c.c5), sign * sum(c.c6)
    FROM c JOIN r ON r.org_id = c.org_id AND r.id = c.response_id
   GROUP BY 1, 2, 3, 4, 5, 6
$$;

-- Applies after - before (keys sorted so concurrent batches lock rows in the same order).
CREATE FUNCTION fid_sq_apply(rb fid_an_resp[], ab fid_an_ans[], ra fid_an_resp[],
                             aa fid_an_ans[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO analytics_servqual_daily AS t (org_id, survey_id, day, unit_id, channel, k,
                                             c1, c2, c3, c4, c5, c6)
  SELECT c.org_id, c.survey_id, c.day, c.unit_id, c.channel, c.k, sum(c.c1), sum(c.c2),
         sum(c.c3), sum(c.c4), sum(c.c5), sum(c.c6)
    FROM (SELECT * FROM fid_sq_contrib(ra, aa, 1)
          UNION ALL SELECT * FROM fid_sq_contrib(rb, ab, -1)) c
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(c.c1) <> 0 OR sum(c.c2) <> 0 OR sum(c.c3) <> 0 OR sum(c.c4) <> 0
      OR sum(c.c5) <> 0 OR sum(c.c6) <> 0
   ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (org_id, survey_id, day, unit_id, channel, k) DO UPDATE SET
    c1 = t.c1 + excluded.c1, c2 = t.c2 + excluded.c2, c3 = t.c3 + excluded.c3,
    c4 = t.c4 + excluded.c4, c5 = t.c5 + excluded.c5, c6 = t.c6 + excluded.c6
$$;

-- Answers: responses unchanged; before = current answers minus the new rows plus the old ones.
CREATE FUNCTION fid_sq_answers_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[]; orgs uuid[]; rs fid_an_resp[]; cur fid_an_ans[];
  o fid_an_ans[] := '{}'; nw fid_an_ans[] := '{}'; before_n bigint;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT coalesce(array_agg(ROW(x.org_id, x.response_id, x.question_key, x.item, x.tag,
                                  x.num)::fid_an_ans), '{}') INTO o
      FROM old_rows x WHERE x.tag LIKE 'servqual:%' OR x.tag LIKE 'importance:%';
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    SELECT coalesce(array_agg(ROW(x.org_id, x.response_id, x.question_key, x.item, x.tag,
                                  x.num)::fid_an_ans), '{}') INTO nw
      FROM new_rows x WHERE x.tag LIKE 'servqual:%' OR x.tag LIKE 'importance:%';
  END IF;
  IF cardinality(o) = 0 AND cardinality(nw) = 0 THEN RETURN NULL; END IF;
  SELECT array_agg(k.response_id), array_agg(k.org_id) INTO ids, orgs
    FROM (SELECT DISTINCT x.org_id, x.response_id FROM unnest(o || nw) x) k;
  rs := fid_an_resp_of(ids, orgs);
  IF cardinality(rs) = 0 THEN RETURN NULL; END IF; -- cascade of a deleted response
  cur := fid_sq_ans_of(ids, orgs);
  IF TG_OP = 'INSERT' AND cardinality(cur) = cardinality(nw) THEN
    -- New responses (submit, import): nothing of theirs existed before, one pass.
    PERFORM fid_sq_apply('{}', '{}', rs, cur);
    RETURN NULL;
  END IF;
  PERFORM fid_sq_apply(
    rs,
    ARRAY(SELECT c FROM unnest(cur) c
           WHERE NOT EXISTS (SELECT 1 FROM unnest(nw) x
                              WHERE x.org_id = c.org_id AND x.response_id = c.response_id
                                AND x.question_key = c.question_key AND x.item = c.item))
      || o,
    rs, cur);
  RETURN NULL;
END $$;

CREATE TRIGGER analytics_sq_answers_ins AFTER INSERT ON survey_answers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fid_sq_answers_trg();
CREATE TRIGGER analytics_sq_answers_upd AFTER UPDATE ON survey_answers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fid_sq_answers_trg();
CREATE TRIGGER analytics_sq_answers_del AFTER DELETE ON survey_answers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fid_sq_answers_trg();

-- Responses updated: the answers stay, the response's status / time / unit / channel change.
CREATE FUNCTION fid_sq_responses_upd_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  rb fid_an_resp[]; ra fid_an_resp[]; ids uuid[]; orgs uuid[]; cur fid_an_ans[];
BEGIN
  SELECT coalesce(array_agg(ROW(o.org_id, o.id, o.survey_id, o.version, o.status, o.channel,
                  o.org_unit_id, coalesce(o.submitted_at, o.created_at))::fid_an_resp), '{}'),
         coalesce(array_agg(ROW(n.org_id, n.id, n.survey_id, n.version, n.status, n.channel,
                  n.org_unit_id, coalesce(n.submitted_at, n.created_at))::fid_an_resp), '{}'),
         array_agg(n.id), array_agg(n.org_id)
    INTO rb, ra, ids, orgs
    FROM old_rows o JOIN new_rows n ON n.org_id = o.org_id AND n.id = o.id
   WHERE (o.survey_id, o.status, o.channel, o.org_unit_id,
          (coalesce(o.submitted_at, o.created_at) AT TIME ZONE 'UTC')::date)
         IS DISTINCT FROM (n.survey_id, n.status, n.channel, n.org_unit_id,
          (coalesce(n.submitted_at, n.created_at) AT TIME ZONE 'UTC')::date);
  IF ids IS NULL THEN RETURN NULL; END IF;
  cur := fid_sq_ans_of(ids, orgs);
  IF cardinality(cur) = 0 THEN RETURN NULL; END IF;
  PERFORM fid_sq_apply(rb, cur, ra, cur);
  RETURN NULL;
END $$;

-- Responses deleted: per row BEFORE the delete, while its answers still exist.
CREATE FUNCTION fid_sq_responses_del_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE cur fid_an_ans[];
BEGIN
  IF OLD.status <> 'complete' THEN RETURN OLD; END IF;
  cur := fid_sq_ans_of(ARRAY[OLD.id], ARRAY[OLD.org_id]);
  IF cardinality(cur) = 0 THEN RETURN OLD; END IF;
  PERFORM fid_sq_apply(
    ARRAY[ROW(OLD.org_id, OLD.id, OLD.survey_id, OLD.version, OLD.status, OLD.channel,
              OLD.org_unit_id, coalesce(OLD.submitted_at, OLD.created_at))::fid_an_resp],
    cur, '{}', '{}');
  RETURN OLD;
END $$;

CREATE TRIGGER analytics_sq_responses_upd AFTER UPDATE ON survey_responses
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fid_sq_responses_upd_trg();
CREATE TRIGGER analytics_sq_responses_del BEFORE DELETE ON survey_responses
  FOR EACH ROW EXECUTE FUNCTION fid_sq_responses_del_trg();

-- The monthly rollups follow every change of the day grain in the same statement: per channel,
-- and over all channels (analytics_servqual_unit_monthly, a third of the rows, read whenever no
-- channel filter applies: the league over a year groups 67k rows instead of 202k). One
-- statement per event over the signed day rows (the transition tables are visible to EXECUTE).
CREATE FUNCTION fid_sq_monthly_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE src text;
BEGIN
  src := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS s, * FROM new_rows'
    WHEN 'UPDATE' THEN 'SELECT 1 AS s, * FROM new_rows UNION ALL SELECT -1 AS s, * FROM old_rows'
    ELSE 'SELECT -1 AS s, * FROM old_rows' END;
  EXECUTE format($q$
    WITH d AS (
      SELECT x.org_id, x.survey_id, (x.day - (extract(day FROM x.day)::int - 1)) AS month,
             x.unit_id, x.channel, x.k, sum(x.s * x.c1) AS c1, sum(x.s * x.c2) AS c2,
             sum(x.s * x.c3) AS c3, sum(x.s * x.c4) AS c4, sum(x.s * x.c5) AS c5,
             sum(x.s * x.c6) AS c6
        FROM (%s) x GROUP BY 1, 2, 3, 4, 5, 6
      HAVING sum(x.s * x.c1) <> 0 OR sum(x.s * x.c2) <> 0 OR sum(x.s * x.c3) <> 0
          OR sum(x.s * x.c4) <> 0 OR sum(x.s * x.c5) <> 0 OR sum(x.s * x.c6) <> 0),
    m AS (
      INSERT INTO analytics_servqual_monthly AS t (org_id, survey_id, month, unit_id, channel, k,
                                                   c1, c2, c3, c4, c5, c6)
      SELECT * FROM d ORDER BY 1, 2, 3, 4, 5, 6
      ON CONFLICT (org_id, survey_id, month, unit_id, channel, k) DO UPDATE SET
        c1 = t.c1 + excluded.c1, c2 = t.c2 + excluded.c2, c3 = t.c3 + excluded.c3,
        c4 = t.c4 + excluded.c4, c5 = t.c5 + excluded.c5, c6 = t.c6 + excluded.c6)
    INSERT INTO analytics_servqual_unit_monthly AS t (org_id, survey_id, month, unit_id, k,
                                                      c1, c2, c3, c4, c5, c6)
    SELECT d.org_id, d.survey_id, d.month, d.unit_id, d.k, sum(d.c1), sum(d.c2), sum(d.c3),
           sum(d.c4), sum(d.c5), sum(d.c6)
      FROM d GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (org_id, survey_id, month, unit_id, k) DO UPDATE SET
      c1 = t.c1 + excluded.c1, c2 = t.c2 + excluded.c2, c3 = t.c3 + excluded.c3,
      c4 = t.c4 + excluded.c4, c5 = t.c5 + excluded.c5, c6 = t.c6 + excluded.c6
  $q$, src);
  RETURN NULL;
END $$;

CREATE TRIGGER analytics_sq_monthly_ins AFTER INSERT ON analytics_servqual_daily
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fid_sq_monthly_trg();
CREATE TRIGGER analytics_sq_monthly_upd AFTER UPDATE ON analytics_servqual_daily
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fid_sq_monthly_trg();
CREATE TRIGGER analytics_sq_monthly_del AFTER DELETE ON analytics_servqual_daily
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fid_sq_monthly_trg();

-- The rebuild (fidelia analytics rebuild, restore) recomputes these sums too, in the same
-- chunks of 2,000 responses as the other aggregates.
CREATE OR REPLACE FUNCTION fid_analytics_rebuild(org uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE ids uuid[]; orgs uuid[]; last_org uuid := '00000000-0000-0000-0000-000000000000';
        last_id uuid := '00000000-0000-0000-0000-000000000000';
BEGIN
  DELETE FROM analytics_daily WHERE org IS NULL OR org_id = org;
  DELETE FROM analytics_monthly WHERE org IS NULL OR org_id = org;
  DELETE FROM analytics_servqual_daily WHERE org IS NULL OR org_id = org;
  DELETE FROM analytics_servqual_monthly WHERE org IS NULL OR org_id = org;
  DELETE FROM analytics_servqual_unit_monthly WHERE org IS NULL OR org_id = org;
  DELETE FROM survey_response_counts WHERE org IS NULL OR org_id = org;
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

-- Fill the sums for the data already there (the rebuild recomputes every aggregate, which also
-- checks the older ones).
SELECT fid_analytics_rebuild(NULL);
