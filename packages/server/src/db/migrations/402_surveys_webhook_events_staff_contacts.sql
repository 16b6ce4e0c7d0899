-- Surveys: webhooks subscribe to named events and can be edited (updated_at); a delivery may be a test
-- event that belongs to no response; a response keyed in by staff for a registry customer
-- counts as a contact for the contact-fatigue rule (kind 'staff').
ALTER TABLE survey_webhooks
  ADD COLUMN events text[] NOT NULL DEFAULT ARRAY['survey.response.completed']::text[];
ALTER TABLE survey_webhooks ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE survey_webhook_deliveries ALTER COLUMN response_id DROP NOT NULL;
ALTER TABLE survey_webhook_deliveries
  ADD COLUMN event text NOT NULL DEFAULT 'survey.response.completed';
CREATE INDEX survey_webhook_deliveries_recent
  ON survey_webhook_deliveries (org_id, webhook_id, created_at DESC);
ALTER TABLE survey_contacts DROP CONSTRAINT survey_contacts_kind_check;
ALTER TABLE survey_contacts ADD CONSTRAINT survey_contacts_kind_check
  CHECK (kind IN ('invitation', 'reminder', 'link', 'staff'));
