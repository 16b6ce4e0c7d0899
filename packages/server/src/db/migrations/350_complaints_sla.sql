-- Complaint SLAs (ISO 10002 response times): business-hours calendars, policies per category/severity,
-- per-case targets with their due instants, pauses (waiting for the customer) and the
-- warning/breach notifications. Every table carries org_id and every index leads with it.

-- A calendar: IANA zone, working intervals per ISO weekday, holidays (full or partial day).
-- `version` increments on every change; recomputation records which version it used.
CREATE TABLE complaint_sla_calendars (
  org_id      uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  time_zone   text NOT NULL,
  week        jsonb NOT NULL,
  holidays    jsonb NOT NULL DEFAULT '[]'::jsonb,
  is_default  boolean NOT NULL DEFAULT false,
  version     integer NOT NULL DEFAULT 1,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX complaint_sla_calendars_org ON complaint_sla_calendars (org_id);
CREATE UNIQUE INDEX complaint_sla_calendars_one_default
  ON complaint_sla_calendars (org_id) WHERE is_default;

-- Which calendar an org unit works by (inherited by child units without their own).
CREATE TABLE complaint_sla_unit_calendars (
  org_id       uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  unit_id      uuid NOT NULL REFERENCES org_units(id) ON DELETE CASCADE,
  calendar_id  uuid NOT NULL REFERENCES complaint_sla_calendars(id) ON DELETE CASCADE,
  PRIMARY KEY (org_id, unit_id)
);

-- Targets in business minutes. category_id / severity NULL = any; the most specific policy wins
-- (category+severity > category > severity > default).
CREATE TABLE complaint_sla_policies (
  org_id               uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                 text NOT NULL,
  category_id          uuid REFERENCES complaint_categories(id) ON DELETE CASCADE,
  severity             text CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  first_response_min   integer NOT NULL CHECK (first_response_min > 0),
  update_min           integer CHECK (update_min > 0),
  resolution_min       integer NOT NULL CHECK (resolution_min > 0),
  warn_percent         integer NOT NULL DEFAULT 80 CHECK (warn_percent BETWEEN 1 AND 99),
  version              integer NOT NULL DEFAULT 1,
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX complaint_sla_policies_scope ON complaint_sla_policies
  (org_id, COALESCE(category_id, '00000000-0000-0000-0000-000000000000'::uuid), COALESCE(severity, ''));

-- Periods during which a case's clocks stop (the case waits for the customer); end NULL = open.
CREATE TABLE complaint_sla_pauses (
  org_id        uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  complaint_id  uuid NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
  start_at      timestamptz NOT NULL,
  end_at        timestamptz,
  CHECK (end_at IS NULL OR end_at >= start_at)
);
CREATE INDEX complaint_sla_pauses_case ON complaint_sla_pauses (org_id, complaint_id, start_at);
CREATE UNIQUE INDEX complaint_sla_pauses_one_open ON complaint_sla_pauses (org_id, complaint_id)
  WHERE end_at IS NULL;

-- One row per case and target. `version` increments whenever due/warn instants change; the
-- timer job carries the version it was scheduled for and does nothing when it is stale.
CREATE TABLE complaint_sla_targets (
  org_id        uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  complaint_id  uuid NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
  target        text NOT NULL CHECK (target IN ('first_response', 'update', 'resolution')),
  policy_id     uuid REFERENCES complaint_sla_policies(id) ON DELETE SET NULL,
  calendar_id   uuid REFERENCES complaint_sla_calendars(id) ON DELETE SET NULL,
  target_min    integer NOT NULL,
  started_at    timestamptz NOT NULL,
  -- NULL while paused (the due instant is unknown until the customer answers)
  due_at        timestamptz,
  warn_at       timestamptz,
  met_at        timestamptz,
  paused        boolean NOT NULL DEFAULT false,
  warned_at     timestamptz,
  breached_at   timestamptz,
  version       integer NOT NULL DEFAULT 1,
  -- the queued timer job for this version (deleted when superseded, so the queue stays small)
  job_id        uuid,
  computed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, complaint_id, target)
);
CREATE INDEX complaint_sla_targets_due ON complaint_sla_targets (org_id, target, due_at);

-- Warnings before breach and escalations on breach, idempotent per case/target/kind/due instant.
CREATE TABLE complaint_sla_notifications (
  org_id            uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  complaint_id      uuid NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
  target            text NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('warning', 'breach')),
  due_at            timestamptz NOT NULL,
  recipient_id      uuid REFERENCES users(id) ON DELETE SET NULL,
  recipient_email   text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  sent_at           timestamptz,
  error             text
);
CREATE UNIQUE INDEX complaint_sla_notifications_once
  ON complaint_sla_notifications (org_id, complaint_id, target, kind, due_at);
CREATE INDEX complaint_sla_notifications_recent ON complaint_sla_notifications (org_id, created_at DESC);
