-- Published read-only view of the performance module (ARCHITECTURE.md "Cross-module reads"):
-- compliments customers paid to a unit or a staff member (no text, no customer name).
CREATE VIEW pub_performance_compliments AS
  SELECT id, org_id, unit_id, staff_user_id, channel, received_on, source
    FROM performance_compliments;
