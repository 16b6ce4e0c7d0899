-- The `shopper` role (mystery shoppers: see only their own assigned visits). The users table is
-- core/users' (001); widening its role CHECK is the one exception to table ownership that the
-- fieldwork module makes, because the role exists for fieldwork and the CHECK lives on that
-- table (an ALTER, no rows read or written).
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
  CHECK (role IN ('owner', 'admin', 'analyst', 'agent', 'viewer', 'shopper'));
