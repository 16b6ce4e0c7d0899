-- Retention and loyalty (issue 7): transactions, contracts, model runs and
-- per-customer scores, value tiers, loyalty ledger, win-back actions. Every table carries
-- org_id and every index leads with it. Runs unchanged on PGlite and PostgreSQL.

CREATE TABLE retention_settings (
  org_id            uuid PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
  currency          text NOT NULL DEFAULT 'EUR',
  discount_rate     double precision NOT NULL DEFAULT 0.1 CHECK (discount_rate >= 0 AND discount_rate < 1),
  clv_horizon_weeks integer NOT NULL DEFAULT 52 CHECK (clv_horizon_weeks BETWEEN 1 AND 520),
  at_risk_p_alive   double precision NOT NULL DEFAULT 0.5 CHECK (at_risk_p_alive > 0 AND at_risk_p_alive < 1),
  -- 'percentile': min_percentile of each tier; 'rules': min_clv of each tier
  tier_mode         text NOT NULL DEFAULT 'percentile' CHECK (tier_mode IN ('percentile', 'rules')),
  email_tier_changes boolean NOT NULL DEFAULT false,
  updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE retention_tiers (
  org_id          uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  key             text NOT NULL CHECK (key IN ('bronze', 'silver', 'gold')),
  rank            integer NOT NULL,
  min_percentile  double precision NOT NULL CHECK (min_percentile >= 0 AND min_percentile < 100),
  min_clv         double precision NOT NULL DEFAULT 0 CHECK (min_clv >= 0),
  benefits        jsonb NOT NULL DEFAULT '[]'::jsonb,
  PRIMARY KEY (org_id, key)
);

CREATE TABLE retention_imports (
  org_id       uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  file_name    text NOT NULL,
  file_format  text NOT NULL CHECK (file_format IN ('csv', 'xlsx')),
  file_data    bytea NOT NULL,
  headers      jsonb NOT NULL DEFAULT '[]'::jsonb,
  mapping      jsonb NOT NULL DEFAULT '{}'::jsonb,
  status       text NOT NULL DEFAULT 'uploaded'
               CHECK (status IN ('uploaded', 'queued', 'running', 'done', 'failed')),
  total        integer NOT NULL DEFAULT 0,
  inserted     integer NOT NULL DEFAULT 0,
  updated      integer NOT NULL DEFAULT 0,
  unchanged    integer NOT NULL DEFAULT 0,
  rejected     integer NOT NULL DEFAULT 0,
  -- accepted rows worth a look (zero amounts): [{row, column, value, reason}], first 100
  warnings     jsonb NOT NULL DEFAULT '[]'::jsonb,
  warned       integer NOT NULL DEFAULT 0,
  error        text,
  created_by   uuid,
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  PRIMARY KEY (org_id, id)
);

CREATE TABLE retention_import_rejections (
  org_id     uuid NOT NULL,
  import_id  uuid NOT NULL,
  row_no     integer NOT NULL,
  column_name text NOT NULL,
  value      text NOT NULL,
  reason     text NOT NULL,
  FOREIGN KEY (org_id, import_id) REFERENCES retention_imports (org_id, id) ON DELETE CASCADE
);
CREATE INDEX retention_import_rejections_idx ON retention_import_rejections (org_id, import_id, row_no);

-- One purchase (or an explicit refund: type = 'refund', amount < 0).
CREATE TABLE retention_transactions (
  org_id       uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  external_id  text NOT NULL,
  customer_id  uuid NOT NULL,
  occurred_on  date NOT NULL,
  amount       numeric(14, 2) NOT NULL,
  currency     text NOT NULL,
  type         text NOT NULL DEFAULT 'purchase' CHECK (type IN ('purchase', 'refund')),
  units        integer,
  import_id    uuid,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, external_id),
  CHECK ((type = 'purchase' AND amount >= 0) OR (type = 'refund' AND amount < 0)),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id) ON DELETE CASCADE
);
CREATE INDEX retention_transactions_customer_idx ON retention_transactions (org_id, customer_id, occurred_on);

-- Contractual customers (subscriptions, accounts): start and optional end date.
CREATE TABLE retention_contracts (
  org_id        uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  customer_id   uuid NOT NULL,
  plan          text NOT NULL,
  start_date    date NOT NULL,
  end_date      date,
  monthly_fee   numeric(14, 2),
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK (end_date IS NULL OR end_date >= start_date),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id) ON DELETE CASCADE
);
CREATE INDEX retention_contracts_customer_idx ON retention_contracts (org_id, customer_id);

CREATE TABLE retention_model_runs (
  org_id          uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  version         integer NOT NULL,
  status          text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  calibration_end date NOT NULL,
  discount_rate   double precision NOT NULL,
  horizon_weeks   integer NOT NULL,
  customers       integer NOT NULL DEFAULT 0,
  bgnbd           jsonb,
  gamma_gamma     jsonb,
  diagnostics     jsonb NOT NULL DEFAULT '{}'::jsonb,
  warnings        jsonb NOT NULL DEFAULT '[]'::jsonb,
  error           text,
  created_by      uuid,
  created_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, version)
);

-- Scores per customer per run (the history is the list over runs).
CREATE TABLE retention_scores (
  org_id             uuid NOT NULL,
  run_id             uuid NOT NULL,
  customer_id        uuid NOT NULL,
  frequency          integer NOT NULL,
  recency_weeks      double precision NOT NULL,
  t_weeks            double precision NOT NULL,
  monetary           double precision,
  p_alive            double precision NOT NULL,
  expected_90d       double precision NOT NULL,
  expected_365d      double precision NOT NULL,
  expected_spend     double precision,
  clv                double precision,
  rfm_r              smallint NOT NULL,
  rfm_f              smallint NOT NULL,
  rfm_m              smallint NOT NULL,
  rfm_segment        text NOT NULL,
  tier               text,
  PRIMARY KEY (org_id, run_id, customer_id),
  FOREIGN KEY (org_id, run_id) REFERENCES retention_model_runs (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id) ON DELETE CASCADE
);
CREATE INDEX retention_scores_customer_idx ON retention_scores (org_id, customer_id);
CREATE INDEX retention_scores_clv_idx ON retention_scores (org_id, run_id, clv DESC);

-- Current tier per customer and the history of changes.
CREATE TABLE retention_customer_tiers (
  org_id       uuid NOT NULL,
  customer_id  uuid NOT NULL,
  tier         text NOT NULL,
  since        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, customer_id),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id) ON DELETE CASCADE
);
CREATE TABLE retention_tier_history (
  org_id       uuid NOT NULL,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  customer_id  uuid NOT NULL,
  from_tier    text,
  to_tier      text NOT NULL,
  run_id       uuid,
  changed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id) ON DELETE CASCADE
);
CREATE INDEX retention_tier_history_customer_idx ON retention_tier_history (org_id, customer_id, changed_at);

CREATE TABLE retention_notifications (
  org_id       uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  customer_id  uuid,
  kind         text NOT NULL,
  payload      jsonb NOT NULL DEFAULT '{}'::jsonb,
  emailed_at   timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE INDEX retention_notifications_idx ON retention_notifications (org_id, created_at DESC);

CREATE TABLE loyalty_members (
  org_id       uuid NOT NULL,
  customer_id  uuid NOT NULL,
  member_no    text NOT NULL,
  joined_on    date NOT NULL DEFAULT CURRENT_DATE,
  balance      integer NOT NULL DEFAULT 0 CHECK (balance >= 0),
  PRIMARY KEY (org_id, customer_id),
  UNIQUE (org_id, member_no),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id) ON DELETE CASCADE
);

-- Append-only points ledger; client_id makes a retried request a no-op.
CREATE TABLE loyalty_ledger (
  org_id        uuid NOT NULL,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  customer_id   uuid NOT NULL,
  client_id     text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('earn', 'redeem')),
  points        integer NOT NULL CHECK (points > 0),
  balance_after integer NOT NULL CHECK (balance_after >= 0),
  reason        text NOT NULL DEFAULT '',
  created_by    uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, client_id),
  FOREIGN KEY (org_id, customer_id) REFERENCES loyalty_members (org_id, customer_id) ON DELETE CASCADE
);
CREATE INDEX loyalty_ledger_customer_idx ON loyalty_ledger (org_id, customer_id, created_at);

CREATE FUNCTION loyalty_ledger_append_only() RETURNS trigger AS $$
BEGIN
  -- A cascade from the member/customer/org deletion (erasure) is the only removal.
  IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN RETURN OLD; END IF;
  RAISE EXCEPTION 'loyalty_ledger is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER loyalty_ledger_no_change BEFORE UPDATE OR DELETE ON loyalty_ledger
  FOR EACH ROW EXECUTE FUNCTION loyalty_ledger_append_only();

CREATE TABLE retention_winback_actions (
  org_id       uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  customer_id  uuid NOT NULL,
  action       text NOT NULL CHECK (action IN ('survey', 'case')),
  survey_id    uuid,
  job_id       uuid,
  note         text NOT NULL DEFAULT '',
  created_by   uuid,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, customer_id) REFERENCES customers (org_id, id) ON DELETE CASCADE
);
CREATE INDEX retention_winback_customer_idx ON retention_winback_actions (org_id, customer_id);
