// Cases per service_attribute value (the standards catalogue's "where used" report and the
// catalogue sync). SQL only; orgId first.
import type { Sql } from '../../db/client';

export async function serviceAttributeCounts(
  db: Sql,
  orgId: string,
): Promise<{ attribute: string; cases: number }[]> {
  const { rows } = await db.query<{ attribute: string; cases: string }>(
    `SELECT service_attribute AS attribute, count(*)::text AS cases
       FROM complaints
      WHERE org_id = $1 AND service_attribute IS NOT NULL AND service_attribute <> ''
      GROUP BY service_attribute`,
    [orgId],
  );
  return rows.map((r) => ({ attribute: r.attribute, cases: Number(r.cases) }));
}
