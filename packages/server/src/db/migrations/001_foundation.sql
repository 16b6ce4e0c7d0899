-- Core schema: tenancy, accounts, audit, jobs. Runs unchanged on PGlite and PostgreSQL 15.
-- Every table carries org_id (Citus: all distributed by org_id; none are reference tables).

CREATE TABLE orgs (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id      uuid GENERATED ALWAYS AS (id) STORED,
  name        text NOT NULL,
  slug        text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE org_units (
  org_id      uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  parent_id   uuid REFERENCES org_units(id) ON DELETE RESTRICT,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('company', 'region', 'branch', 'team')),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX org_units_org_parent ON org_units (org_id, parent_id);

CREATE TABLE users (
  org_id         uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email          text NOT NULL,
  name           text NOT NULL,
  role           text NOT NULL CHECK (role IN ('owner', 'admin', 'analyst', 'agent', 'viewer')),
  unit_id        uuid REFERENCES org_units(id) ON DELETE SET NULL,
  locale         text NOT NULL DEFAULT 'es' CHECK (locale IN ('es', 'en')),
  password_hash  text,
  active         boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
-- Login is by email across orgs, so an email belongs to one account.
CREATE UNIQUE INDEX users_email ON users (lower(email));
CREATE INDEX users_org ON users (org_id);

CREATE TABLE sessions (
  org_id      uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id_hash     text PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
  org_id        uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name          text NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  scopes        text[] NOT NULL DEFAULT '{}',
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz
);
CREATE INDEX api_tokens_org ON api_tokens (org_id);

CREATE TABLE password_resets (
  org_id      uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  token_hash  text PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (
  org_id      uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  at          timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_id    uuid,
  actor_email text,
  action      text NOT NULL,
  entity      text NOT NULL,
  entity_id   text,
  changes     jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_org_at ON audit_log (org_id, at DESC, id DESC);

-- Append-only: the database itself refuses UPDATE and DELETE (org deletion cascades are TRUNCATE-free
-- by design: an org is never hard-deleted while its audit trail must be kept).
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE jobs (
  org_id        uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind          text NOT NULL,
  payload       jsonb NOT NULL DEFAULT '{}'::jsonb,
  status        text NOT NULL DEFAULT 'queued'
                CHECK (status IN ('queued', 'running', 'done', 'failed')),
  attempts      integer NOT NULL DEFAULT 0,
  max_attempts  integer NOT NULL DEFAULT 3,
  run_at        timestamptz NOT NULL DEFAULT now(),
  locked_until  timestamptz,
  last_error    text,
  progress      jsonb,
  result        jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_ready ON jobs (status, run_at);
