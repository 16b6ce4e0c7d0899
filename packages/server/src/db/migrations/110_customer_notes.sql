-- Customer 360 (issue 12): staff notes on a customer, shown in the customer timeline, and an
-- index for the timeline's audit source (a customer's own audit entries, newest first, without
-- scanning the whole org's audit log).
CREATE TABLE customer_notes (
  org_id       uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  customer_id  uuid NOT NULL,
  body         text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  author_id    uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_notes_timeline ON customer_notes (org_id, customer_id, created_at, id);
CREATE INDEX audit_log_entity ON audit_log (org_id, entity, entity_id, at, id);
