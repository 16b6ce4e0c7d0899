-- Tie the customer tables to the core schema (001) now that its id types are fixed.
ALTER TABLE customer_fields ADD FOREIGN KEY (org_id) REFERENCES orgs(id) ON DELETE CASCADE;
ALTER TABLE customers ADD FOREIGN KEY (org_id) REFERENCES orgs(id) ON DELETE CASCADE;
ALTER TABLE customers ADD FOREIGN KEY (unit_id) REFERENCES org_units(id) ON DELETE SET NULL;
ALTER TABLE customers ADD FOREIGN KEY (internal_unit_id) REFERENCES org_units(id) ON DELETE RESTRICT;
ALTER TABLE customers ADD FOREIGN KEY (internal_user_id) REFERENCES users(id) ON DELETE RESTRICT;
ALTER TABLE segments ADD FOREIGN KEY (org_id) REFERENCES orgs(id) ON DELETE CASCADE;
ALTER TABLE customer_imports ADD FOREIGN KEY (org_id) REFERENCES orgs(id) ON DELETE CASCADE;
