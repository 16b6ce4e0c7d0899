-- Customer panels and focus groups (issue 17): panels of customers (from the registry or a
-- public sign-up with double opt-in), consent and its withdrawal, reproducible quota samples,
-- an incentives ledger, sessions (focus groups / in-depth interviews) with a discussion guide,
-- e-mail invitations with RSVP, attendance, notes/transcripts and insights linked to needs
-- (strategy, no FK: that table lives in another range), service attributes (standards, no FK)
-- and gaps. Every table carries org_id and every index leads with it.

CREATE TABLE panels (
  org_id       uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  name         text NOT NULL,
  description  text NOT NULL DEFAULT '',
  kind         text NOT NULL DEFAULT 'external' CHECK (kind IN ('external', 'internal', 'mixed')),
  -- public sign-up form: slug (null = closed) and the consent text shown there
  signup_slug  text,
  consent_text text NOT NULL DEFAULT '',
  fatigue_days integer NOT NULL DEFAULT 30 CHECK (fatigue_days BETWEEN 0 AND 365),
  created_by   uuid,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE UNIQUE INDEX panels_signup_slug ON panels (signup_slug) WHERE signup_slug IS NOT NULL;

CREATE TABLE panel_members (
  org_id        uuid NOT NULL,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  panel_id      uuid NOT NULL,
  customer_id   uuid,
  name          text NOT NULL,
  email         text,
  -- profile (copied from the registry at recruitment, editable): segment, classification by
  -- use, importance tier, demographics (free key/value)
  kind          text NOT NULL DEFAULT 'external',
  segment       text,
  use_class     text,
  tier          text,
  demographics  jsonb NOT NULL DEFAULT '{}'::jsonb,
  language      text NOT NULL DEFAULT 'es' CHECK (language IN ('es', 'en')),
  source        text NOT NULL DEFAULT 'registry' CHECK (source IN ('registry', 'signup')),
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('pending', 'active', 'withdrawn', 'erased')),
  consent_text  text NOT NULL DEFAULT '',
  consent_at    timestamptz,
  withdrawn_at  timestamptz,
  optin_hash    text,
  last_contacted_at timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, panel_id) REFERENCES panels (org_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX panel_members_customer ON panel_members (org_id, panel_id, customer_id)
  WHERE customer_id IS NOT NULL;
CREATE INDEX panel_members_panel ON panel_members (org_id, panel_id, status);
CREATE INDEX panel_members_by_customer ON panel_members (org_id, customer_id);

CREATE TABLE panel_samples (
  org_id      uuid NOT NULL,
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  panel_id    uuid NOT NULL,
  seed        integer NOT NULL,
  size        integer NOT NULL,
  quotas      jsonb NOT NULL DEFAULT '[]'::jsonb,
  member_ids  uuid[] NOT NULL DEFAULT '{}',
  fill        jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_by  uuid,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, panel_id) REFERENCES panels (org_id, id) ON DELETE CASCADE
);

CREATE TABLE panel_sessions (
  org_id       uuid NOT NULL,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  panel_id     uuid NOT NULL,
  kind         text NOT NULL DEFAULT 'focus_group' CHECK (kind IN ('focus_group', 'interview')),
  topic        text NOT NULL,
  -- [{ text, needId?, attributeId?, servqualItem? }]
  guide        jsonb NOT NULL DEFAULT '[]'::jsonb,
  starts_at    timestamptz NOT NULL,
  place        text NOT NULL DEFAULT '',
  video_url    text NOT NULL DEFAULT '',
  moderator_id uuid,
  recording    boolean NOT NULL DEFAULT false,
  sample_id    uuid,
  created_by   uuid,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, panel_id) REFERENCES panels (org_id, id) ON DELETE CASCADE
);
CREATE INDEX panel_sessions_panel ON panel_sessions (org_id, panel_id, starts_at);

CREATE TABLE panel_invites (
  org_id       uuid NOT NULL,
  session_id   uuid NOT NULL,
  member_id    uuid NOT NULL,
  token_hash   text NOT NULL,
  rsvp         text NOT NULL DEFAULT 'pending' CHECK (rsvp IN ('pending', 'yes', 'no')),
  attended     boolean NOT NULL DEFAULT false,
  recording_consent boolean NOT NULL DEFAULT false,
  invited_at   timestamptz NOT NULL DEFAULT now(),
  mailed_at    timestamptz,
  reminded_at  timestamptz,
  answered_at  timestamptz,
  PRIMARY KEY (org_id, session_id, member_id),
  FOREIGN KEY (org_id, session_id) REFERENCES panel_sessions (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, member_id) REFERENCES panel_members (org_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX panel_invites_token ON panel_invites (token_hash);
CREATE INDEX panel_invites_member ON panel_invites (org_id, member_id);

CREATE TABLE panel_notes (
  org_id      uuid NOT NULL,
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  session_id  uuid NOT NULL,
  kind        text NOT NULL DEFAULT 'typed' CHECK (kind IN ('typed', 'transcript')),
  file_name   text,
  body        text NOT NULL,
  themes      text[] NOT NULL DEFAULT '{}',
  author_id   uuid,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, session_id) REFERENCES panel_sessions (org_id, id) ON DELETE CASCADE
);
CREATE INDEX panel_notes_session ON panel_notes (org_id, session_id, created_at);

CREATE TABLE panel_insights (
  org_id       uuid NOT NULL,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  session_id   uuid NOT NULL,
  note_id      uuid,
  member_id    uuid,
  customer_id  uuid,
  theme        text NOT NULL,
  quote        text NOT NULL DEFAULT '',
  segment      text,
  need_id      uuid,
  need_kind    text CHECK (need_kind IN ('stated', 'real')),
  attribute_id uuid,
  gap          integer CHECK (gap BETWEEN 1 AND 5),
  created_by   uuid,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, session_id) REFERENCES panel_sessions (org_id, id) ON DELETE CASCADE
);
CREATE INDEX panel_insights_session ON panel_insights (org_id, session_id);
CREATE INDEX panel_insights_customer ON panel_insights (org_id, customer_id, created_at, id);
CREATE INDEX panel_insights_need ON panel_insights (org_id, need_id);
CREATE INDEX panel_insights_attribute ON panel_insights (org_id, attribute_id);

CREATE TABLE panel_incentives (
  org_id      uuid NOT NULL,
  id          uuid NOT NULL,
  member_id   uuid NOT NULL,
  customer_id uuid,
  session_id  uuid,
  kind        text NOT NULL CHECK (kind IN ('points', 'voucher')),
  amount      numeric(12, 2) NOT NULL CHECK (amount > 0),
  note        text NOT NULL DEFAULT '',
  created_by  uuid,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, member_id) REFERENCES panel_members (org_id, id) ON DELETE CASCADE
);
CREATE INDEX panel_incentives_member ON panel_incentives (org_id, member_id, created_at);
CREATE INDEX panel_incentives_customer ON panel_incentives (org_id, customer_id, created_at, id);
