-- Strategy workspace (issue 16 remainders): the service triangle per org unit, and the customers
-- a value model's segment stands for.
--
-- Triangle: unit_id NULL is the whole organisation (the default, and every row written before
-- this migration: existing assessments become the org-wide triangle as they are). One row per
-- org, unit (or none) and relationship. The unit id carries no FK: org units belong to the orgs
-- module (pub_org_units); a unit removed later simply stops being offered in the picker.
ALTER TABLE strategy_triangle ADD COLUMN unit_id uuid;
ALTER TABLE strategy_triangle DROP CONSTRAINT strategy_triangle_pkey;
CREATE UNIQUE INDEX strategy_triangle_unit_relation
  ON strategy_triangle (org_id, (coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid)), relation);

-- Value model: the customers' classes by use (pub_customers.use_class) that make
-- up the segment. Value for money counts only the perceived-value answers of respondents whose
-- customer has one of these classes; empty = the segment's customers are not defined yet.
ALTER TABLE strategy_value_models ADD COLUMN use_classes text[] NOT NULL DEFAULT '{}'::text[];
