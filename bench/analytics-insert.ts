// Cost of the analytics aggregate triggers (migration 500) on the submit path's statement:
// the same `repo.insertNewResponses` batches (NPS survey, 3 answers per response) into a fresh
// database with the triggers enabled and disabled, alternating rounds on one connection, so
// the figure is statement time per response without HTTP or autocannon noise.
//   npx tsx bench/analytics-insert.ts [batches per round=300] [responses per batch=3] [rounds=6]
//   (PostgreSQL: TEST_DATABASE_URL, else a throwaway cluster via scripts/pg-cluster.mjs)
//   BENCH_TOGGLE=drill-index: compare with / without the drill-down index instead (triggers on)
//   BENCH_TOGGLE=org-rollup (with BENCH_SURVEY=servqual): every trigger on; "off" is the SERVQUAL
//     rollup trigger function of migration 505 (day unit rollups, weeks, months), "on" the one
//     of migration 506 that also keeps the whole-organisation rows: the organisation rollup's
//     share of the submit cost on its own
//   BENCH_TOGGLE=indexes:<migration file>: every trigger on; on/off is the indexes that migration
//     creates (dropped and re-created between rounds), e.g. indexes:508_analytics_unit_indexes.sql
//     (unit-first indexes on the aggregate grains), indexes:204_survey_responses_unit_index.sql
//   BENCH_SURVEY=servqual: a SERVQUAL survey (22 E + 22 P + 5 weights per response, 49 answers)
//     with the SERVQUAL sums' triggers (migrations 504-506: day, month, week and organisation
//     grains) toggled too
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { migrate } from '../packages/server/src/db/migrate';
import { postgresDb } from '../packages/server/src/db/postgres';
import * as repo from '../packages/server/src/modules/surveys/repo';
import { ensureSurveyFromTemplate } from '../packages/server/src/modules/surveys/service';
// @ts-expect-error plain ESM script without types
import { startCluster } from '../scripts/pg-cluster.mjs';

const batches = Number(process.argv[2] ?? 300);
const size = Number(process.argv[3] ?? 3);
const rounds = Number(process.argv[4] ?? 6);

const cluster = process.env.TEST_DATABASE_URL ? null : await startCluster();
const base = process.env.TEST_DATABASE_URL ?? cluster.url;
const name = `bench_an_${process.pid}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const u = new URL(base);
u.pathname = `/${name}`;
const db = postgresDb(u.toString(), 1);
try {
  await migrate(db);
  const o = await db.query<{ id: string }>(
    `INSERT INTO orgs (name, slug) VALUES ('Bench', 'bench') RETURNING id`,
  );
  const orgId = (o.rows[0] as { id: string }).id;
  const servqual = process.env.BENCH_SURVEY === 'servqual';
  const surveyId = await ensureSurveyFromTemplate(
    db,
    orgId,
    servqual ? 'servqual' : 'nps_relational',
    'Bench',
    { slug: 'bench-analytics' },
  );
  const W = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'];
  const sqRows = (i: number) => [
    ...Array.from({ length: 22 }, (_, k) => ({
      questionKey: 'sq_e',
      item: `e${k + 1}`,
      tag: `servqual:E:${k + 1}`,
      num: 4 + ((i + k) % 4),
      txt: null,
    })),
    ...Array.from({ length: 22 }, (_, k) => ({
      questionKey: 'sq_p',
      item: `p${k + 1}`,
      tag: `servqual:P:${k + 1}`,
      num: 1 + ((i * 3 + k) % 7),
      txt: null,
    })),
    ...W.map((d) => ({
      questionKey: 'weights',
      item: d,
      tag: `importance:${d}`,
      num: 20,
      txt: null,
    })),
  ];
  const now = new Date().toISOString();
  const item = (i: number): repo.TNewResponse => {
    const id = randomUUID();
    return {
      orgId,
      softDuplicate: false,
      values: {
        id,
        surveyId,
        version: 1,
        status: 'complete',
        channel: 'web',
        language: 'es',
        customerId: null,
        orgUnitId: null,
        enteredBy: null,
        invitationId: null,
        deviceKey: null,
        duplicateOf: null,
        raw: { id },
        bodyHash: id,
        page: null,
        startedAt: null,
        submittedAt: now,
      },
      rows: servqual
        ? sqRows(i)
        : [
            { questionKey: 'nps', item: '', tag: 'nps', num: i % 11, txt: null },
            { questionKey: 'reason', item: '', tag: 'comment', num: null, txt: `motivo ${i}` },
            { questionKey: 'satisfaction', item: '', tag: 'satisfaction', num: i % 10, txt: null },
          ],
    };
  };
  const triggers = servqual
    ? ['analytics_answers_ins, analytics_sq_answers_ins', 'analytics_responses_ins']
    : ['analytics_answers_ins', 'analytics_responses_ins'];
  // BENCH_TOGGLE=drill-index: on/off is the drill-down's index (migration 203) instead, the
  // aggregate triggers staying on (dropped and re-created between rounds).
  const index = process.env.BENCH_TOGGLE === 'drill-index';
  const orgRollup = process.env.BENCH_TOGGLE === 'org-rollup';
  const indexFile = process.env.BENCH_TOGGLE?.startsWith('indexes:')
    ? process.env.BENCH_TOGGLE.slice('indexes:'.length)
    : null;
  const indexSql = indexFile
    ? readFileSync(
        new URL(`../packages/server/src/db/migrations/${indexFile}`, import.meta.url),
        'utf8',
      )
    : '';
  const migrationIndexSql = {
    on: indexSql.replaceAll('CREATE INDEX ', 'CREATE INDEX IF NOT EXISTS '),
    off: [...indexSql.matchAll(/CREATE INDEX (\w+)/g)]
      .map((m) => `DROP INDEX IF EXISTS ${m[1]};`)
      .join('\n'),
  };
  // the rollup trigger function as each migration defines it
  const rollupFn = (file: string) => {
    const sql = readFileSync(
      new URL(`../packages/server/src/db/migrations/${file}`, import.meta.url),
      'utf8',
    );
    const at = sql.indexOf('CREATE OR REPLACE FUNCTION fid_sq_monthly_trg()');
    return sql.slice(at, sql.indexOf('END $$;', at) + 'END $$;'.length);
  };
  const rollup = {
    off: rollupFn('505_analytics_servqual_weekly.sql'),
    on: rollupFn('506_analytics_servqual_org.sql'),
  };
  const set = async (on: boolean) => {
    if (orgRollup) await db.exec(on ? rollup.on : rollup.off);
    else if (indexFile) await db.exec(on ? migrationIndexSql.on : migrationIndexSql.off);
    else if (index)
      await db.exec(
        on
          ? `CREATE INDEX IF NOT EXISTS survey_responses_survey_at ON survey_responses
               (org_id, survey_id, (coalesce(submitted_at, created_at)) DESC, id DESC)
               WHERE status = 'complete'`
          : 'DROP INDEX IF EXISTS survey_responses_survey_at',
      );
    else
      await db.exec(
        [
          ...(triggers[0] ?? '')
            .split(', ')
            .map((t) => `ALTER TABLE survey_answers ${on ? 'ENABLE' : 'DISABLE'} TRIGGER ${t};`),
          `ALTER TABLE survey_responses ${on ? 'ENABLE' : 'DISABLE'} TRIGGER ${triggers[1]};`,
        ].join('\n'),
      );
  };
  const per: Record<'on' | 'off', number[]> = { on: [], off: [] };
  let k = 0;
  for (let r = 0; r < rounds * 2; r++) {
    const mode = r % 2 === 0 ? 'off' : 'on';
    await set(mode === 'on');
    const t0 = process.hrtime.bigint();
    for (let b = 0; b < batches; b++)
      await repo.insertNewResponses(
        db,
        Array.from({ length: size }, () => item(k++)),
      );
    const us = Number(process.hrtime.bigint() - t0) / 1000 / (batches * size);
    per[mode].push(us);
    process.stderr.write(`${mode} round ${Math.floor(r / 2) + 1}: ${us.toFixed(0)} µs/response\n`);
  }
  await set(true);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  process.stdout.write(
    `${JSON.stringify({
      survey: servqual ? 'servqual' : 'nps',
      toggle: indexFile
        ? `indexes of ${indexFile}`
        : orgRollup
          ? 'org-rollup'
          : index
            ? 'drill-index'
            : 'triggers',
      batches,
      responsesPerBatch: size,
      rounds,
      usPerResponseOff: Math.round(median(per.off)),
      usPerResponseOn: Math.round(median(per.on)),
      overheadUs: Math.round(median(per.on) - median(per.off)),
      ratio: +(median(per.on) / median(per.off)).toFixed(2),
    })}\n`,
  );
} finally {
  await db.close();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.end();
  await cluster?.stop?.();
}
