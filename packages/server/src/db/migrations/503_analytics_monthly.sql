-- Monthly rollup of analytics_daily (issue 11, scale): the same sums per survey x org unit x
-- calendar month (UTC) x channel x tag. Whole months of a range are read from here and only
-- the partial months at its edges from the day grain, so a year over 200 units reads ~12
-- rows per unit x channel x tag instead of ~365.
--
-- Kept exact by statement-level triggers on analytics_daily itself (with transition tables):
-- every change to the day grain, by whichever path (the migration-500 triggers, the rebuild),
-- is applied to its month in the same statement, so both tables always agree. An
-- INSERT ... ON CONFLICT DO UPDATE on analytics_daily fires the INSERT trigger for its new
-- rows and the UPDATE trigger for the rows it added to.

CREATE TABLE analytics_monthly (
  org_id     uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  survey_id  uuid NOT NULL,
  month      date NOT NULL,
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
  PRIMARY KEY (org_id, survey_id, tag, month, unit_id, channel)
);
CREATE INDEX analytics_monthly_org_month ON analytics_monthly (org_id, tag, month);

-- new_rows exists only for INSERT/UPDATE and old_rows only for UPDATE/DELETE: each branch
-- names only the tables its event has (PL/pgSQL plans a statement when it first runs it).
CREATE FUNCTION fid_an_monthly_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO analytics_monthly AS t (org_id, survey_id, month, unit_id, channel, tag, n, sum,
                                        sumsq, hi, mid, lo, ka, ko, km, ki, kr, kq)
    SELECT x.org_id, x.survey_id, (x.day - (extract(day FROM x.day)::int - 1)), x.unit_id, x.channel, x.tag,
           sum(x.n), sum(x.sum), sum(x.sumsq), sum(x.hi), sum(x.mid), sum(x.lo), sum(x.ka),
           sum(x.ko), sum(x.km), sum(x.ki), sum(x.kr), sum(x.kq)
      FROM new_rows x
     GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 6, 3, 4, 5
    ON CONFLICT (org_id, survey_id, tag, month, unit_id, channel) DO UPDATE SET
      n = t.n + excluded.n, sum = t.sum + excluded.sum, sumsq = t.sumsq + excluded.sumsq,
      hi = t.hi + excluded.hi, mid = t.mid + excluded.mid, lo = t.lo + excluded.lo,
      ka = t.ka + excluded.ka, ko = t.ko + excluded.ko, km = t.km + excluded.km,
      ki = t.ki + excluded.ki, kr = t.kr + excluded.kr, kq = t.kq + excluded.kq;
  ELSIF TG_OP = 'UPDATE' THEN
    IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
    INSERT INTO analytics_monthly AS t (org_id, survey_id, month, unit_id, channel, tag, n, sum,
                                        sumsq, hi, mid, lo, ka, ko, km, ki, kr, kq)
    SELECT c.org_id, c.survey_id, (c.day - (extract(day FROM c.day)::int - 1)), c.unit_id, c.channel, c.tag,
           sum(c.s * c.n), sum(c.s * c.sum), sum(c.s * c.sumsq), sum(c.s * c.hi),
           sum(c.s * c.mid), sum(c.s * c.lo), sum(c.s * c.ka), sum(c.s * c.ko), sum(c.s * c.km),
           sum(c.s * c.ki), sum(c.s * c.kr), sum(c.s * c.kq)
      FROM (SELECT 1 AS s, * FROM new_rows UNION ALL SELECT -1 AS s, * FROM old_rows) c
     GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(c.s * c.n) <> 0 OR sum(c.s * c.sum) <> 0 OR sum(c.s * c.sumsq) <> 0
        OR sum(c.s * c.hi) <> 0 OR sum(c.s * c.mid) <> 0 OR sum(c.s * c.lo) <> 0
        OR sum(c.s * c.ka) <> 0 OR sum(c.s * c.ko) <> 0 OR sum(c.s * c.km) <> 0
        OR sum(c.s * c.ki) <> 0 OR sum(c.s * c.kr) <> 0 OR sum(c.s * c.kq) <> 0
     ORDER BY 1, 2, 6, 3, 4, 5
    ON CONFLICT (org_id, survey_id, tag, month, unit_id, channel) DO UPDATE SET
      n = t.n + excluded.n, sum = t.sum + excluded.sum, sumsq = t.sumsq + excluded.sumsq,
      hi = t.hi + excluded.hi, mid = t.mid + excluded.mid, lo = t.lo + excluded.lo,
      ka = t.ka + excluded.ka, ko = t.ko + excluded.ko, km = t.km + excluded.km,
      ki = t.ki + excluded.ki, kr = t.kr + excluded.kr, kq = t.kq + excluded.kq;
  ELSE
    INSERT INTO analytics_monthly AS t (org_id, survey_id, month, unit_id, channel, tag, n, sum,
                                        sumsq, hi, mid, lo, ka, ko, km, ki, kr, kq)
    SELECT x.org_id, x.survey_id, (x.day - (extract(day FROM x.day)::int - 1)), x.unit_id, x.channel, x.tag,
           -sum(x.n), -sum(x.sum), -sum(x.sumsq), -sum(x.hi), -sum(x.mid), -sum(x.lo),
           -sum(x.ka), -sum(x.ko), -sum(x.km), -sum(x.ki), -sum(x.kr), -sum(x.kq)
      FROM old_rows x
     GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 6, 3, 4, 5
    ON CONFLICT (org_id, survey_id, tag, month, unit_id, channel) DO UPDATE SET
      n = t.n + excluded.n, sum = t.sum + excluded.sum, sumsq = t.sumsq + excluded.sumsq,
      hi = t.hi + excluded.hi, mid = t.mid + excluded.mid, lo = t.lo + excluded.lo,
      ka = t.ka + excluded.ka, ko = t.ko + excluded.ko, km = t.km + excluded.km,
      ki = t.ki + excluded.ki, kr = t.kr + excluded.kr, kq = t.kq + excluded.kq;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER analytics_monthly_ins AFTER INSERT ON analytics_daily
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fid_an_monthly_trg();
CREATE TRIGGER analytics_monthly_upd AFTER UPDATE ON analytics_daily
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fid_an_monthly_trg();
CREATE TRIGGER analytics_monthly_del AFTER DELETE ON analytics_daily
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fid_an_monthly_trg();

-- The rebuild (fidelia analytics rebuild, restore) recomputes the rollup too: the day grain's
-- DELETE takes its months back to zero through the trigger, the rollup is then emptied for the
-- org (which also clears any drift), and the chunks re-inserted into the day grain fill it.
CREATE OR REPLACE FUNCTION fid_analytics_rebuild(org uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE ids uuid[]; orgs uuid[]; last_org uuid := '00000000-0000-0000-0000-000000000000';
        last_id uuid := '00000000-0000-0000-0000-000000000000';
BEGIN
  DELETE FROM analytics_daily WHERE org IS NULL OR org_id = org;
  DELETE FROM analytics_monthly WHERE org IS NULL OR org_id = org;
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

-- Fill the rollup for the data already there.
INSERT INTO analytics_monthly (org_id, survey_id, month, unit_id, channel, tag, n, sum, sumsq,
                               hi, mid, lo, ka, ko, km, ki, kr, kq)
SELECT org_id, survey_id, (day - (extract(day FROM day)::int - 1)), unit_id, channel, tag, sum(n),
       sum(sum), sum(sumsq), sum(hi), sum(mid), sum(lo), sum(ka), sum(ko), sum(km), sum(ki),
       sum(kr), sum(kq)
  FROM analytics_daily GROUP BY 1, 2, 3, 4, 5, 6;
