// SQL of the SERVQUAL sums (analytics_servqual_daily / _monthly, migration 504): the summed
// state of the stats package's ServqualAccumulator per org unit (or for the whole scope), whole
// months from the rollup and the partial months at the range's edges from the day grain.
import type { Sql } from '../../db/client';
import { params } from '../../db/params';
import type { TDayScope } from './repo-daily';

const NIL = '00000000-0000-0000-0000-000000000000';

export interface TServqualSumRow {
  /** null: no unit, or summed over units */
  unitId: string | null;
  k: number;
  c: [number, number, number, number, number, number];
}

export async function servqualSumRows(
  db: Sql,
  orgId: string,
  s: TDayScope,
  byUnit: boolean,
  months: { from: string | null; to: string | null } | null,
): Promise<TServqualSumRow[]> {
  const cols = 'unit_id, k, c1, c2, c3, c4, c5, c6';
  const scope = `org_id = $1 AND ($2::uuid IS NULL OR survey_id = $2)
        AND ($3::uuid[] IS NULL OR unit_id = ANY($3::uuid[]))`;
  const where = `${scope} AND ($4::text IS NULL OR channel = $4)`;
  const ph = params(orgId, s.surveyId, s.unitIds, s.channel);
  const p = (v: unknown) => ph.add(v, 'date');
  const parts: string[] = [];
  if (!months) {
    parts.push(
      `SELECT ${cols} FROM analytics_servqual_daily WHERE ${where}
          AND (${p(s.dayFrom)} IS NULL OR day >= ${p(s.dayFrom)})
          AND (${p(s.dayTo)} IS NULL OR day <= ${p(s.dayTo)})`,
    );
  } else {
    // Without a channel filter the all-channels rollup answers with a third of the rows.
    parts.push(
      `SELECT ${cols} FROM ${s.channel === null ? `analytics_servqual_unit_monthly WHERE ${scope} AND $4::text IS NULL` : `analytics_servqual_monthly WHERE ${where}`}
          AND (${p(months.from)} IS NULL OR month >= ${p(months.from)})
          AND (${p(months.to)} IS NULL OR month < ${p(months.to)})`,
    );
    if (months.from && s.dayFrom && s.dayFrom < months.from)
      parts.push(
        `SELECT ${cols} FROM analytics_servqual_daily WHERE ${where}
            AND day >= ${p(s.dayFrom)} AND day < ${p(months.from)}`,
      );
    if (months.to && s.dayTo && s.dayTo >= months.to)
      parts.push(
        `SELECT ${cols} FROM analytics_servqual_daily WHERE ${where}
            AND day >= ${p(months.to)} AND day <= ${p(s.dayTo)}`,
      );
  }
  const r = await db.query<{
    unit_id: string;
    k: number;
    c1: number;
    c2: number;
    c3: number;
    c4: number;
    c5: number;
    c6: number;
  }>(
    `SELECT ${byUnit ? 'unit_id' : `'${NIL}'::uuid`} AS unit_id, k, sum(c1) AS c1, sum(c2) AS c2,
            sum(c3) AS c3, sum(c4) AS c4, sum(c5) AS c5, sum(c6) AS c6
       FROM (${parts.join('\n UNION ALL ')}) x
      GROUP BY 1, 2`,
    ph.values,
  );
  return r.rows.map((x) => ({
    unitId: x.unit_id === NIL ? null : x.unit_id,
    k: Number(x.k),
    c: [Number(x.c1), Number(x.c2), Number(x.c3), Number(x.c4), Number(x.c5), Number(x.c6)],
  }));
}
