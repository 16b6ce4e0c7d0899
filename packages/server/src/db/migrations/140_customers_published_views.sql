-- The customers module's published read-only view (ARCHITECTURE.md "Cross-module reads"):
-- retention, complaints and surveys join customers through it, never the table. Free-text needs,
-- attributes and the search haystack stay private to the module.

CREATE VIEW pub_customers AS
  SELECT org_id, id, external_id, name, name_key, email, phone, kind, use_class, tier, status,
         unit_id, internal_unit_id, internal_user_id, language, consent_email, consent_survey,
         created_at, updated_at
    FROM customers;
