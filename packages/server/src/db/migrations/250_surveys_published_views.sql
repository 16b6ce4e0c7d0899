-- The surveys module's published read-only views (ARCHITECTURE.md "Cross-module reads"), for the
-- panels module (issue 17): the contact log behind the contact-fatigue rule, and the responses
-- that belong to a registry customer (given through a personal link, keyed in by staff, or
-- confirmed by staff from an e-mail match, migration 220). Answers, raw bodies and tokens stay
-- private to the module.

-- Every survey contact with a customer: kind invitation / reminder / link / staff; channel is
-- the invitation's (email / link), 'staff' for a response keyed in by staff.
CREATE VIEW pub_survey_contacts AS
  SELECT k.org_id, k.customer_id, k.survey_id, s.name AS survey_name, k.kind,
         COALESCE(i.channel, CASE WHEN k.kind = 'staff' THEN 'staff' ELSE 'link' END) AS channel,
         k.at AS contacted_at
    FROM survey_contacts k
    JOIN surveys s ON s.org_id = k.org_id AND s.id = k.survey_id
    LEFT JOIN survey_invitations i ON i.org_id = k.org_id AND i.id = k.invitation_id;

-- Complete responses that belong to a customer, with the survey's name.
CREATE VIEW pub_survey_customer_responses AS
  SELECT r.org_id, r.id AS response_id, r.customer_id, r.survey_id, s.name AS survey_name,
         r.channel, COALESCE(r.submitted_at, r.created_at) AS answered_at
    FROM survey_responses r
    JOIN surveys s ON s.org_id = r.org_id AND s.id = r.survey_id
   WHERE r.customer_id IS NOT NULL AND r.status = 'complete';
