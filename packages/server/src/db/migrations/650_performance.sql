-- Performance and recognition (issue 15): compliments customers pay to staff or units, the
-- recognition rules, nominations by colleagues/managers, and the awards (badges and points:
-- the points ledger). Scorecards are computed on read from the owners' services and views.
CREATE TABLE performance_compliments (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  unit_id uuid,
  staff_user_id uuid,
  customer_name text,
  body text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('in_person', 'phone', 'email', 'web', 'letter',
                                           'social', 'survey', 'complaint')),
  received_on date NOT NULL,
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'survey', 'complaint')),
  source_ref text,
  body_hash text NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX performance_compliments_day ON performance_compliments (org_id, received_on);
CREATE INDEX performance_compliments_staff
  ON performance_compliments (org_id, staff_user_id, received_on);
CREATE UNIQUE INDEX performance_compliments_source
  ON performance_compliments (org_id, source, source_ref) WHERE source_ref IS NOT NULL;

CREATE TABLE performance_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  name_es text NOT NULL,
  name_en text NOT NULL,
  metric text NOT NULL CHECK (metric IN ('mystery_score', 'audit_score', 'compliments',
                                         'nps', 'csat')),
  threshold double precision NOT NULL,
  badge_es text,
  badge_en text,
  points integer NOT NULL DEFAULT 0 CHECK (points >= 0 AND points <= 100000),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX performance_rules_org ON performance_rules (org_id);

CREATE TABLE performance_nominations (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  nominee_id uuid NOT NULL,
  nominated_by uuid NOT NULL,
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  reason text NOT NULL,
  points integer NOT NULL DEFAULT 0 CHECK (points >= 0 AND points <= 100000),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by uuid,
  decided_at timestamptz,
  decision_note text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX performance_nominations_org ON performance_nominations (org_id, status, created_at);

-- One row per reward: from a rule (unique per person x rule x month: evaluation is idempotent)
-- or from an approved nomination (unique per nomination). Points summed = the ledger.
CREATE TABLE performance_awards (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  user_id uuid NOT NULL,
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  rule_id uuid REFERENCES performance_rules(id) ON DELETE SET NULL,
  nomination_id uuid REFERENCES performance_nominations(id) ON DELETE CASCADE,
  title_es text NOT NULL,
  title_en text NOT NULL,
  badge boolean NOT NULL DEFAULT false,
  points integer NOT NULL DEFAULT 0,
  value double precision,
  n integer,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX performance_awards_rule
  ON performance_awards (org_id, rule_id, user_id, period) WHERE rule_id IS NOT NULL;
CREATE UNIQUE INDEX performance_awards_nomination
  ON performance_awards (org_id, nomination_id) WHERE nomination_id IS NOT NULL;
CREATE INDEX performance_awards_period ON performance_awards (org_id, period);
CREATE INDEX performance_awards_user ON performance_awards (org_id, user_id, period);
