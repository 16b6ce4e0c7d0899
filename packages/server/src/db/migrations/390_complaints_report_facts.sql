-- The complaints report at scale (issue 11). The report (complaints/repo-reports.ts) and the SLA
-- compliance figures (sla/repo-notifications.ts) read one narrow row per case: the columns they
-- group and count by, the day received (UTC), the hours to first response and to closing already
-- computed, the complainant's repeat key, and the due and met instants of the case's three SLA
-- targets. Before, each request recomputed the hours per case over the wide complaints rows and
-- joined 2–3 SLA target rows per case: about 0.9 s for 200,000 cases on PostgreSQL.
--
-- The row is the function of its case and targets defined by the view complaint_report_fact_of;
-- statement-level triggers on both tables refresh the rows of the cases a statement touched (set
-- based, so an org-wide SLA recomputation refreshes its cases in one statement). The property
-- test (report-facts.db.test.ts) holds the table to the view after random writes.

-- Hours are between instants truncated to the millisecond, as the Dates the drivers hand to
-- JavaScript, so the figures equal those computed from the rows (the case export, DuckDB in the
-- bench). date_part gives float8 directly.
CREATE VIEW complaint_report_fact_of AS
SELECT c.org_id, c.id AS complaint_id, c.received_at,
       (c.received_at AT TIME ZONE 'UTC')::date AS day,
       c.unit_id, c.category_id, c.cause_id, c.channel, c.form, c.status, c.severity,
       (c.status = 'closed' AND c.closed_at IS NOT NULL) AS closed,
       date_part('epoch', date_trunc('milliseconds', c.first_response_at)
                        - date_trunc('milliseconds', c.received_at)) / 3600 AS fr_hours,
       date_part('epoch', date_trunc('milliseconds', c.closed_at)
                        - date_trunc('milliseconds', c.received_at)) / 3600 AS res_hours,
       c.rating::smallint AS rating, c.reopen_count, c.customer_id,
       -- a repeat complainant is a customer, or an e-mail address when no customer is linked
       CASE WHEN c.customer_id IS NULL THEN lower(c.contact_email) END AS contact_key,
       coalesce(c.customer_decision = 'rejected', false) AS decision_rejected,
       -- the same complainant's previous and next case (by received_at, then id)
       CASE WHEN c.customer_id IS NOT NULL THEN
              (SELECT p.received_at FROM complaints p
                WHERE p.org_id = c.org_id AND p.customer_id = c.customer_id
                  AND (p.received_at, p.id) < (c.received_at, c.id)
                ORDER BY p.received_at DESC, p.id DESC LIMIT 1)
            WHEN c.contact_email IS NOT NULL THEN
              (SELECT p.received_at FROM complaints p
                WHERE p.org_id = c.org_id AND p.customer_id IS NULL
                  AND lower(p.contact_email) = lower(c.contact_email)
                  AND (p.received_at, p.id) < (c.received_at, c.id)
                ORDER BY p.received_at DESC, p.id DESC LIMIT 1) END AS prev_at,
       CASE WHEN c.customer_id IS NOT NULL THEN
              (SELECT p.received_at FROM complaints p
                WHERE p.org_id = c.org_id AND p.customer_id = c.customer_id
                  AND (p.received_at, p.id) > (c.received_at, c.id)
                ORDER BY p.received_at, p.id LIMIT 1)
            WHEN c.contact_email IS NOT NULL THEN
              (SELECT p.received_at FROM complaints p
                WHERE p.org_id = c.org_id AND p.customer_id IS NULL
                  AND lower(p.contact_email) = lower(c.contact_email)
                  AND (p.received_at, p.id) > (c.received_at, c.id)
                ORDER BY p.received_at, p.id LIMIT 1) END AS next_at,
       coalesce(t.fr_target, false) AS fr_target, t.fr_due, t.fr_met,
       coalesce(t.up_target, false) AS up_target, t.up_due, t.up_met,
       coalesce(t.rs_target, false) AS rs_target, t.rs_due, t.rs_met
  FROM complaints c
  -- one aggregate over the case's targets: found through their key's prefix (org, case) on
  -- any statistics (three joins on the target too could take the due-instant index instead)
  LEFT JOIN LATERAL (
    SELECT bool_or(x.target = 'first_response') AS fr_target,
           max(x.due_at) FILTER (WHERE x.target = 'first_response') AS fr_due,
           max(x.met_at) FILTER (WHERE x.target = 'first_response') AS fr_met,
           bool_or(x.target = 'update') AS up_target,
           max(x.due_at) FILTER (WHERE x.target = 'update') AS up_due,
           max(x.met_at) FILTER (WHERE x.target = 'update') AS up_met,
           bool_or(x.target = 'resolution') AS rs_target,
           max(x.due_at) FILTER (WHERE x.target = 'resolution') AS rs_due,
           max(x.met_at) FILTER (WHERE x.target = 'resolution') AS rs_met
      FROM complaint_sla_targets x
     WHERE x.org_id = c.org_id AND x.complaint_id = c.id) t ON true;

CREATE TABLE complaint_report_facts (
  org_id            uuid NOT NULL,
  complaint_id      uuid NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
  received_at       timestamptz NOT NULL,
  day               date NOT NULL,
  unit_id           uuid,
  category_id       uuid,
  cause_id          uuid,
  channel           text NOT NULL,
  form              text NOT NULL,
  status            text NOT NULL,
  severity          text NOT NULL,
  closed            boolean NOT NULL,
  fr_hours          float8,
  res_hours         float8,
  rating            smallint,
  reopen_count      integer NOT NULL,
  customer_id       uuid,
  contact_key       text,
  decision_rejected boolean NOT NULL,
  prev_at           timestamptz,
  next_at           timestamptz,
  fr_target         boolean NOT NULL,
  fr_due            timestamptz,
  fr_met            timestamptz,
  up_target         boolean NOT NULL,
  up_due            timestamptz,
  up_met            timestamptz,
  rs_target         boolean NOT NULL,
  rs_due            timestamptz,
  rs_met            timestamptz,
  PRIMARY KEY (org_id, complaint_id)
);
CREATE INDEX complaint_report_facts_received ON complaint_report_facts (org_id, received_at);
CREATE INDEX complaint_report_facts_unit ON complaint_report_facts (org_id, unit_id, received_at);

-- Recompute the rows of these cases: upsert those that exist (unchanged rows are not rewritten),
-- delete those whose case is gone (a case's delete cascades already; a target's cascade comes
-- here too).
--
-- force_generic_plan: the statements are planned once per session, not per call. With custom
-- plans (the default for parameters whose array length the planner cannot know) planning the
-- view's subqueries cost ~2 ms per case change, five times the work itself.
CREATE FUNCTION fid_cf_refresh(orgs uuid[], ids uuid[]) RETURNS void LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan AS $$
DECLARE gone_orgs uuid[]; gone_ids uuid[];
BEGIN
  -- case by case through the view (OFFSET 0 keeps the subquery apart, so each case is found by
  -- its key whatever the generic plan guesses about the arrays' length or the tables' size)
  INSERT INTO complaint_report_facts AS t
  SELECT v.* FROM (SELECT DISTINCT o, i FROM unnest(orgs, ids) AS k(o, i)) k
   CROSS JOIN LATERAL (SELECT * FROM complaint_report_fact_of f
                        WHERE f.org_id = k.o AND f.complaint_id = k.i OFFSET 0) v
   ORDER BY v.org_id, v.complaint_id
  ON CONFLICT (org_id, complaint_id) DO UPDATE SET
    received_at = excluded.received_at, day = excluded.day, unit_id = excluded.unit_id,
    category_id = excluded.category_id, cause_id = excluded.cause_id,
    channel = excluded.channel, form = excluded.form, status = excluded.status,
    severity = excluded.severity, closed = excluded.closed, fr_hours = excluded.fr_hours,
    res_hours = excluded.res_hours, rating = excluded.rating,
    reopen_count = excluded.reopen_count, customer_id = excluded.customer_id,
    contact_key = excluded.contact_key, decision_rejected = excluded.decision_rejected,
    prev_at = excluded.prev_at, next_at = excluded.next_at,
    fr_target = excluded.fr_target, fr_due = excluded.fr_due, fr_met = excluded.fr_met,
    up_target = excluded.up_target, up_due = excluded.up_due, up_met = excluded.up_met,
    rs_target = excluded.rs_target, rs_due = excluded.rs_due, rs_met = excluded.rs_met
  WHERE t IS DISTINCT FROM excluded;
  -- the same for the cases gone (OFFSET 0: probed by key, not joined to every case)
  SELECT array_agg(k.o), array_agg(k.i) INTO gone_orgs, gone_ids
    FROM unnest(orgs, ids) AS k(o, i)
   WHERE NOT EXISTS (SELECT 1 FROM complaints c WHERE c.id = k.i AND c.org_id = k.o OFFSET 0);
  IF gone_ids IS NOT NULL THEN
    DELETE FROM complaint_report_facts
     WHERE org_id = ANY(gone_orgs) AND complaint_id = ANY(gone_ids);
  END IF;
END $$;

-- When a case arrives, leaves, or changes complainant or received instant, the cases next to
-- its old and its new place in its complainant's order get another previous or next case. The
-- cases just before and after each place (in the data as it is now) are exactly those: a case
-- whose neighbour changed is next to a place that was taken or left. Four index probes per
-- place, instead of every case of the complainant.
CREATE INDEX complaints_org_contact ON complaints (org_id, lower(contact_email), received_at, id)
  WHERE customer_id IS NULL;
-- plpgsql, not an inlined SQL function, with one generic plan per session (as fid_cf_refresh):
-- not four subqueries planned inside every trigger statement that calls it.
CREATE FUNCTION fid_cf_neighbours(orgs uuid[], customers uuid[], emails text[],
                                  ats timestamptz[], ids uuid[])
RETURNS TABLE (org_id uuid, id uuid) LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  RETURN QUERY
  SELECT n.org_id, n.id
    FROM unnest(orgs, customers, emails, ats, ids) AS k(o, cu, em, at, i)
    CROSS JOIN LATERAL (
      (SELECT c.org_id, c.id FROM complaints c
        WHERE k.cu IS NOT NULL AND c.org_id = k.o AND c.customer_id = k.cu
          AND (c.received_at, c.id) < (k.at, k.i)
        ORDER BY c.received_at DESC, c.id DESC LIMIT 1)
      UNION ALL
      (SELECT c.org_id, c.id FROM complaints c
        WHERE k.cu IS NOT NULL AND c.org_id = k.o AND c.customer_id = k.cu
          AND (c.received_at, c.id) > (k.at, k.i)
        ORDER BY c.received_at, c.id LIMIT 1)
      UNION ALL
      (SELECT c.org_id, c.id FROM complaints c
        WHERE k.cu IS NULL AND k.em IS NOT NULL AND c.org_id = k.o AND c.customer_id IS NULL
          AND lower(c.contact_email) = lower(k.em) AND (c.received_at, c.id) < (k.at, k.i)
        ORDER BY lower(c.contact_email), c.received_at DESC, c.id DESC LIMIT 1)
      UNION ALL
      (SELECT c.org_id, c.id FROM complaints c
        WHERE k.cu IS NULL AND k.em IS NOT NULL AND c.org_id = k.o AND c.customer_id IS NULL
          AND lower(c.contact_email) = lower(k.em) AND (c.received_at, c.id) > (k.at, k.i)
        ORDER BY lower(c.contact_email), c.received_at, c.id LIMIT 1)) n;
END $$;

-- Cases inserted: their rows, and their neighbours'.
CREATE FUNCTION fid_cf_complaints_ins_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE orgs uuid[]; ids uuid[];
BEGIN
  SELECT array_agg(x.org_id ORDER BY x.id), array_agg(x.id ORDER BY x.id) INTO orgs, ids
    FROM (SELECT n.org_id, n.id FROM new_rows n
          UNION
          SELECT k.org_id, k.id FROM fid_cf_neighbours(
            ARRAY(SELECT org_id FROM new_rows ORDER BY id),
            ARRAY(SELECT customer_id FROM new_rows ORDER BY id),
            ARRAY(SELECT contact_email FROM new_rows ORDER BY id),
            ARRAY(SELECT received_at FROM new_rows ORDER BY id),
            ARRAY(SELECT id FROM new_rows ORDER BY id)) k) x;
  IF ids IS NOT NULL THEN PERFORM fid_cf_refresh(orgs, ids); END IF;
  RETURN NULL;
END $$;
-- Cases deleted (their rows cascade): their former neighbours' rows.
CREATE FUNCTION fid_cf_complaints_del_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE orgs uuid[]; ids uuid[];
BEGIN
  SELECT array_agg(k.org_id ORDER BY k.id), array_agg(k.id ORDER BY k.id) INTO orgs, ids
    FROM fid_cf_neighbours(
           ARRAY(SELECT org_id FROM old_rows ORDER BY id),
           ARRAY(SELECT customer_id FROM old_rows ORDER BY id),
           ARRAY(SELECT contact_email FROM old_rows ORDER BY id),
           ARRAY(SELECT received_at FROM old_rows ORDER BY id),
           ARRAY(SELECT id FROM old_rows ORDER BY id)) k;
  IF ids IS NOT NULL THEN PERFORM fid_cf_refresh(orgs, ids); END IF;
  RETURN NULL;
END $$;

-- Only the cases whose reported columns changed (most updates touch other columns: notes'
-- updated_at, the assignee, the response text), and when the complainant or the received
-- instant changed, the neighbours of its old and new place.
CREATE FUNCTION fid_cf_complaints_upd_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orgs uuid[]; ids uuid[];
  k_orgs uuid[]; k_customers uuid[]; k_emails text[]; k_ats timestamptz[]; k_ids uuid[];
BEGIN
  SELECT array_agg(x.org_id), array_agg(x.customer_id), array_agg(x.contact_email),
         array_agg(x.received_at), array_agg(x.id)
    INTO k_orgs, k_customers, k_emails, k_ats, k_ids
    FROM old_rows o JOIN new_rows n ON n.id = o.id,
         LATERAL (VALUES (o.org_id, o.customer_id, o.contact_email, o.received_at, o.id),
                         (n.org_id, n.customer_id, n.contact_email, n.received_at, n.id))
           AS x(org_id, customer_id, contact_email, received_at, id)
   WHERE (o.org_id, o.customer_id, lower(o.contact_email), o.received_at)
         IS DISTINCT FROM (n.org_id, n.customer_id, lower(n.contact_email), n.received_at);
  SELECT array_agg(n.org_id ORDER BY n.id), array_agg(n.id ORDER BY n.id) INTO orgs, ids
    FROM old_rows o JOIN new_rows n ON n.id = o.id
   WHERE (o.org_id, o.received_at, o.unit_id, o.category_id, o.cause_id, o.channel,
          o.form, o.status, o.severity, o.closed_at, o.first_response_at, o.rating,
          o.reopen_count, o.customer_id, o.contact_email, o.customer_decision)
         IS DISTINCT FROM
         (n.org_id, n.received_at, n.unit_id, n.category_id, n.cause_id, n.channel,
          n.form, n.status, n.severity, n.closed_at, n.first_response_at, n.rating,
          n.reopen_count, n.customer_id, n.contact_email, n.customer_decision);
  IF k_orgs IS NOT NULL THEN
    SELECT array_agg(x.org_id ORDER BY x.id), array_agg(x.id ORDER BY x.id) INTO orgs, ids
      FROM (SELECT * FROM unnest(orgs, ids) AS t(org_id, id)
            UNION
            SELECT k.org_id, k.id
              FROM fid_cf_neighbours(k_orgs, k_customers, k_emails, k_ats, k_ids) k) x;
  END IF;
  IF ids IS NOT NULL THEN PERFORM fid_cf_refresh(orgs, ids); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER complaint_report_facts_ins AFTER INSERT ON complaints
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fid_cf_complaints_ins_trg();
CREATE TRIGGER complaint_report_facts_upd AFTER UPDATE ON complaints
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fid_cf_complaints_upd_trg();
CREATE TRIGGER complaint_report_facts_del AFTER DELETE ON complaints
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fid_cf_complaints_del_trg();

-- SLA targets: inserted, deleted, or with a changed due or met instant (the timer job's version,
-- warning and job bookkeeping do not change the figures).
CREATE FUNCTION fid_cf_targets_ins_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM fid_cf_refresh(ARRAY(SELECT org_id FROM new_rows ORDER BY complaint_id),
                         ARRAY(SELECT complaint_id FROM new_rows ORDER BY complaint_id));
  RETURN NULL;
END $$;
CREATE FUNCTION fid_cf_targets_del_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM fid_cf_refresh(ARRAY(SELECT org_id FROM old_rows ORDER BY complaint_id),
                         ARRAY(SELECT complaint_id FROM old_rows ORDER BY complaint_id));
  RETURN NULL;
END $$;
CREATE FUNCTION fid_cf_targets_upd_trg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE orgs uuid[]; ids uuid[];
BEGIN
  SELECT array_agg(n.org_id ORDER BY n.complaint_id), array_agg(n.complaint_id ORDER BY n.complaint_id)
    INTO orgs, ids
    FROM old_rows o
    JOIN new_rows n ON n.org_id = o.org_id AND n.complaint_id = o.complaint_id AND n.target = o.target
   WHERE (o.due_at, o.met_at) IS DISTINCT FROM (n.due_at, n.met_at);
  IF ids IS NOT NULL THEN PERFORM fid_cf_refresh(orgs, ids); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER complaint_report_facts_targets_ins AFTER INSERT ON complaint_sla_targets
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fid_cf_targets_ins_trg();
CREATE TRIGGER complaint_report_facts_targets_upd AFTER UPDATE ON complaint_sla_targets
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION fid_cf_targets_upd_trg();
CREATE TRIGGER complaint_report_facts_targets_del AFTER DELETE ON complaint_sla_targets
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fid_cf_targets_del_trg();

-- Existing cases (an upgrade): all at once, in key order.
INSERT INTO complaint_report_facts SELECT * FROM complaint_report_fact_of ORDER BY org_id, complaint_id;
