-- Service standards (issue 15) and the shared service attribute catalogue (issue 16).
-- service_attributes: the one catalogue Kano attribute keys, complaint service_attribute values,
-- need tags and standards point to (key unique per org, same pattern as a Kano attribute key).
-- service_moments: the definable, measurable units of the service act (greeting, waiting time…).
-- service_standards + service_standard_versions: a standard's identity and its versions; an edit
-- writes a new version, old versions stay readable (audits keep the version they used).
-- Every table carries org_id, every index leads with it; references within the org are
-- composite (org_id, id) so a row can never point into another org.

CREATE TABLE service_attributes (
  org_id          uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  key             text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,62}$'),
  name_es         text NOT NULL,
  name_en         text NOT NULL,
  description_es  text,
  description_en  text,
  attr_group      text NOT NULL DEFAULT 'process'
                  CHECK (attr_group IN ('tangibles', 'people', 'process', 'after_sales', 'product')),
  dimension       text CHECK (dimension IN ('tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy')),
  servqual_items  integer[] NOT NULL DEFAULT '{}',
  source          text NOT NULL DEFAULT 'manual',
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, key)
);

CREATE TABLE service_moments (
  org_id      uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  key         text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,62}$'),
  name_es     text NOT NULL,
  name_en     text NOT NULL,
  sort        integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, key)
);

CREATE TABLE service_standards (
  org_id           uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id               uuid NOT NULL UNIQUE,
  code             text NOT NULL,
  moment_id        uuid NOT NULL,
  current_version  integer NOT NULL DEFAULT 1,
  active           boolean NOT NULL DEFAULT true,
  catalogue        text,
  created_by       uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, code),
  FOREIGN KEY (org_id, moment_id) REFERENCES service_moments(org_id, id)
);
CREATE INDEX service_standards_moment ON service_standards (org_id, moment_id);

CREATE TABLE service_standard_versions (
  org_id          uuid NOT NULL,
  standard_id     uuid NOT NULL,
  version         integer NOT NULL CHECK (version >= 1),
  name_es         text NOT NULL,
  name_en         text NOT NULL,
  description_es  text,
  description_en  text,
  attribute_id    uuid,
  dimension       text CHECK (dimension IN ('tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy')),
  servqual_items  integer[] NOT NULL DEFAULT '{}',
  measure_kind    text NOT NULL CHECK (measure_kind IN ('yesno', 'number', 'scale')),
  target_min      double precision,
  target_max      double precision,
  uom_es          text,
  uom_en          text,
  owner_role      text,
  -- the level of service the standard promises on the SERVQUAL 1–7 scale (coverage rule)
  promised_level  double precision CHECK (promised_level IS NULL OR (promised_level >= 1 AND promised_level <= 7)),
  unit_ids        uuid[] NOT NULL DEFAULT '{}',
  research_url    text,
  research_note   text,
  research_survey_id uuid,
  change_note     text,
  created_by      uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, standard_id, version),
  FOREIGN KEY (org_id, standard_id) REFERENCES service_standards(org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, attribute_id) REFERENCES service_attributes(org_id, id),
  CHECK (target_min IS NULL OR target_max IS NULL OR target_min <= target_max)
);
CREATE INDEX service_standard_versions_attribute ON service_standard_versions (org_id, attribute_id);
