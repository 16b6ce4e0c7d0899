-- Follow-up cases opened by the retention module's win-back actions ('retention.followup' job).
ALTER TABLE complaints DROP CONSTRAINT complaints_channel_check;
ALTER TABLE complaints ADD CONSTRAINT complaints_channel_check
  CHECK (channel IN ('web', 'counter', 'phone', 'email', 'survey', 'retention'));
