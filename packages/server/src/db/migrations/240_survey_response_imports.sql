-- Imports of historical survey responses (CSV/XLSX in the survey's wide export layout).
-- The file is kept in the row so a run interrupted by a restart is retried from the job alone;
-- the rejections feed the on-screen list and the downloadable report.
CREATE TABLE survey_response_imports (
  org_id       uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  survey_id    uuid NOT NULL,
  file_name    text NOT NULL,
  file_format  text NOT NULL CHECK (file_format IN ('csv', 'xlsx')),
  file_data    bytea NOT NULL,
  encoding     text NOT NULL,
  headers      jsonb NOT NULL DEFAULT '[]'::jsonb,
  status       text NOT NULL DEFAULT 'uploaded'
               CHECK (status IN ('uploaded', 'queued', 'running', 'done', 'failed')),
  dry_run      boolean NOT NULL DEFAULT false,
  total        integer NOT NULL DEFAULT 0,
  processed    integer NOT NULL DEFAULT 0,
  inserted     integer NOT NULL DEFAULT 0,
  unchanged    integer NOT NULL DEFAULT 0,
  rejected     integer NOT NULL DEFAULT 0,
  warnings     jsonb NOT NULL DEFAULT '[]'::jsonb,
  error        text,
  created_by   uuid,
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX survey_response_imports_survey_idx ON survey_response_imports (org_id, survey_id, created_at);

CREATE TABLE survey_response_import_rejections (
  org_id      uuid NOT NULL,
  import_id   uuid NOT NULL,
  row_no      integer NOT NULL,
  column_name text NOT NULL,
  value       text NOT NULL,
  reason      text NOT NULL,
  FOREIGN KEY (org_id, import_id) REFERENCES survey_response_imports (org_id, id) ON DELETE CASCADE
);
CREATE INDEX survey_response_import_rejections_idx
  ON survey_response_import_rejections (org_id, import_id, row_no);
