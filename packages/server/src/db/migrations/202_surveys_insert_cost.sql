-- Surveys: cheaper inserts on the submission hot path (bench/surveys-submit.ts).
--
-- 1. No query reads survey_answers by (survey, tag): the responses list, exports, webhook
--    payloads and analytics all reach a survey's answers through survey_responses (survey
--    index) and the answers' primary key (org, response). The tag index only cost three index
--    insertions per response. Add one back with the first query that needs it.
DROP INDEX IF EXISTS survey_answers_survey_tag;

-- 2. The foreign key answers -> responses ran one referential check per answer row (an index
--    probe plus a row lock on the response just inserted). Answers are only ever written in the
--    same statement or transaction as their response (modules/surveys/repo.ts), so the check
--    never failed; what the key still did was the ON DELETE CASCADE, which this trigger keeps
--    (it costs nothing on insert). Tested in modules/surveys/answers-cascade.db.test.ts.
ALTER TABLE survey_answers DROP CONSTRAINT IF EXISTS survey_answers_org_id_response_id_fkey;

CREATE FUNCTION survey_answers_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM survey_answers WHERE org_id = OLD.org_id AND response_id = OLD.id;
  RETURN OLD;
END $$;

CREATE TRIGGER survey_responses_delete_answers AFTER DELETE ON survey_responses
  FOR EACH ROW EXECUTE FUNCTION survey_answers_cascade();
