-- Five-gap diagnostic (issue 16): the promises registry (gap 4), complaints that cite a promise,
-- and the tracked action list. Every table carries org_id and every index leads with it; ids are
-- client-made (a retried create is a replay, not a second row). Runs on PGlite and PostgreSQL.

CREATE TABLE diagnostic_promises (
  org_id          uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id              uuid NOT NULL,
  -- null: the whole organisation
  unit_id         uuid REFERENCES org_units(id) ON DELETE SET NULL,
  text            text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  channel         text NOT NULL
                  CHECK (channel IN ('advertising', 'website', 'contract', 'script', 'staff', 'other')),
  valid_from      date,
  valid_to        date,
  -- SERVQUAL item numbers 1..22 the promise is about
  servqual_items  integer[] NOT NULL DEFAULT '{}',
  -- service attributes of the standards catalogue (ids; kept when an attribute goes away)
  attribute_ids   uuid[] NOT NULL DEFAULT '{}',
  owner_id        uuid REFERENCES users(id) ON DELETE SET NULL,
  request_hash    text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to)
);
CREATE INDEX diagnostic_promises_list ON diagnostic_promises (org_id, created_at DESC, id);

CREATE TABLE diagnostic_promise_complaints (
  org_id        uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  promise_id    uuid NOT NULL,
  complaint_id  uuid NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
  linked_by     uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, promise_id, complaint_id),
  FOREIGN KEY (org_id, promise_id) REFERENCES diagnostic_promises (org_id, id) ON DELETE CASCADE
);

CREATE TABLE diagnostic_actions (
  org_id          uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id              uuid NOT NULL,
  unit_id         uuid REFERENCES org_units(id) ON DELETE SET NULL,
  gap             integer NOT NULL CHECK (gap BETWEEN 1 AND 5),
  dimension       text CHECK (dimension IN ('tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy')),
  -- the finding it came from (e.g. 'gap5:reliability'), the title as accepted, the rank score
  finding_key     text NOT NULL CHECK (length(finding_key) BETWEEN 1 AND 200),
  title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  detail          text NOT NULL DEFAULT '' CHECK (length(detail) <= 4000),
  score           double precision NOT NULL DEFAULT 0,
  -- the customer SERVQUAL survey, period and the dimension's gap 5 when accepted
  survey_id       uuid,
  period_from     date,
  period_to       date,
  baseline_gap    double precision,
  owner_id        uuid REFERENCES users(id) ON DELETE SET NULL,
  due_on          date,
  status          text NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
  closed_at       timestamptz,
  request_hash    text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE INDEX diagnostic_actions_list ON diagnostic_actions (org_id, status, due_on, id);
