-- Surveys: two secondary indexes were insert hot spots. Every anonymous response has
-- customer_id NULL, so (org_id, customer_id) held one huge duplicate key; and (org_id, survey_id,
-- tag) has a handful of keys per survey. Concurrent inserts all landed on the same leaf pages
-- (bench/surveys-submit.ts: dropping them roughly doubled submissions/s). Same lookups, spread
-- keys: customer lookups use equality (implies NOT NULL), tag lookups use the leading columns.
DROP INDEX survey_responses_customer;
CREATE INDEX survey_responses_customer ON survey_responses (org_id, customer_id)
  WHERE customer_id IS NOT NULL;
DROP INDEX survey_answers_survey_tag;
CREATE INDEX survey_answers_survey_tag ON survey_answers (org_id, survey_id, tag, response_id);
