-- The panels module's published read-only views (ARCHITECTURE.md "Cross-module reads"):
-- the strategy workspace reads insights linked to needs / service attributes through this.
-- Member names, e-mails and note bodies stay private to the module.

CREATE VIEW pub_panel_insights AS
  SELECT i.org_id, i.id, i.session_id, s.panel_id, s.kind AS session_kind, s.topic,
         s.starts_at AS session_at, i.theme, i.quote, i.segment, i.need_id, i.need_kind,
         i.attribute_id, i.gap, i.customer_id, i.created_at
    FROM panel_insights i
    JOIN panel_sessions s ON s.org_id = i.org_id AND s.id = i.session_id;
