-- Weekly e-mail digest of the analytics overview (issue 11): one row per user who opted in.
-- `last_week` is the Monday of the last digest sent to the user, so a retried job never mails
-- anyone twice for the same week.
CREATE TABLE analytics_digest_subscriptions (
  org_id      uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  enabled     boolean NOT NULL DEFAULT true,
  last_week   date,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id)
);
CREATE INDEX analytics_digest_subscriptions_enabled
  ON analytics_digest_subscriptions (org_id) WHERE enabled;
