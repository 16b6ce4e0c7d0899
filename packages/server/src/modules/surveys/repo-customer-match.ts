// Customer-match SQL: the e-mail typed into a response's contact question, and staff's answer
// to the suggestion (link the response to the customer, or dismiss that customer).
import type { Sql } from '../../db/client';

/** The first non-null 'email' item among these contact questions' answers, if any. */
export async function contactEmailAnswer(
  db: Sql,
  orgId: string,
  responseId: string,
  questionKeys: string[],
): Promise<string | undefined> {
  const a = await db.query<{ txt: string }>(
    `SELECT txt FROM survey_answers
      WHERE org_id = $1 AND response_id = $2 AND question_key = ANY($3::text[]) AND item = 'email'
        AND txt IS NOT NULL
      ORDER BY question_key LIMIT 1`,
    [orgId, responseId, questionKeys],
  );
  return a.rows[0]?.txt;
}

/** link: the response becomes the customer's; else the customer is not suggested again. */
export async function answerMatch(
  tx: Sql,
  orgId: string,
  responseId: string,
  customerId: string,
  link: boolean,
): Promise<void> {
  await tx.query(
    link
      ? 'UPDATE survey_responses SET customer_id = $3, updated_at = now() WHERE org_id = $1 AND id = $2'
      : 'UPDATE survey_responses SET customer_match_dismissed = $3, updated_at = now() WHERE org_id = $1 AND id = $2',
    [orgId, responseId, customerId],
  );
}
