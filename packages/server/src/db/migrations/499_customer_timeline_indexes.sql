-- Customer timeline (issue 12; owned by the customers module, numbered after every module's
-- tables exist). The timeline asks each module for one customer's entries newest first with a
-- keyset (time, id) and a LIMIT, so each source needs (org_id, customer_id, time, id): a customer
-- with 10,000 purchases must cost one short index range scan per page, not a sort of all rows.
-- The replaced indexes are prefixes of the new ones (same equality lookups keep working).
DROP INDEX survey_responses_customer;
-- Still partial: anonymous responses (customer_id NULL) stay out of it (see 201).
CREATE INDEX survey_responses_customer ON survey_responses (org_id, customer_id, created_at, id)
  WHERE customer_id IS NOT NULL;
DROP INDEX complaints_org_customer;
CREATE INDEX complaints_org_customer ON complaints (org_id, customer_id, received_at, id);
DROP INDEX retention_transactions_customer_idx;
CREATE INDEX retention_transactions_customer_idx
  ON retention_transactions (org_id, customer_id, occurred_on, id);
