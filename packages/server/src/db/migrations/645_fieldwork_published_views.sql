-- Published views of the fieldwork module (ARCHITECTURE.md "Cross-module reads"): performance
-- and diagnostic read visit scores and item results from here. Only submitted or approved visits
-- (never scheduled or rejected ones); competitor visits are flagged by kind and must be left out
-- of unit, staff and standard figures by the reader (kind <> 'competitor').
CREATE VIEW pub_fieldwork_visits AS
  SELECT org_id, id, unit_id, kind, status, visited_at, score, final_score,
         cardinality(critical_failed) > 0 AS critical_failed, assignee_id, staff_user_id,
         checklist_id, checklist_version, competitor_name
    FROM fieldwork_visits
   WHERE status IN ('submitted', 'approved');

CREATE VIEW pub_fieldwork_item_results AS
  SELECT v.org_id, v.id AS visit_id, v.unit_id, v.kind, i.item->>'key' AS item_key,
         (i.item->>'standardId')::uuid AS standard_id,
         (a.value IS NOT NULL AND a.value <> '"na"'::jsonb) AS applicable,
         CASE
           WHEN a.value IS NULL OR a.value = '"na"'::jsonb THEN NULL
           WHEN jsonb_typeof(a.value) = 'boolean' THEN a.value = 'true'::jsonb
           WHEN i.item->>'type' = 'number' THEN
             (i.item->>'min' IS NULL OR (a.value #>> '{}')::double precision >= (i.item->>'min')::double precision)
             AND (i.item->>'max' IS NULL OR (a.value #>> '{}')::double precision <= (i.item->>'max')::double precision)
           ELSE (a.value #>> '{}')::double precision >=
                COALESCE((i.item->>'pass')::double precision, (i.item->>'max')::double precision)
         END AS met,
         v.visited_at
    FROM fieldwork_visits v
    JOIN fieldwork_checklist_versions cv
      ON cv.org_id = v.org_id AND cv.checklist_id = v.checklist_id AND cv.version = v.checklist_version
    CROSS JOIN LATERAL jsonb_array_elements(cv.items) AS i(item)
    LEFT JOIN fieldwork_answers a
      ON a.org_id = v.org_id AND a.visit_id = v.id AND a.item_key = i.item->>'key'
   WHERE v.status IN ('submitted', 'approved');
