-- Published read-only view of the analytics module (ARCHITECTURE.md "Cross-module reads"): the
-- surveys module shows its list and detail counts from here instead of count(*) per page, and
-- cannot call the analytics service (analytics reads surveys through its service: a cycle).
CREATE VIEW pub_survey_response_counts AS
  SELECT org_id, survey_id, version, status, n FROM survey_response_counts;
