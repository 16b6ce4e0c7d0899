-- The staff case list (filters, sorting, "past due" in one click, saved views) and the
-- customer suggestion on the case page (an e-mail that matches a customer is suggested,
-- never linked silently).

-- The case's next SLA due instant: the earliest due instant of its targets not yet met (NULL
-- while paused, when everything is met, or when no target was computed). Kept by the SLA
-- recomputation (modules/complaints/sla/service.ts recomputeCases) in the same transaction.
ALTER TABLE complaints ADD COLUMN due_at timestamptz;
UPDATE complaints c SET due_at = (
  SELECT min(t.due_at) FROM complaint_sla_targets t
   WHERE t.org_id = c.org_id AND t.complaint_id = c.id AND t.met_at IS NULL)
 WHERE c.status NOT IN ('closed', 'rejected');

-- The customer an agent said the contact e-mail does NOT belong to (suggestion dismissed).
ALTER TABLE complaints ADD COLUMN customer_match_dismissed uuid;

-- "Open, past due, in this org" (the one-click chip) and the due-time sort of open cases:
-- a partial index holds only open cases, so it stays small however many closed ones pile up.
CREATE INDEX complaints_org_open_due ON complaints (org_id, due_at, id)
  WHERE status NOT IN ('closed', 'rejected');
-- The default order of the list (newest first) with its tie-breaker, for every filter mix
-- that the other indexes do not narrow.
CREATE INDEX complaints_org_received ON complaints (org_id, received_at, id);
CREATE INDEX complaints_org_severity ON complaints (org_id, severity, received_at);
CREATE INDEX complaints_org_category ON complaints (org_id, category_id, received_at);
-- The e-mail match (customers module lookup used by complaints intake and the case page).
CREATE INDEX IF NOT EXISTS customers_org_email_lower ON customers (org_id, lower(email))
  WHERE email IS NOT NULL;

-- Saved views of the case list: a name and the list's query string, per user.
CREATE TABLE complaint_saved_views (
  org_id      uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  query       jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX complaint_saved_views_name ON complaint_saved_views (org_id, user_id, name);
