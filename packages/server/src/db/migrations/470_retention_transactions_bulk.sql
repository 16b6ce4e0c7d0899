-- Transactions import speed (bulk loads of purchases): every row of retention_transactions paid
-- two foreign-key checks, and one of them is implied by the other. (org_id, customer_id) must
-- name a row of customers, whose org_id references orgs ON DELETE CASCADE, so the org exists and
-- deleting it still removes the purchases (orgs → customers → retention_transactions, both
-- ON DELETE CASCADE). The direct org_id → orgs check is dropped; the customer check stays.
ALTER TABLE retention_transactions DROP CONSTRAINT IF EXISTS retention_transactions_org_id_fkey;
