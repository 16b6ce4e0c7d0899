-- Rate-limit counters shared by every server process on one database (scaling out: a client
-- cannot multiply its budget by spreading requests over instances). One row per
-- key (its current window: starts at the key's first hit, ends at expires_at); `key` is the
-- limited route + client address, or an account (login, password reset).
-- No org_id: a limit is per client or per e-mail address, before anyone is known to belong to an
-- org (the only table without it apart from schema_migrations; kept out of backups).
-- UNLOGGED: counters are throw-away, so no WAL and no fsync per increment; a crash empties the
-- table, which only gives clients a fresh window.
CREATE UNLOGGED TABLE rate_limits (
  key         text PRIMARY KEY,
  hits        integer NOT NULL,
  expires_at  bigint NOT NULL -- epoch ms: end of the current window
);
CREATE INDEX rate_limits_expires ON rate_limits (expires_at);
