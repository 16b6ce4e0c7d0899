-- Which import last inserted or changed a customer (for the customer timeline). Unchanged rows
-- on re-import keep their value, so re-importing stays a no-op.
ALTER TABLE customers ADD COLUMN last_import_id uuid;
