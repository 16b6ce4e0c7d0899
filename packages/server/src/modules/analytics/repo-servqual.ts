// SQL of the SERVQUAL sums (migrations 504-506): the summed state of the stats package's
// ServqualAccumulator per org unit (or for the whole scope) over the parts of a day range, each
// from its grain (whole months, whole weeks, days: grains.ts). A whole-organisation read (no
// unit, no channel, not by unit) takes the organisation's rollup: 28 rows per part.
import type { Sql } from '../../db/client';
import { params } from '../../db/params';
import type { TGrainPart } from './grains';
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
  parts: TGrainPart[],
): Promise<TServqualSumRow[]> {
  if (parts.length === 0) return [];
  if (!byUnit && s.unitIds === null && s.channel === null) return orgSumRows(db, orgId, s, parts);
  const cols = 'unit_id, k, c1, c2, c3, c4, c5, c6';
  const scope = `org_id = $1 AND ($2::uuid IS NULL OR survey_id = $2)
        AND ($3::uuid[] IS NULL OR unit_id = ANY($3::uuid[]))`;
  const where = `${scope} AND ($4::text IS NULL OR channel = $4)`;
  const ph = params(orgId, s.surveyId, s.unitIds, s.channel);
  const p = (v: unknown) => ph.add(v, 'date');
  // Without a channel filter the all-channels rollups answer with a third of the rows.
  const table = (grain: TGrainPart['grain']) =>
    grain === 'day'
      ? `analytics_servqual_daily WHERE ${where}`
      : s.channel === null
        ? `analytics_servqual_unit_${grain}ly WHERE ${scope} AND $4::text IS NULL`
        : `analytics_servqual_${grain}ly WHERE ${where}`;
  const sql = parts.map(
    (g) => `SELECT ${cols} FROM ${table(g.grain)}
          AND (${p(g.from)} IS NULL OR ${g.grain} >= ${p(g.from)})
          AND (${p(g.to)} IS NULL OR ${g.grain} < ${p(g.to)})`,
  );
  const r = await db.query<TDbRow>(
    `SELECT ${byUnit ? 'unit_id' : `'${NIL}'::uuid`} AS unit_id, k, sum(c1) AS c1, sum(c2) AS c2,
            sum(c3) AS c3, sum(c4) AS c4, sum(c5) AS c5, sum(c6) AS c6
       FROM (${sql.join('\n UNION ALL ')}) x
      GROUP BY 1, 2`,
    ph.values,
  );
  return r.rows.map(asRow);
}

type TDbRow = {
  unit_id: string;
  k: number;
  c1: number;
  c2: number;
  c3: number;
  c4: number;
  c5: number;
  c6: number;
};

async function orgSumRows(
  db: Sql,
  orgId: string,
  s: TDayScope,
  parts: TGrainPart[],
): Promise<TServqualSumRow[]> {
  const ph = params(orgId, s.surveyId);
  const p = (v: unknown) => ph.add(v, 'date');
  const ranges = parts.map(
    (g) => `(grain = ${ph.add(g.grain, 'text')}
          AND (${p(g.from)} IS NULL OR at >= ${p(g.from)})
          AND (${p(g.to)} IS NULL OR at < ${p(g.to)}))`,
  );
  const r = await db.query<TDbRow>(
    `SELECT '${NIL}'::uuid AS unit_id, k, sum(c1) AS c1, sum(c2) AS c2, sum(c3) AS c3,
            sum(c4) AS c4, sum(c5) AS c5, sum(c6) AS c6
       FROM analytics_servqual_org
      WHERE org_id = $1 AND ($2::uuid IS NULL OR survey_id = $2) AND (${ranges.join(' OR ')})
      GROUP BY k`,
    ph.values,
  );
  return r.rows.map(asRow);
}

const asRow = (x: TDbRow): TServqualSumRow => ({
  unitId: x.unit_id === NIL ? null : x.unit_id,
  k: Number(x.k),
  c: [Number(x.c1), Number(x.c2), Number(x.c3), Number(x.c4), Number(x.c5), Number(x.c6)],
});
