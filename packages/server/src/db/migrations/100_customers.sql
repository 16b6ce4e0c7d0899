-- Customer registry. Runs unchanged on PGlite (PG 18) and PostgreSQL 15.
-- Every table carries org_id and every index leads with it (Citus: distributed by org_id).
-- Foreign keys to orgs/org_units/users are added in a later migration once the core schema's
-- id types are fixed; org_id is still mandatory and every repo query filters on it.

CREATE TABLE customer_fields (
  org_id      uuid NOT NULL,
  key         text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,62}$'),
  label       text NOT NULL,
  type        text NOT NULL CHECK (type IN ('text', 'number', 'boolean', 'date', 'choice')),
  options     jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, key)
);

CREATE TABLE customers (
  org_id            uuid NOT NULL,
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  external_id       text,
  name              text NOT NULL,
  email             text,
  phone             text,
  kind              text NOT NULL DEFAULT 'external' CHECK (kind IN ('external', 'internal', 'user')),
  use_class         text CHECK (use_class IN ('processor', 'merchant', 'end_user', 'public')),
  tier              text CHECK (tier IN ('A', 'B', 'C')),
  status            text NOT NULL DEFAULT 'active'
                    CHECK (status IN ('active', 'inactive', 'lost', 'erased')),
  -- unit that serves/owns the customer (drives unit-subtree access)
  unit_id           uuid,
  -- internal customers: the org unit that *is* the customer, or the staff user
  internal_unit_id  uuid,
  internal_user_id  uuid,
  language          text CHECK (language IN ('es', 'en')),
  consent_email     boolean NOT NULL DEFAULT false,
  consent_survey    boolean NOT NULL DEFAULT false,
  stated_needs      text,
  real_needs        text,
  need_tags         text[] NOT NULL DEFAULT '{}',
  attributes        jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- lower-cased haystack for q= search; LIKE '%q%' works on both engines without pg_trgm
  search_text       text GENERATED ALWAYS AS (
                      lower(name || ' ' || coalesce(email, '') || ' ' || coalesce(external_id, ''))
                    ) STORED,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK (kind <> 'internal' OR internal_unit_id IS NOT NULL OR internal_user_id IS NOT NULL)
);
-- upsert key for imports; NULL external ids never collide
CREATE UNIQUE INDEX customers_org_external_uq ON customers (org_id, external_id);
-- keyset pagination: (sort key, id) per org
CREATE INDEX customers_org_name_idx ON customers (org_id, lower(name), id);
CREATE INDEX customers_org_created_idx ON customers (org_id, created_at, id);
CREATE INDEX customers_org_updated_idx ON customers (org_id, updated_at, id);
CREATE INDEX customers_org_unit_idx ON customers (org_id, unit_id);

CREATE TABLE segments (
  org_id      uuid NOT NULL,
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  name        text NOT NULL,
  filters     jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_by  uuid,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, name)
);

CREATE TABLE customer_imports (
  org_id       uuid NOT NULL,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  file_name    text NOT NULL,
  file_format  text NOT NULL CHECK (file_format IN ('csv', 'xlsx')),
  file_data    bytea NOT NULL,
  encoding     text NOT NULL,
  headers      jsonb NOT NULL DEFAULT '[]'::jsonb,
  mapping      jsonb,
  status       text NOT NULL DEFAULT 'uploaded'
               CHECK (status IN ('uploaded', 'queued', 'running', 'done', 'failed')),
  dry_run      boolean NOT NULL DEFAULT false,
  total        integer NOT NULL DEFAULT 0,
  processed    integer NOT NULL DEFAULT 0,
  inserted     integer NOT NULL DEFAULT 0,
  updated      integer NOT NULL DEFAULT 0,
  unchanged    integer NOT NULL DEFAULT 0,
  rejected     integer NOT NULL DEFAULT 0,
  warnings     jsonb NOT NULL DEFAULT '[]'::jsonb,
  error        text,
  created_by   uuid,
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  PRIMARY KEY (org_id, id)
);

CREATE TABLE customer_import_rejections (
  org_id     uuid NOT NULL,
  import_id  uuid NOT NULL,
  row_no     integer NOT NULL,
  column_name text NOT NULL,
  value      text NOT NULL,
  reason     text NOT NULL,
  FOREIGN KEY (org_id, import_id) REFERENCES customer_imports (org_id, id) ON DELETE CASCADE
);
CREATE INDEX customer_import_rejections_idx ON customer_import_rejections (org_id, import_id, row_no);
