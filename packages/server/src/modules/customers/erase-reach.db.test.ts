// GDPR erase reaches the other modules' copies of the person: the words a customer wrote in
// their survey answers and the contact fields on their complaints are blanked in the same
// transaction; scores stay (the statistics keep their n), other customers are untouched.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, createTestApp, login, type Session, type TestOrg } from '../../../test/harness';
import { ensureSurveyFromTemplate } from '../surveys/service';

type TApp = Awaited<ReturnType<typeof createTestApp>>;

describe('customer erase reaches surveys and complaints', () => {
  let t: TApp;
  let A: TestOrg;
  let analyst: Session;

  beforeAll(async () => {
    t = await createTestApp();
    A = await createOrg(t.db, 'A');
    analyst = await login(t.app, A.users.analyst);
  });
  afterAll(async () => {
    await t?.app.close();
    await t?.db.close();
  });

  async function customerWithData(name: string, surveyId: string) {
    const db = t.db;
    const c = await db.query<{ id: string }>(
      'INSERT INTO customers (org_id, name, email) VALUES ($1, $2, $3) RETURNING id',
      [A.orgId, name, `${randomUUID()}@x.test`],
    );
    const id = (c.rows[0] as { id: string }).id;
    const responseId = randomUUID();
    await db.query(
      `INSERT INTO survey_responses (org_id, id, survey_id, version, status, channel, language,
              customer_id, raw, body_hash, submitted_at)
       VALUES ($1, $2, $3, 1, 'complete', 'web', 'es', $4, '{}', 'h', now())`,
      [A.orgId, responseId, surveyId, id],
    );
    await db.query(
      `INSERT INTO survey_answers (org_id, response_id, survey_id, question_key, tag, num, txt)
       VALUES ($1, $2, $3, 'nps', 'nps', 3, NULL),
              ($1, $2, $3, 'reason', 'comment', NULL, $4)`,
      [A.orgId, responseId, surveyId, `Soy ${name} y vivo en la calle Mayor 1`],
    );
    await db.query(
      `INSERT INTO complaints (org_id, reference, channel, subject, description, customer_id,
              contact_name, contact_email, contact_phone, status, received_at)
       VALUES ($1, $2, 'web', 'Cobro', 'd', $3, $4, 'p@x.test', '600000000', 'received', now())`,
      [A.orgId, `R-${randomUUID().slice(0, 8)}`, id, name],
    );
    return { id, responseId };
  }

  it('blanks text answers and complaint contacts of the erased customer only', async () => {
    const surveyId = await ensureSurveyFromTemplate(t.db, A.orgId, 'nps_relational', 'NPS', {
      slug: `nps-${randomUUID().slice(0, 8)}`,
    });
    const gone = await customerWithData('Olvido Pérez', surveyId);
    const kept = await customerWithData('Queda López', surveyId);
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/customers/${gone.id}/erase`,
      headers: analyst.headers,
    });
    expect(r.statusCode, r.body).toBe(204);

    const answers = async (responseId: string) =>
      (
        await t.db.query<{ question_key: string; num: number | null; txt: string | null }>(
          `SELECT question_key, num, txt FROM survey_answers
            WHERE org_id = $1 AND response_id = $2 ORDER BY question_key`,
          [A.orgId, responseId],
        )
      ).rows;
    expect(await answers(gone.responseId)).toEqual([
      { question_key: 'nps', num: 3, txt: null },
      { question_key: 'reason', num: null, txt: null },
    ]);
    expect((await answers(kept.responseId))[1]?.txt).toBe(
      'Soy Queda López y vivo en la calle Mayor 1',
    );

    const contacts = async (customerId: string) =>
      (
        await t.db.query(
          `SELECT contact_name, contact_email, contact_phone FROM complaints
            WHERE org_id = $1 AND customer_id = $2`,
          [A.orgId, customerId],
        )
      ).rows;
    expect(await contacts(gone.id)).toEqual([
      { contact_name: null, contact_email: null, contact_phone: null },
    ]);
    expect(await contacts(kept.id)).toEqual([
      { contact_name: 'Queda López', contact_email: 'p@x.test', contact_phone: '600000000' },
    ]);
  });
});
