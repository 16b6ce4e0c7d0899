// The demo seeder: NPS and SERVQUAL surveys with a few hundred Spanish responses across branches.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/harness';
import { seedDemo } from '../../demo/seed';
import { responsesLong } from './service';

let db: TestDb;
let orgId: string;
beforeAll(async () => {
  db = await createTestDb();
  orgId = (await seedDemo(db)).orgId;
}, 120_000);
afterAll(async () => {
  await db.close();
});

it('seeds NPS and SERVQUAL responses across the demo branches and channels', async () => {
  const r = await db.query<{ slug: string; n: number; units: number; channels: number }>(
    `SELECT s.slug, count(r.id)::int AS n, count(DISTINCT r.org_unit_id)::int AS units,
            count(DISTINCT r.channel)::int AS channels
       FROM surveys s LEFT JOIN survey_responses r ON r.org_id = s.org_id AND r.survey_id = s.id
      WHERE s.org_id = $1 GROUP BY s.slug ORDER BY s.slug`,
    [orgId],
  );
  // The whole demo is seeded: the other modules' surveys (gap causes and manager predictions from
  // diagnostic, Kano and perceived value from strategy) are listed too.
  expect(r.rows).toEqual([
    { slug: 'horizonte-causas', n: 14, units: 1, channels: 1 },
    { slug: 'horizonte-csat', n: 240, units: 6, channels: 4 },
    { slug: 'horizonte-directivos', n: 6, units: 1, channels: 1 },
    { slug: 'horizonte-interno', n: 150, units: 6, channels: 1 },
    { slug: 'horizonte-kano', n: 72, units: 4, channels: 1 },
    { slug: 'horizonte-nps', n: 320, units: 6, channels: 7 },
    { slug: 'horizonte-servqual', n: 180, units: 6, channels: 7 },
    // 64 answers from individuals + 18 from firms (value for money per segment, strategy demo)
    { slug: 'horizonte-valor', n: 82, units: 4, channels: 1 },
  ]);
  const servqual = await db.query<{ id: string }>(
    `SELECT id FROM surveys WHERE org_id = $1 AND slug = 'horizonte-servqual'`,
    [orgId],
  );
  const surveyId = servqual.rows[0]?.id;
  const sq = await responsesLong(db, orgId, { surveyId, tagPrefix: 'servqual:' });
  expect(sq).toHaveLength(180 * 44);
  const weights = await responsesLong(db, orgId, { surveyId, tagPrefix: 'importance:' });
  const sums = new Map<string, number>();
  for (const w of weights) sums.set(w.responseId, (sums.get(w.responseId) ?? 0) + (w.num ?? 0));
  expect([...sums.values()].every((s) => s === 100)).toBe(true);
  // Perceptions fall short of expectations on average (negative SERVQUAL gap).
  const mean = (p: string) => {
    const xs = sq.filter((x) => x.tag?.startsWith(p)).map((x) => x.num ?? 0);
    return xs.reduce((a, b) => a + b, 0) / xs.length;
  };
  expect(mean('servqual:P:')).toBeLessThan(mean('servqual:E:'));
  const staff = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM survey_responses
      WHERE org_id = $1 AND channel IN ('phone', 'postal', 'in_person') AND entered_by IS NULL`,
    [orgId],
  );
  expect(staff.rows[0]?.n).toBe(0);
});
