-- Lost customers of an org (the complaints report's defection figures join the period's
-- complainants to them): a few percent of the customers, found through this index instead of
-- a scan of every customer of the org per report.
CREATE INDEX customers_org_status_idx ON customers (org_id, status);
