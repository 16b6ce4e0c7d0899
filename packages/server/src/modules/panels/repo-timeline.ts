// SQL of the panels part of the customer timeline (timeline.ts maps the rows): sessions the
// customer attended, insights quoting them and incentives given; newest first, strictly before
// the cursor, at most `limit` rows each. Own tables only.
import type { Sql } from '../../db/client';
import { over } from '../../db/params';
import { beforeSql, isoSql, orderSql, type TTimelineBefore } from '../customers/service';

export interface TAttendedRow {
  id: string;
  at: string;
  topic: string;
  kind: string;
  panel: string;
  member: string;
}

export async function attendedSessionRows(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
): Promise<TAttendedRow[]> {
  const params: unknown[] = [orgId, customerId];
  const key = `'panel-session:' || s.id::text || ':' || m.id::text`;
  const cond = beforeSql('s.starts_at', key, before, params);
  const { rows } = await db.query<TAttendedRow>(
    `SELECT s.id, ${isoSql('s.starts_at')} AS at, s.topic, s.kind, p.name AS panel, m.id AS member
       FROM panel_members m
       JOIN panel_invites i ON i.org_id = m.org_id AND i.member_id = m.id AND i.attended
       JOIN panel_sessions s ON s.org_id = i.org_id AND s.id = i.session_id
       JOIN panels p ON p.org_id = s.org_id AND p.id = s.panel_id
      WHERE m.org_id = $1 AND m.customer_id = $2 AND ${cond}
      ORDER BY ${orderSql('s.starts_at', key)} LIMIT ${over(params).add(limit)}`,
    params,
  );
  return rows;
}

export interface TQuotedRow {
  id: string;
  at: string;
  theme: string;
  quote: string;
  topic: string;
  session: string;
}

export async function insightEntryRows(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
): Promise<TQuotedRow[]> {
  const params: unknown[] = [orgId, customerId];
  const key = `'panel-insight:' || i.id::text`;
  const cond = beforeSql('i.created_at', key, before, params);
  const { rows } = await db.query<TQuotedRow>(
    `SELECT i.id, ${isoSql('i.created_at')} AS at, i.theme, i.quote, s.topic, s.id AS session
       FROM panel_insights i
       JOIN panel_sessions s ON s.org_id = i.org_id AND s.id = i.session_id
      WHERE i.org_id = $1 AND i.customer_id = $2 AND ${cond}
      ORDER BY ${orderSql('i.created_at', key)} LIMIT ${over(params).add(limit)}`,
    params,
  );
  return rows;
}

export interface TGivenRow {
  id: string;
  at: string;
  kind: string;
  amount: string;
  note: string;
  user_id: string | null;
}

export async function incentiveEntryRows(
  db: Sql,
  orgId: string,
  customerId: string,
  before: TTimelineBefore | null,
  limit: number,
): Promise<TGivenRow[]> {
  const params: unknown[] = [orgId, customerId];
  const key = `'panel-incentive:' || x.id::text`;
  const cond = beforeSql('x.created_at', key, before, params);
  const { rows } = await db.query<TGivenRow>(
    `SELECT x.id, ${isoSql('x.created_at')} AS at, x.kind, x.amount::text AS amount, x.note,
            x.created_by AS user_id
       FROM panel_incentives x
      WHERE x.org_id = $1 AND x.customer_id = $2 AND ${cond}
      ORDER BY ${orderSql('x.created_at', key)} LIMIT ${over(params).add(limit)}`,
    params,
  );
  return rows;
}
