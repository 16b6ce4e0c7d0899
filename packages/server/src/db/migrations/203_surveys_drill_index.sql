-- Surveys: the analytics drill-down (issue 11) pages a survey's complete responses newest first
-- on (coalesce(submitted_at, created_at), id) with the cursor in the WHERE and a LIMIT
-- (modules/surveys/repo-drill.ts); this index serves that order, so a page reads O(limit)
-- rows instead of sorting every matching response. Partial: drafts never reach analytics.
-- The same expression bounds every analytics period read, which can use it too.
CREATE INDEX survey_responses_survey_at
  ON survey_responses (org_id, survey_id, (coalesce(submitted_at, created_at)) DESC, id DESC)
  WHERE status = 'complete';
