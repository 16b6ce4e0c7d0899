-- Complaint attachments: outcome of the malware scan (lib/malware.ts). 'clean' = the ClamAV
-- daemon scanned it; 'unscanned' = no scanner configured or it did not answer (the file is kept:
-- a complaint is never lost because the scanner is down). Infected files are never stored.
ALTER TABLE complaint_attachments
  ADD COLUMN scan_status text NOT NULL DEFAULT 'unscanned'
    CHECK (scan_status IN ('clean', 'unscanned')),
  ADD COLUMN scanned_at timestamptz;
