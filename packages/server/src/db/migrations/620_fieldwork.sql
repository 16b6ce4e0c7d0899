-- Fieldwork (issue 15): checklists built from service standards (versioned: a visit keeps the
-- version it was made on), visits (internal audits, mystery shopping, competitor outlets),
-- answers, evidence/receipt photos and corrective actions. Standards are referenced by id and
-- snapshotted (code, name, target) into each checklist version's items, so a later change of a
-- standard never rewrites a past visit.
CREATE TABLE fieldwork_checklists (
  org_id          uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name            text NOT NULL,
  description     text NOT NULL DEFAULT '',
  current_version int NOT NULL DEFAULT 1,
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fieldwork_checklists_org ON fieldwork_checklists (org_id, name);

-- items: [{ key, section, label, type yesno|number|scale, weight, critical, min, max, pass,
--           unit, photo (evidence required), standardId, standardCode, standardName }]
CREATE TABLE fieldwork_checklist_versions (
  org_id       uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  checklist_id uuid NOT NULL REFERENCES fieldwork_checklists(id) ON DELETE CASCADE,
  version      int NOT NULL,
  items        jsonb NOT NULL,
  created_by   uuid,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (checklist_id, version)
);
CREATE INDEX fieldwork_checklist_versions_org ON fieldwork_checklist_versions (org_id, checklist_id);

CREATE TABLE fieldwork_visits (
  org_id            uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id                uuid PRIMARY KEY,
  checklist_id      uuid NOT NULL REFERENCES fieldwork_checklists(id) ON DELETE RESTRICT,
  checklist_version int NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('audit', 'mystery', 'competitor')),
  unit_id           uuid REFERENCES org_units(id) ON DELETE RESTRICT,
  competitor_name   text,
  assignee_id       uuid REFERENCES users(id) ON DELETE SET NULL,
  staff_user_id     uuid REFERENCES users(id) ON DELETE SET NULL,
  window_from       date,
  window_to         date,
  status            text NOT NULL DEFAULT 'scheduled'
                    CHECK (status IN ('scheduled', 'submitted', 'approved', 'rejected')),
  source            text NOT NULL DEFAULT 'app' CHECK (source IN ('app', 'import')),
  external_ref      text,
  started_at        timestamptz,
  ended_at          timestamptz,
  submitted_at      timestamptz,
  visited_at        timestamptz,
  submission_hash   text,
  earned            double precision,
  possible          double precision,
  score             double precision,
  final_score       double precision,
  critical_failed   text[] NOT NULL DEFAULT '{}',
  unanswered        int NOT NULL DEFAULT 0,
  sections          jsonb NOT NULL DEFAULT '[]',
  flags             jsonb NOT NULL DEFAULT '[]',
  comment           text NOT NULL DEFAULT '',
  reviewed_by       uuid REFERENCES users(id) ON DELETE SET NULL,
  reviewed_at       timestamptz,
  review_note       text NOT NULL DEFAULT '',
  created_by        uuid,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'competitor') = (competitor_name IS NOT NULL)),
  CHECK (kind = 'competitor' OR unit_id IS NOT NULL),
  FOREIGN KEY (checklist_id, checklist_version)
    REFERENCES fieldwork_checklist_versions (checklist_id, version)
);
CREATE INDEX fieldwork_visits_org_status ON fieldwork_visits (org_id, status, visited_at);
CREATE INDEX fieldwork_visits_org_assignee ON fieldwork_visits (org_id, assignee_id, status);
CREATE INDEX fieldwork_visits_org_unit ON fieldwork_visits (org_id, unit_id, visited_at);
CREATE UNIQUE INDEX fieldwork_visits_external ON fieldwork_visits (org_id, external_ref)
  WHERE external_ref IS NOT NULL;

-- value: true/false, a number, "na"; absent row = not observed
CREATE TABLE fieldwork_answers (
  org_id   uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  visit_id uuid NOT NULL REFERENCES fieldwork_visits(id) ON DELETE CASCADE,
  item_key text NOT NULL,
  value    jsonb NOT NULL,
  comment  text NOT NULL DEFAULT '',
  PRIMARY KEY (visit_id, item_key)
);
CREATE INDEX fieldwork_answers_org ON fieldwork_answers (org_id, visit_id);

CREATE TABLE fieldwork_photos (
  org_id       uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id           uuid PRIMARY KEY,
  visit_id     uuid NOT NULL REFERENCES fieldwork_visits(id) ON DELETE CASCADE,
  item_key     text,
  kind         text NOT NULL CHECK (kind IN ('evidence', 'receipt')),
  filename     text NOT NULL,
  content_type text NOT NULL,
  size_bytes   int NOT NULL,
  sha256       text NOT NULL,
  data         bytea NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fieldwork_photos_visit ON fieldwork_photos (org_id, visit_id);
CREATE INDEX fieldwork_photos_hash ON fieldwork_photos (org_id, sha256);

CREATE TABLE fieldwork_actions (
  org_id        uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  visit_id      uuid NOT NULL REFERENCES fieldwork_visits(id) ON DELETE CASCADE,
  unit_id       uuid NOT NULL REFERENCES org_units(id) ON DELETE RESTRICT,
  item_key      text NOT NULL,
  standard_id   uuid,
  title         text NOT NULL,
  critical      boolean NOT NULL DEFAULT false,
  owner_id      uuid REFERENCES users(id) ON DELETE SET NULL,
  due_date      date NOT NULL,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'verified')),
  done_note     text NOT NULL DEFAULT '',
  done_at       timestamptz,
  verified_by   uuid REFERENCES users(id) ON DELETE SET NULL,
  verified_at   timestamptz,
  verify_note   text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (visit_id, item_key)
);
CREATE INDEX fieldwork_actions_org_status ON fieldwork_actions (org_id, status, due_date);
