-- Published read-only views of the standards module (ARCHITECTURE.md "Cross-module reads"):
-- the shared service attribute catalogue, and every standard at its current version.
CREATE VIEW pub_service_attributes AS
  SELECT org_id, id, key, name_es, name_en, attr_group, dimension, servqual_items
    FROM service_attributes;

CREATE VIEW pub_service_standards AS
  SELECT s.org_id, s.id, s.code, v.name_es, v.name_en, m.key AS moment, s.moment_id,
         v.attribute_id, v.dimension, v.servqual_items, v.measure_kind, v.target_min,
         v.target_max, v.uom_es, v.uom_en, v.owner_role, v.promised_level, v.unit_ids,
         s.active, s.current_version AS version
    FROM service_standards s
    JOIN service_standard_versions v
      ON v.org_id = s.org_id AND v.standard_id = s.id AND v.version = s.current_version
    JOIN service_moments m ON m.org_id = s.org_id AND m.id = s.moment_id;
