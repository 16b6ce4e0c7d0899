-- The whole organisation's complaints report from counts kept per day and per month (issue 11).
-- Migration 390 gave each case one narrow report row; an unscoped whole-year report still
-- grouped and counted 200,000 of them per request (~0.25 s on PostgreSQL, 2.4x DuckDB; ~1 s on
-- PGlite). Most of its figures are counts and sums over the period's cases, which add up over
-- days: this table keeps them per (org, grain, day, figure, key), so a whole year is 12 month
-- rows per figure and key instead of a scan of every case. A range reads its whole calendar
-- months from grain 'm' (day = the month's first day) and its edge days from grain 'd'.
--
-- Figures (g) and keys: 'total', 'open', 'ever_closed', 'reopened' (key ''); 'fr' and 'res'
-- (the cases with a first response / closed; s = their milliseconds to it, summed exactly as
-- bigint); 'rating' by value; 'channel', 'form', 'status', 'category', 'cause' (closed cases
-- with a cause), 'unit' by code or id ('' = none); per SLA target prefix p in fr/up/rs and key
-- severity: p_total (cases with the target), p_met (met in time), p_late (met late), p_open
-- (open with a due instant: breached or pending, which depends on the time of the request and
-- is split by the due-instant indexes below), p_paused (open without a due instant).
--
-- What cannot be summed stays on the report rows: the hours' percentiles, repeat complainants
-- (their previous/next case against the period's edges) and lost customers (probed by customer).
-- A unit-scoped report reads the report rows as before (complaints/repo-reports.ts).
--
-- Kept by a statement trigger on complaint_report_facts: each changed row's old contributions
-- are subtracted and its new ones added, in one upsert of the sums (row locks, no lost update
-- between concurrent writers; rows in key order). The property test (report-facts.db.test.ts)
-- holds the table to a recomputation from the report rows after random writes.
CREATE TABLE complaint_report_days (
  org_id uuid   NOT NULL,
  grain  char(1) NOT NULL CHECK (grain IN ('d', 'm')),
  day    date   NOT NULL,
  g      text   NOT NULL,
  key    text   NOT NULL,
  n      bigint NOT NULL,
  s      bigint NOT NULL,
  PRIMARY KEY (org_id, grain, day, g, key)
);
-- the trend's cases per day without reading every figure's day rows
CREATE INDEX complaint_report_days_trend ON complaint_report_days (org_id, day)
  WHERE grain = 'd' AND g = 'total';

-- A report row's contributions (one per figure it counts in).
CREATE FUNCTION fid_crd_of(f complaint_report_facts) RETURNS TABLE (g text, key text, s bigint)
LANGUAGE sql IMMUTABLE AS $$
  SELECT x.g, x.key, x.s FROM (VALUES
    ('total', '', 0::bigint, true),
    ('open', '', 0, f.status NOT IN ('closed', 'rejected')),
    ('ever_closed', '', 0, f.status IN ('closed', 'rejected') OR f.reopen_count > 0),
    ('reopened', '', 0, f.reopen_count > 0),
    -- the hours are milliseconds / 3,600,000 (migration 390), so rounding recovers them exactly
    ('fr', '', round(f.fr_hours * 3600000)::bigint, f.fr_hours IS NOT NULL),
    ('res', '', round(f.res_hours * 3600000)::bigint, f.closed),
    ('rating', f.rating::text, 0, f.rating IS NOT NULL),
    ('channel', f.channel, 0, true),
    ('form', f.form, 0, true),
    ('status', f.status, 0, true),
    ('category', coalesce(f.category_id::text, ''), 0, true),
    ('cause', f.cause_id::text, 0, f.closed AND f.cause_id IS NOT NULL),
    ('unit', coalesce(f.unit_id::text, ''), 0, true)
  ) x(g, key, s, counts) WHERE x.counts
  UNION ALL
  -- each SLA target the case has, by severity: every one (total), met in time, met late,
  -- open with a due instant (breached or pending), open without one (paused)
  SELECT t.p || '_' || k.kind, f.severity, 0
    FROM (VALUES ('fr', f.fr_target, f.fr_due, f.fr_met),
                 ('up', f.up_target, f.up_due, f.up_met),
                 ('rs', f.rs_target, f.rs_due, f.rs_met)) t(p, has, due, met)
   CROSS JOIN LATERAL (VALUES
     ('total', true),
     ('met', t.met IS NOT NULL AND (t.due IS NULL OR t.met <= t.due)),
     ('late', t.met > t.due),
     ('open', t.met IS NULL AND t.due IS NOT NULL),
     ('paused', t.met IS NULL AND t.due IS NULL)) k(kind, counts)
   WHERE t.has AND k.counts
$$;

-- What a report row counts in, as one value: equal for two versions of a row exactly when their
-- contributions are equal (the SLA classes as 0 no target, 1 paused, 2 open with a due instant,
-- 3 met in time, 4 met late). Inlined (one expression), so comparing old and new is cheap.
CREATE FUNCTION fid_crd_sig(f complaint_report_facts) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws('|', f.day, f.status, f.reopen_count > 0, f.closed,
                   round(f.fr_hours * 3600000), round(f.res_hours * 3600000), f.rating,
                   f.channel, f.form, f.category_id, f.cause_id, f.unit_id, f.severity,
                   CASE WHEN NOT f.fr_target THEN 0 WHEN f.fr_met IS NULL
                        THEN CASE WHEN f.fr_due IS NULL THEN 1 ELSE 2 END
                        WHEN f.fr_due IS NULL OR f.fr_met <= f.fr_due THEN 3 ELSE 4 END,
                   CASE WHEN NOT f.up_target THEN 0 WHEN f.up_met IS NULL
                        THEN CASE WHEN f.up_due IS NULL THEN 1 ELSE 2 END
                        WHEN f.up_due IS NULL OR f.up_met <= f.up_due THEN 3 ELSE 4 END,
                   CASE WHEN NOT f.rs_target THEN 0 WHEN f.rs_met IS NULL
                        THEN CASE WHEN f.rs_due IS NULL THEN 1 ELSE 2 END
                        WHEN f.rs_due IS NULL OR f.rs_met <= f.rs_due THEN 3 ELSE 4 END)
$$;

-- Adds the contributions of the rows `plus` and subtracts those of `minus`: summed per day first
-- (deltas that cancel write nothing), then per month from those day sums (the month's first day
-- computed without a time zone).
CREATE FUNCTION fid_crd_apply(plus complaint_report_facts[], minus complaint_report_facts[])
RETURNS void LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  WITH d AS (
    SELECT (r.f).org_id AS org_id, (r.f).day AS day, x.g, x.key,
           sum(r.sign) AS n, sum(r.sign * x.s) AS s
      FROM (SELECT p AS f, 1 AS sign FROM unnest(plus) p
            UNION ALL
            SELECT m AS f, -1 AS sign FROM unnest(minus) m) r
     CROSS JOIN LATERAL fid_crd_of(r.f) x
     GROUP BY 1, 2, 3, 4
    HAVING sum(r.sign) <> 0 OR sum(r.sign * x.s) <> 0)
  INSERT INTO complaint_report_days AS t (org_id, grain, day, g, key, n, s)
  SELECT * FROM (
    SELECT org_id, 'd' AS grain, day, g, key, n, s FROM d
    UNION ALL
    SELECT org_id, 'm', day - (extract(day FROM day)::int - 1), g, key, sum(n), sum(s)
      FROM d GROUP BY 1, 3, 4, 5
    HAVING sum(n) <> 0 OR sum(s) <> 0) c
   ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (org_id, grain, day, g, key) DO UPDATE SET n = t.n + excluded.n, s = t.s + excluded.s;
END $$;

-- One trigger function for the three events (plpgsql parses a branch when it first runs, so
-- each event only names the transition tables it has). A large update keeps only the rows
-- whose figures moved: an SLA recomputation rewrites the due instants of up to 25,000 cases a
-- statement, which no figure reads while a target stays open. A small one (a case handled:
-- 1–3 rows) adds and subtracts all, the deltas cancelling in fid_crd_apply, which measured
-- cheaper than pairing the rows.
CREATE FUNCTION fid_crd_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE plus complaint_report_facts[]; minus complaint_report_facts[];
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT array_agg(r) INTO plus FROM new_rows r;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT array_agg(r) INTO minus FROM old_rows r;
  END IF;
  IF TG_OP = 'UPDATE' AND cardinality(plus) >= 64 THEN
    -- paired by a window over the case's key, not a join: the transition tables have no
    -- statistics, and a nested loop over 50,000 old and new rows took minutes
    SELECT array_agg(y.f) FILTER (WHERE y.sign = 1), array_agg(y.f) FILTER (WHERE y.sign = -1)
      INTO plus, minus
      FROM (SELECT x.f, x.sign,
                   min(x.sig) OVER w IS DISTINCT FROM max(x.sig) OVER w AS moved
              FROM (SELECT p AS f, 1 AS sign, fid_crd_sig(p) AS sig FROM unnest(plus) p
                    UNION ALL
                    SELECT m AS f, -1 AS sign, fid_crd_sig(m) AS sig FROM unnest(minus) m) x
            WINDOW w AS (PARTITION BY (x.f).org_id, (x.f).complaint_id)) y
     WHERE y.moved;
  END IF;
  IF plus IS NOT NULL OR minus IS NOT NULL THEN
    PERFORM fid_crd_apply(plus, minus);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER complaint_report_days_ins AFTER INSERT ON complaint_report_facts
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fid_crd_trg();
CREATE TRIGGER complaint_report_days_upd AFTER UPDATE ON complaint_report_facts
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fid_crd_trg();
CREATE TRIGGER complaint_report_days_del AFTER DELETE ON complaint_report_facts
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fid_crd_trg();

-- Lost customers are probed one by one (a few thousand) instead of joined to every case.
CREATE INDEX complaint_report_facts_customer ON complaint_report_facts (org_id, customer_id, received_at)
  WHERE customer_id IS NOT NULL;
-- The open targets due after the request's instant (pending; the rest of p_open is breached):
-- few, found by their due instant.
CREATE INDEX complaint_report_facts_fr_open ON complaint_report_facts (org_id, fr_due)
  WHERE fr_target AND fr_met IS NULL AND fr_due IS NOT NULL;
CREATE INDEX complaint_report_facts_up_open ON complaint_report_facts (org_id, up_due)
  WHERE up_target AND up_met IS NULL AND up_due IS NOT NULL;
CREATE INDEX complaint_report_facts_rs_open ON complaint_report_facts (org_id, rs_due)
  WHERE rs_target AND rs_met IS NULL AND rs_due IS NOT NULL;

-- Existing report rows (an upgrade), a month of an organisation at a time.
DO $$
DECLARE o uuid; m date;
BEGIN
  FOR o, m IN SELECT DISTINCT org_id, day - (extract(day FROM day)::int - 1)
                FROM complaint_report_facts ORDER BY 1, 2 LOOP
    PERFORM fid_crd_apply(ARRAY(SELECT f FROM complaint_report_facts f
                                 WHERE f.org_id = o AND f.day >= m
                                   AND f.day < (m + interval '1 month')::date), NULL);
  END LOOP;
END $$;
