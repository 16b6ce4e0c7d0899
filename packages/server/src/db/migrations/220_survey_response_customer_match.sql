-- A response whose contact e-mail matches a customer is suggested as that customer's; when staff
-- answer "not this customer", the suggestion must not come back (the complaints module keeps the
-- same column on complaints).
ALTER TABLE survey_responses ADD COLUMN customer_match_dismissed uuid;
