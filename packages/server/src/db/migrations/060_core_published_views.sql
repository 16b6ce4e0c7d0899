-- Published read-only views of the core modules (ARCHITECTURE.md "Cross-module reads"): other
-- modules join these, never the tables, so the owner may reshape its tables behind them. The
-- column lists are the contract: no password hashes, no tokens. Simple views, so the planner
-- inlines them and the tables' indexes serve the joins.

CREATE VIEW pub_orgs AS
  SELECT id, org_id, name, slug, created_at FROM orgs;

CREATE VIEW pub_org_units AS
  SELECT org_id, id, parent_id, name, kind, created_at FROM org_units;

CREATE VIEW pub_users AS
  SELECT org_id, id, email, name, role, unit_id, locale, active, created_at, updated_at FROM users;

CREATE VIEW pub_audit_log AS
  SELECT org_id, id, at, actor_id, actor_email, action, entity, entity_id, changes FROM audit_log;

-- Job state for the screens that show the progress of work a module queued.
CREATE VIEW pub_jobs AS
  SELECT org_id, id, kind, payload, status, attempts, last_error, progress, result, run_at,
         created_at, updated_at
    FROM jobs;
