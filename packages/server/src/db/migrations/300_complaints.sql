-- Complaints (ISO 10002). Runs unchanged on PGlite (PG 18) and PostgreSQL 15.
-- Every table carries org_id and every index leads with it (Citus: distributed by org_id).

-- Per-org settings: assignment strategy, expected response time, the recourse text shown on
-- rejection, and the round-robin cursor.
CREATE TABLE complaint_settings (
  org_id            uuid PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
  strategy          text NOT NULL DEFAULT 'round_robin' CHECK (strategy IN ('round_robin', 'least_loaded')),
  exclude_managers  boolean NOT NULL DEFAULT true,
  response_days     integer NOT NULL DEFAULT 10 CHECK (response_days BETWEEN 1 AND 90),
  recourse          text,
  rr_last_user_id   uuid,
  updated_at        timestamptz NOT NULL DEFAULT now()
);

-- One manager per unit (impartial assignment: never to the manager of the staff involved;
-- the SLA module escalates to the unit manager).
CREATE TABLE complaint_unit_managers (
  org_id   uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  unit_id  uuid NOT NULL REFERENCES org_units(id) ON DELETE CASCADE,
  user_id  uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (org_id, unit_id)
);

-- Reference sequence per org and year: INSERT .. ON CONFLICT DO UPDATE takes a row lock, so
-- concurrent intakes get distinct numbers and a rolled-back intake at worst leaves a gap.
CREATE TABLE complaint_counters (
  org_id  uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  year    integer NOT NULL,
  last    integer NOT NULL,
  PRIMARY KEY (org_id, year)
);

-- Editable trees: complaint categories and root causes.
CREATE TABLE complaint_categories (
  org_id              uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tree                text NOT NULL CHECK (tree IN ('category', 'cause')),
  parent_id           uuid REFERENCES complaint_categories(id) ON DELETE RESTRICT,
  name                text NOT NULL,
  servqual_dimension  text CHECK (servqual_dimension IN
                        ('tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy')),
  active              boolean NOT NULL DEFAULT true,
  created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX complaint_categories_org ON complaint_categories (org_id, tree, parent_id);

CREATE TABLE complaints (
  org_id                uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference             text NOT NULL,
  channel               text NOT NULL CHECK (channel IN ('web', 'counter', 'phone', 'email', 'survey')),
  form                  text NOT NULL DEFAULT 'complaint'
                        CHECK (form IN ('complaint', 'unexpressed', 'avoidable', 'trivial')),
  status                text NOT NULL DEFAULT 'received' CHECK (status IN
                        ('received', 'acknowledged', 'assessed', 'investigating', 'responded',
                         'closed', 'rejected', 'reopened')),
  subject               text NOT NULL,
  description           text NOT NULL,
  language              text NOT NULL DEFAULT 'es' CHECK (language IN ('es', 'en')),
  category_id           uuid REFERENCES complaint_categories(id) ON DELETE SET NULL,
  servqual_dimension    text CHECK (servqual_dimension IN
                          ('tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy')),
  service_attribute     text,
  severity              text NOT NULL DEFAULT 'medium'
                        CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  remedy_sought         text[] NOT NULL DEFAULT '{}',
  customer_id           uuid,
  contact_name          text,
  contact_email         text,
  contact_phone         text,
  unit_id               uuid REFERENCES org_units(id) ON DELETE SET NULL,
  staff_involved        uuid[] NOT NULL DEFAULT '{}',
  assignee_id           uuid REFERENCES users(id) ON DELETE SET NULL,
  -- agents who declared a conflict of interest (never assigned again)
  excluded_agents       uuid[] NOT NULL DEFAULT '{}',
  -- idempotency of automatic intake: survey response id, e-mail Message-ID
  source_ref            text,
  -- the customer's follow-up link (status, decision, rating): a random capability token
  customer_token        text UNIQUE,
  expected_response_by  timestamptz,
  acknowledged_at       timestamptz,
  first_response_at     timestamptz,
  responded_at          timestamptz,
  waiting_since         timestamptz,
  reject_reason         text,
  recourse              text,
  response_text         text,
  remedies              jsonb NOT NULL DEFAULT '[]'::jsonb,
  customer_decision     text CHECK (customer_decision IN ('accepted', 'rejected')),
  decision_comment      text,
  decided_at            timestamptz,
  root_category_id      uuid REFERENCES complaint_categories(id) ON DELETE SET NULL,
  cause_id              uuid REFERENCES complaint_categories(id) ON DELETE SET NULL,
  five_whys             text[] NOT NULL DEFAULT '{}',
  closed_at             timestamptz,
  reopen_count          integer NOT NULL DEFAULT 0,
  rating                integer CHECK (rating BETWEEN 1 AND 5),
  rating_comment        text,
  rated_at              timestamptz,
  created_by            uuid,
  received_at           timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX complaints_org_reference ON complaints (org_id, reference);
CREATE UNIQUE INDEX complaints_org_source ON complaints (org_id, channel, source_ref);
CREATE INDEX complaints_org_status ON complaints (org_id, status, received_at);
CREATE INDEX complaints_org_unit ON complaints (org_id, unit_id, received_at);
CREATE INDEX complaints_org_assignee ON complaints (org_id, assignee_id, status);
CREATE INDEX complaints_org_customer ON complaints (org_id, customer_id);

-- The case timeline: every change with who and when; notes (internal) vs customer messages.
CREATE TABLE complaint_events (
  org_id        uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  complaint_id  uuid NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
  at            timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_id      uuid,
  -- 'system', 'customer', or the staff member's e-mail at the time
  actor_label   text NOT NULL,
  kind          text NOT NULL,
  visibility    text NOT NULL DEFAULT 'internal' CHECK (visibility IN ('internal', 'customer')),
  from_status   text,
  to_status     text,
  body          text,
  data          jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX complaint_events_case ON complaint_events (org_id, complaint_id, at);

-- Attachments: type decided by content sniffing (allow-list), always served as a download.
CREATE TABLE complaint_attachments (
  org_id        uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  complaint_id  uuid NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
  event_id      uuid REFERENCES complaint_events(id) ON DELETE SET NULL,
  filename      text NOT NULL,
  content_type  text NOT NULL,
  size          integer NOT NULL,
  sha256        text NOT NULL,
  data          bytea NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX complaint_attachments_case ON complaint_attachments (org_id, complaint_id);
