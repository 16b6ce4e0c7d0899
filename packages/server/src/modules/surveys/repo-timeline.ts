// Timeline SQL of the surveys module: a customer's responses (with their score answers), survey
// contacts and unsubscribe, newest first before the cursor, through the customers module's
// keyset fragments (beforeSql / orderSql / isoSql).
import type { Sql } from '../../db/client';
import { over } from '../../db/params';
import { beforeSql, isoSql, orderSql, type TTimelineBefore } from '../customers/service';

export async function responseRows(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
) {
  const params: unknown[] = [orgId, customerId];
  const key = `'response:' || r.id::text`;
  const cond = beforeSql('r.created_at', key, before, params);
  // survey_responses_customer (org_id, customer_id, created_at, id) serves the range and order.
  const { rows } = await db.query<{
    id: string;
    at: string;
    survey_id: string;
    name: string;
    status: string;
    channel: string;
    entered_by: string | null;
  }>(
    `SELECT r.id, ${isoSql('r.created_at')} AS at, r.survey_id, s.name, r.status, r.channel,
            r.entered_by
       FROM survey_responses r
       JOIN surveys s ON s.org_id = r.org_id AND s.id = r.survey_id
      WHERE r.org_id = $1 AND r.customer_id = $2 AND ${cond}
      ORDER BY ${orderSql('r.created_at', key)} LIMIT ${over(params).add(limit)}`,
    params,
  );
  return rows;
}

/** The numeric answers of these responses tagged with one of `tags`. */
export async function scoreRows(
  db: Sql,
  orgId: string,
  responseIds: string[],
  tags: readonly string[],
) {
  const scores = await db.query<{ response_id: string; tag: string; num: number }>(
    `SELECT response_id, tag, num FROM survey_answers
      WHERE org_id = $1 AND response_id = ANY($2::uuid[]) AND tag = ANY($3::text[])
        AND num IS NOT NULL`,
    [orgId, responseIds, tags],
  );
  return scores.rows;
}

/** Survey contacts other than 'staff' (the response entry already shows those). */
export async function contactRows(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
) {
  const params: unknown[] = [orgId, customerId];
  const key = `'contact:' || k.id::text`;
  const cond = beforeSql('k.at', key, before, params);
  const { rows } = await db.query<{
    id: string;
    at: string;
    kind: string;
    survey_id: string;
    name: string;
  }>(
    `SELECT k.id, ${isoSql('k.at')} AS at, k.kind, k.survey_id, s.name
       FROM survey_contacts k
       JOIN surveys s ON s.org_id = k.org_id AND s.id = k.survey_id
      WHERE k.org_id = $1 AND k.customer_id = $2 AND k.kind <> 'staff' AND ${cond}
      ORDER BY ${orderSql('k.at', key)} LIMIT ${over(params).add(limit)}`,
    params,
  );
  return rows;
}

export async function unsubscribeRows(db: Sql, orgId: string, customerId: string) {
  const { rows } = await db.query<{ at: string }>(
    `SELECT ${isoSql('at')} AS at FROM survey_unsubscribes WHERE org_id = $1 AND customer_id = $2`,
    [orgId, customerId],
  );
  return rows;
}
