-- Analytics aggregates maintained as answers arrive (issue 11).
--
-- analytics_daily: per survey x org unit x day x channel x tag, the sums the dashboards need
-- (count, sum, sum of squares -> mean and variance; NPS/CSAT shares; Kano counts), over
-- COMPLETE responses only. tag '' counts the responses themselves. unit_id uses the nil uuid
-- for "no unit" so it can be part of the key. day = UTC date of coalesce(submitted_at,
-- created_at), the time every analytics filter uses.
--   nps:  hi = promoters (9-10), mid = passives (7-8), lo = detractors (0-6)
--   csat: hi = top-2 box (4-5), mid = 3, lo = 1-2
--   kano:<attr> (one row per answer PAIR): ka..kq = counts per category
-- survey_response_counts: per survey x version x status, every response (the survey list
-- and detail read their counts here instead of count(*) per page).
--
-- Kept exact by statement-level triggers with transition tables (one extra statement per
-- INSERT/UPDATE/DELETE statement, never per row, so the group-committed submit path pays one
-- statement per batch), whichever code path writes: submissions, resumed partials, imports,
-- deletions, erasures. Each trigger computes, for the responses it touches, the contribution
-- of the world before the statement and of the world after it, and applies the difference.
-- `fidelia analytics rebuild` recomputes both tables from scratch (fid_analytics_rebuild).

CREATE TABLE analytics_daily (
  org_id     uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  survey_id  uuid NOT NULL,
  day        date NOT NULL,
  unit_id    uuid NOT NULL,
  channel    text NOT NULL,
  tag        text NOT NULL,
  n          bigint NOT NULL DEFAULT 0,
  sum        double precision NOT NULL DEFAULT 0,
  sumsq      double precision NOT NULL DEFAULT 0,
  hi         bigint NOT NULL DEFAULT 0,
  mid        bigint NOT NULL DEFAULT 0,
  lo         bigint NOT NULL DEFAULT 0,
  ka         bigint NOT NULL DEFAULT 0,
  ko         bigint NOT NULL DEFAULT 0,
  km         bigint NOT NULL DEFAULT 0,
  ki         bigint NOT NULL DEFAULT 0,
  kr         bigint NOT NULL DEFAULT 0,
  kq         bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, survey_id, tag, day, unit_id, channel)
);
-- Overview across surveys by day.
CREATE INDEX analytics_daily_org_day ON analytics_daily (org_id, tag, day);

CREATE TABLE survey_response_counts (
  org_id     uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  survey_id  uuid NOT NULL,
  version    integer NOT NULL,
  status     text NOT NULL,
  n          bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, survey_id, version, status)
);

-- The columns of a response / an answer that aggregates depend on.
CREATE TYPE fid_an_resp AS (
  org_id uuid, id uuid, survey_id uuid, version integer, status text, channel text,
  unit_id uuid, at timestamptz);
CREATE TYPE fid_an_ans AS (
  org_id uuid, response_id uuid, question_key text, item text, tag text, num double precision);

-- Kano evaluation table (functional 1..5 x dysfunctional 1..5 -> A/O/M/I/R/Q), the same as
-- packages/stats kanoClassify (tested against it by the property test).
CREATE FUNCTION fid_kano_class(f double precision, d double precision) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN f IS NULL OR d IS NULL OR f <> trunc(f) OR d <> trunc(d)
                   OR f < 1 OR f > 5 OR d < 1 OR d > 5 THEN NULL
    ELSE (ARRAY['Q','A','A','A','O', 'R','I','I','I','M', 'R','I','I','I','M',
                'R','I','I','I','M', 'R','R','R','R','Q'])[(f::int - 1) * 5 + d::int]
  END
$$;

-- Contribution rows of a set of responses and their answers (sign +1 or -1).
CREATE FUNCTION fid_analytics_contrib(rs fid_an_resp[], an fid_an_ans[], sign int,
                                      with_resp boolean)
RETURNS TABLE (org_id uuid, survey_id uuid, day date, unit_id uuid, channel text, tag text,
               n bigint, sum double precision, sumsq double precision, hi bigint, mid bigint,
               lo bigint, ka bigint, ko bigint, km bigint, ki bigint, kr bigint, kq bigint)
LANGUAGE sql STABLE AS $$
  WITH r AS (
    SELECT x.org_id, x.id, x.survey_id, (x.at AT TIME ZONE 'UTC')::date AS day,
           coalesce(x.unit_id, '00000000-0000-0000-0000-000000000000'::uuid) AS unit_id,
           x.channel
      FROM unnest(rs) x WHERE x.status = 'complete'),
  a AS (SELECT * FROM unnest(an) WHERE tag IS NOT NULL AND num IS NOT NULL),
  plain AS (
    SELECT r.org_id, r.survey_id, r.day, r.unit_id, r.channel, a.tag, a.num
      FROM a JOIN r ON r.org_id = a.org_id AND r.id = a.response_id
     WHERE a.tag NOT LIKE 'kano:%'),
  kano AS (
    SELECT r.org_id, r.survey_id, r.day, r.unit_id, r.channel,
           'kano:' || split_part(f.tag, ':', 2) AS tag,
           fid_kano_class(f.num, d.num) AS k
      FROM a f
      JOIN a d ON d.org_id = f.org_id AND d.response_id = f.response_id
              AND d.tag = 'kano:' || split_part(f.tag, ':', 2) || ':dysfunctional'
      JOIN r ON r.org_id = f.org_id AND r.id = f.response_id
     WHERE f.tag LIKE 'kano:%:functional')
  SELECT org_id, survey_id, day, unit_id, channel, '' AS tag, sign * count(*), 0::float8,
         0::float8, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint,
         0::bigint, 0::bigint, 0::bigint
    FROM r WHERE with_resp GROUP BY org_id, survey_id, day, unit_id, channel
  UNION ALL
  SELECT org_id, survey_id, day, unit_id, channel, tag, sign * count(*), sign * sum(num),
         sign * sum(num * num),
         sign * count(*) FILTER (WHERE (tag = 'nps' AND num >= 9) OR (tag = 'csat' AND num >= 4)),
         sign * count(*) FILTER (WHERE (tag = 'nps' AND num >= 7 AND num < 9)
                                    OR (tag = 'csat' AND num >= 3 AND num < 4)),
         sign * count(*) FILTER (WHERE (tag = 'nps' AND num < 7) OR (tag = 'csat' AND num < 3)),
         0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint
    FROM plain GROUP BY org_id, survey_id, day, unit_id, channel, tag
  UNION ALL
  SELECT org_id, survey_id, day, unit_id, channel, tag, sign * count(*), 0::float8, 0::float8,
         0::bigint, 0::bigint, 0::bigint,
         sign * count(*) FILTER (WHERE k = 'A'), sign * count(*) FILTER (WHERE k = 'O'),
         sign * count(*) FILTER (WHERE k = 'M'), sign * count(*) FILTER (WHERE k = 'I'),
         sign * count(*) FILTER (WHERE k = 'R'), sign * count(*) FILTER (WHERE k = 'Q')
    FROM kano WHERE k IS NOT NULL GROUP BY org_id, survey_id, day, unit_id, channel, tag
$$;

-- Applies after − before in two statements (keys sorted so concurrent batches lock rows in
-- the same order and cannot deadlock on each other). counts: the responses themselves changed
-- (their '' rows and survey_response_counts); the answers triggers pass false.
CREATE FUNCTION fid_analytics_apply(rb fid_an_resp[], ab fid_an_ans[], ra fid_an_resp[],
                                    aa fid_an_ans[], counts boolean)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(rb) = 0 AND cardinality(ab) = 0 THEN
    -- Nothing before (new responses, new answers): the hot submit path, one pass.
    INSERT INTO analytics_daily AS t (org_id, survey_id, day, unit_id, channel, tag, n, sum,
                                      sumsq, hi, mid, lo, ka, ko, km, ki, kr, kq)
    SELECT * FROM fid_analytics_contrib(ra, aa, 1, counts) c
     ORDER BY c.org_id, c.survey_id, c.tag, c.day, c.unit_id, c.channel
    ON CONFLICT (org_id, survey_id, tag, day, unit_id, channel) DO UPDATE SET
      n = t.n + excluded.n, sum = t.sum + excluded.sum, sumsq = t.sumsq + excluded.sumsq,
      hi = t.hi + excluded.hi, mid = t.mid + excluded.mid, lo = t.lo + excluded.lo,
      ka = t.ka + excluded.ka, ko = t.ko + excluded.ko, km = t.km + excluded.km,
      ki = t.ki + excluded.ki, kr = t.kr + excluded.kr, kq = t.kq + excluded.kq;
  ELSE
  INSERT INTO analytics_daily AS t (org_id, survey_id, day, unit_id, channel, tag, n, sum,
                                    sumsq, hi, mid, lo, ka, ko, km, ki, kr, kq)
  SELECT c.org_id, c.survey_id, c.day, c.unit_id, c.channel, c.tag, sum(c.n), sum(c.sum),
         sum(c.sumsq), sum(c.hi), sum(c.mid), sum(c.lo), sum(c.ka), sum(c.ko), sum(c.km),
         sum(c.ki), sum(c.kr), sum(c.kq)
    FROM (SELECT * FROM fid_analytics_contrib(ra, aa, 1, counts)
          UNION ALL SELECT * FROM fid_analytics_contrib(rb, ab, -1, counts)) c
   GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(c.n) <> 0 OR sum(c.sum) <> 0 OR sum(c.sumsq) <> 0 OR sum(c.hi) <> 0
      OR sum(c.mid) <> 0 OR sum(c.lo) <> 0 OR sum(c.ka) <> 0 OR sum(c.ko) <> 0
      OR sum(c.km) <> 0 OR sum(c.ki) <> 0 OR sum(c.kr) <> 0 OR sum(c.kq) <> 0
   ORDER BY 1, 2, 6, 3, 4, 5
  ON CONFLICT (org_id, survey_id, tag, day, unit_id, channel) DO UPDATE SET
    n = t.n + excluded.n, sum = t.sum + excluded.sum, sumsq = t.sumsq + excluded.sumsq,
    hi = t.hi + excluded.hi, mid = t.mid + excluded.mid, lo = t.lo + excluded.lo,
    ka = t.ka + excluded.ka, ko = t.ko + excluded.ko, km = t.km + excluded.km,
    ki = t.ki + excluded.ki, kr = t.kr + excluded.kr, kq = t.kq + excluded.kq;
  END IF;
  IF counts THEN
    INSERT INTO survey_response_counts AS t (org_id, survey_id, version, status, n)
    SELECT x.org_id, x.survey_id, x.version, x.status, sum(x.s)
      FROM (SELECT r.org_id, r.survey_id, r.version, r.status, 1 AS s FROM unnest(ra) r
            UNION ALL
            SELECT r.org_id, r.survey_id, r.version, r.status, -1 FROM unnest(rb) r) x
     GROUP BY 1, 2, 3, 4 HAVING sum(x.s) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (org_id, survey_id, version, status) DO UPDATE SET n = t.n + excluded.n;
  END IF;
END $$;

CREATE FUNCTION fid_an_resp_of(ids uuid[], orgs uuid[]) RETURNS fid_an_resp[]
LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(ROW(r.org_id, r.id, r.survey_id, r.version, r.status, r.channel,
                                r.org_unit_id, coalesce(r.submitted_at, r.created_at))::fid_an_resp),
                  '{}')
    FROM survey_responses r
    JOIN unnest(orgs, ids) AS k(o, i) ON r.org_id = k.o AND r.id = k.i
$$;

CREATE FUNCTION fid_an_ans_of(ids uuid[], orgs uuid[]) RETURNS fid_an_ans[]
LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(ROW(a.org_id, a.response_id, a.question_key, a.item, a.tag,
                                a.num)::fid_an_ans), '{}')
    FROM survey_answers a
    JOIN unnest(orgs, ids) AS k(o, i) ON a.org_id = k.o AND a.response_id = k.i
$$;

-- Answers: responses unchanged; before = current answers minus the new rows plus the old ones.
CREATE FUNCTION fid_an_answers_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[]; orgs uuid[]; rs fid_an_resp[]; cur fid_an_ans[];
  o fid_an_ans[] := '{}'; nw fid_an_ans[] := '{}';
BEGIN
  -- (nested IFs: new_rows exists only for INSERT and UPDATE, and AND does not short-circuit)
  IF TG_OP = 'INSERT' THEN IF NOT EXISTS (SELECT 1 FROM new_rows x WHERE x.tag LIKE 'kano:%') THEN
    -- The submit path: without Kano pairs a new answer's contribution depends on nothing but
    -- its response, so one plain INSERT ... SELECT (no arrays, a cached plan) adds them.
    INSERT INTO analytics_daily AS t (org_id, survey_id, day, unit_id, channel, tag, n, sum,
                                      sumsq, hi, mid, lo)
    SELECT r.org_id, r.survey_id, (coalesce(r.submitted_at, r.created_at) AT TIME ZONE 'UTC')::date,
           coalesce(r.org_unit_id, '00000000-0000-0000-0000-000000000000'::uuid), r.channel,
           a.tag, count(*), sum(a.num), sum(a.num * a.num),
           count(*) FILTER (WHERE (a.tag = 'nps' AND a.num >= 9) OR (a.tag = 'csat' AND a.num >= 4)),
           count(*) FILTER (WHERE (a.tag = 'nps' AND a.num >= 7 AND a.num < 9)
                               OR (a.tag = 'csat' AND a.num >= 3 AND a.num < 4)),
           count(*) FILTER (WHERE (a.tag = 'nps' AND a.num < 7) OR (a.tag = 'csat' AND a.num < 3))
      FROM new_rows a JOIN survey_responses r ON r.org_id = a.org_id AND r.id = a.response_id
     WHERE r.status = 'complete' AND a.tag IS NOT NULL AND a.num IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 6, 3, 4, 5
    ON CONFLICT (org_id, survey_id, tag, day, unit_id, channel) DO UPDATE SET
      n = t.n + excluded.n, sum = t.sum + excluded.sum, sumsq = t.sumsq + excluded.sumsq,
      hi = t.hi + excluded.hi, mid = t.mid + excluded.mid, lo = t.lo + excluded.lo;
    RETURN NULL;
  END IF; END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT coalesce(array_agg(ROW(x.org_id, x.response_id, x.question_key, x.item, x.tag,
                                  x.num)::fid_an_ans), '{}') INTO o FROM old_rows x;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    SELECT coalesce(array_agg(ROW(x.org_id, x.response_id, x.question_key, x.item, x.tag,
                                  x.num)::fid_an_ans), '{}') INTO nw FROM new_rows x;
  END IF;
  SELECT array_agg(k.response_id), array_agg(k.org_id) INTO ids, orgs
    FROM (SELECT DISTINCT x.org_id, x.response_id FROM unnest(o || nw) x) k;
  IF ids IS NULL THEN RETURN NULL; END IF;
  rs := fid_an_resp_of(ids, orgs);
  IF cardinality(rs) = 0 THEN RETURN NULL; END IF; -- cascade of a deleted response
  cur := fid_an_ans_of(ids, orgs);
  PERFORM fid_analytics_apply(
    rs,
    ARRAY(SELECT c FROM unnest(cur) c
           WHERE NOT EXISTS (SELECT 1 FROM unnest(nw) x
                              WHERE x.org_id = c.org_id AND x.response_id = c.response_id
                                AND x.question_key = c.question_key AND x.item = c.item))
      || o,
    rs, cur, false);
  RETURN NULL;
END $$;

CREATE TRIGGER analytics_answers_ins AFTER INSERT ON survey_answers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fid_an_answers_trg();
CREATE TRIGGER analytics_answers_upd AFTER UPDATE ON survey_answers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fid_an_answers_trg();
CREATE TRIGGER analytics_answers_del AFTER DELETE ON survey_answers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fid_an_answers_trg();

-- Responses inserted: only the response rows (their answers, even when inserted by the same
-- statement, are counted by the answers trigger).
CREATE FUNCTION fid_an_responses_ins_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_daily AS t (org_id, survey_id, day, unit_id, channel, tag, n)
  SELECT x.org_id, x.survey_id, (coalesce(x.submitted_at, x.created_at) AT TIME ZONE 'UTC')::date,
         coalesce(x.org_unit_id, '00000000-0000-0000-0000-000000000000'::uuid), x.channel, '',
         count(*)
    FROM new_rows x WHERE x.status = 'complete'
   GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (org_id, survey_id, tag, day, unit_id, channel) DO UPDATE SET n = t.n + excluded.n;
  INSERT INTO survey_response_counts AS t (org_id, survey_id, version, status, n)
  SELECT x.org_id, x.survey_id, x.version, x.status, count(*) FROM new_rows x
   GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (org_id, survey_id, version, status) DO UPDATE SET n = t.n + excluded.n;
  RETURN NULL;
END $$;

-- Responses updated: the answers stay, the response's status / time / unit / channel change.
CREATE FUNCTION fid_an_responses_upd_trg() RETURNS trigger LANGUAGE plpgsql AS $$
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
   WHERE (o.survey_id, o.version, o.status, o.channel, o.org_unit_id,
          coalesce(o.submitted_at, o.created_at))
         IS DISTINCT FROM (n.survey_id, n.version, n.status, n.channel, n.org_unit_id,
          coalesce(n.submitted_at, n.created_at));
  IF ids IS NULL THEN RETURN NULL; END IF;
  cur := fid_an_ans_of(ids, orgs);
  PERFORM fid_analytics_apply(rb, cur, ra, cur, true);
  RETURN NULL;
END $$;

-- Responses deleted: per row BEFORE the delete, while its answers still exist (the cascade
-- then deletes them, and the answers trigger finds no response left to account for).
CREATE FUNCTION fid_an_responses_del_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM fid_analytics_apply(
    ARRAY[ROW(OLD.org_id, OLD.id, OLD.survey_id, OLD.version, OLD.status, OLD.channel,
              OLD.org_unit_id, coalesce(OLD.submitted_at, OLD.created_at))::fid_an_resp],
    fid_an_ans_of(ARRAY[OLD.id], ARRAY[OLD.org_id]), '{}', '{}', true);
  RETURN OLD;
END $$;

CREATE TRIGGER analytics_responses_ins AFTER INSERT ON survey_responses
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fid_an_responses_ins_trg();
CREATE TRIGGER analytics_responses_upd AFTER UPDATE ON survey_responses
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fid_an_responses_upd_trg();
CREATE TRIGGER analytics_responses_del BEFORE DELETE ON survey_responses
  FOR EACH ROW EXECUTE FUNCTION fid_an_responses_del_trg();

-- Full recomputation (fidelia analytics rebuild; also fills the tables for existing data), in
-- chunks of 2,000 responses so memory stays flat on a large org.
CREATE FUNCTION fid_analytics_rebuild(org uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE ids uuid[]; orgs uuid[]; last_org uuid := '00000000-0000-0000-0000-000000000000';
        last_id uuid := '00000000-0000-0000-0000-000000000000';
BEGIN
  DELETE FROM analytics_daily WHERE org IS NULL OR org_id = org;
  DELETE FROM survey_response_counts WHERE org IS NULL OR org_id = org;
  LOOP
    SELECT array_agg(k.id), array_agg(k.org_id) INTO ids, orgs FROM (
      SELECT r.org_id, r.id FROM survey_responses r
       WHERE (org IS NULL OR r.org_id = org) AND (r.org_id, r.id) > (last_org, last_id)
       ORDER BY r.org_id, r.id LIMIT 2000) k;
    EXIT WHEN ids IS NULL;
    PERFORM fid_analytics_apply('{}', '{}', fid_an_resp_of(ids, orgs),
                                fid_an_ans_of(ids, orgs), true);
    last_org := orgs[cardinality(orgs)];
    last_id := ids[cardinality(ids)];
  END LOOP;
END $$;

SELECT fid_analytics_rebuild(NULL);
