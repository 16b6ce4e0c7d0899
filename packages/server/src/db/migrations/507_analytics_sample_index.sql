-- Bounded raw-row reports (issue 11, scale). Drivers, derived IPA, open-text themes and perceived
-- value read every matching answer into memory: at 1M responses that is tens of millions of
-- rows. Above a cap (analytics/sample.ts) they read a deterministic random sample instead: the
-- responses with the lowest hash of their id (surveys/repo-results.ts analyticsSample). This
-- index walks that order within a survey, so a sample of a large scope reads about `cap` index
-- entries; a small scope still goes through its date index. The filter columns (time, unit,
-- channel, language) are trailing keys so a filtered walk (31 days of a year) tests them in the
-- index and fetches only the rows it keeps. Partial like the drill index: drafts never reach
-- analytics.
CREATE INDEX survey_responses_sample
  ON survey_responses (org_id, survey_id, (uuid_hash_extended(id, 0)), id,
                       (coalesce(submitted_at, created_at)), org_unit_id, channel, language)
  WHERE status = 'complete';
