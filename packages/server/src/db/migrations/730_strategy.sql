-- Strategy workspace (issue 16): service triangle, customer value model per segment, needs ->
-- service attributes matrix (QFD-like), customer-orientation questions. Module `strategy`
-- (range 730–759; published views 755–759). Attribute ids point at the standards module's
-- shared catalogue (pub_service_attributes); no FK so the catalogue owner stays free to
-- rebuild its tables, and links to a removed attribute are simply not shown.

-- Albrecht's triangle: one row per org and relationship (unit_id NULL = the whole org).
CREATE TABLE strategy_triangle (
  org_id      uuid NOT NULL,
  relation    text NOT NULL CHECK (relation IN ('customer_strategy', 'customer_systems',
                'customer_people', 'people_systems', 'strategy_systems', 'strategy_people')),
  score       smallint CHECK (score BETWEEN 1 AND 5),
  assessment  text NOT NULL DEFAULT '',
  evidence    jsonb NOT NULL DEFAULT '[]'::jsonb,
  actions     jsonb NOT NULL DEFAULT '[]'::jsonb,
  updated_by  uuid,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, relation)
);

-- Customer value model, one per segment. The id is made by the client (retryable PUT) and
-- unique across orgs so an id of another org is a conflict, never a second model.
CREATE TABLE strategy_value_models (
  org_id      uuid NOT NULL,
  id          uuid NOT NULL UNIQUE,
  segment     text NOT NULL,
  currency    text NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
  price_paid  numeric(14, 2) NOT NULL CHECK (price_paid >= 0),
  survey_id   uuid,
  notes       text NOT NULL DEFAULT '',
  benefits    jsonb NOT NULL DEFAULT '[]'::jsonb,
  competitors jsonb NOT NULL DEFAULT '[]'::jsonb,
  updated_by  uuid,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, segment)
);

-- Stated and real needs of a customer group within a segment (service design).
CREATE TABLE strategy_needs (
  org_id          uuid NOT NULL,
  id              uuid NOT NULL UNIQUE,
  segment         text NOT NULL,
  customer_group  text NOT NULL,
  text            text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('stated', 'real')),
  importance      smallint NOT NULL DEFAULT 3 CHECK (importance BETWEEN 1 AND 5),
  position        integer NOT NULL DEFAULT 0,
  created_by      uuid,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);
CREATE INDEX strategy_needs_segment ON strategy_needs (org_id, segment, customer_group, position);

-- Matrix cells: need x catalogue attribute, QFD strength 9 / 3 / 1.
CREATE TABLE strategy_need_links (
  org_id        uuid NOT NULL,
  need_id       uuid NOT NULL,
  attribute_id  uuid NOT NULL,
  strength      smallint NOT NULL CHECK (strength IN (1, 3, 9)),
  PRIMARY KEY (org_id, need_id, attribute_id),
  FOREIGN KEY (org_id, need_id) REFERENCES strategy_needs (org_id, id) ON DELETE CASCADE
);

-- The user's override of an attribute's type (else it is suggested from Kano results).
CREATE TABLE strategy_attribute_types (
  org_id        uuid NOT NULL,
  attribute_id  uuid NOT NULL,
  type          text NOT NULL CHECK (type IN ('basic', 'expected', 'desired', 'unexpected')),
  updated_by    uuid,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, attribute_id)
);

-- The nine customer-orientation questions, answered per segment.
CREATE TABLE strategy_orientation (
  org_id      uuid NOT NULL,
  segment     text NOT NULL,
  question    text NOT NULL CHECK (question IN ('who', 'needs', 'service', 'expectations',
                'meets', 'process', 'improve', 'use', 'help')),
  answer      text NOT NULL DEFAULT '',
  evidence    jsonb NOT NULL DEFAULT '[]'::jsonb,
  updated_by  uuid,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, segment, question)
);
