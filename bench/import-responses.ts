// Response import throughput: an N-row CSV (default 100,000) in a survey's wide layout through
// the real HTTP path (upload + preview, then the durable job drained as the worker would),
// then the same file again (every row unchanged). Engine from FIDELIA_TEST_ENGINE (PGlite in
// memory by default; postgres with TEST_DATABASE_URL).
//   npx tsx bench/import-responses.ts [rows]
import { runOne } from '../packages/server/src/jobs/worker';
import { createOrg, createTestApp, login } from '../packages/server/test/harness';

const N = Number(process.argv[2] ?? 100_000);
const tx = (es: string) => ({ es, en: es });
const items = [1, 2, 3, 4, 5].map((n) => ({
  key: `p${n}`,
  n,
  dimension: 'tangibles',
  text: tx(`Ítem ${n}`),
}));
const definition = {
  title: tx('Histórico'),
  pages: [
    {
      key: 'p1',
      questions: [
        { key: 'nps', type: 'rating', tag: 'nps', title: tx('NPS'), required: true },
        { key: 'sat', type: 'csat', tag: 'csat', title: tx('CSAT') },
        { key: 'sq', type: 'servqual', part: 'P', title: tx('P'), items },
        { key: 'why', type: 'text', title: tx('Comentario') },
      ],
    },
  ],
};

const { app, db } = await createTestApp();
const org = await createOrg(db, 'Bench');
const s = await login(app, org.users.owner);
const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
const survey = (await call('POST', '/api/surveys', { name: 'Bench', definition })).json().id;
await call('POST', `/api/surveys/${survey}/publish`);

const lines = ['respondent_id,submitted_at,channel,unit,nps,sat,sq.p1,sq.p2,sq.p3,sq.p4,sq.p5,why'];
const chans = ['web', 'phone', 'postal', 'email'];
for (let i = 0; i < N; i++) {
  const d = new Date(Date.UTC(2020, 0, 1) + (i % 1800) * 86_400_000).toISOString();
  const sq = [1, 2, 3, 4, 5].map((k) => 1 + ((i * k) % 7)).join(',');
  lines.push(
    `H${i},${d},${chans[i % 4]},Bench,${i % 11},${1 + (i % 5)},${sq},${i % 10 ? '' : `nota ${i}`}`,
  );
}
const csv = Buffer.from(`${lines.join('\n')}\n`);
const boundary = '----bench';
const body = Buffer.concat([
  Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="h.csv"\r\nContent-Type: text/csv\r\n\r\n`,
  ),
  csv,
  Buffer.from(`\r\n--${boundary}--\r\n`),
]);

async function once(label: string) {
  const t0 = performance.now();
  const up = await app.inject({
    method: 'POST',
    url: `/api/surveys/${survey}/response-imports`,
    headers: { ...s.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
  const id = up.json().id;
  const t1 = performance.now();
  await call('POST', `/api/surveys/${survey}/response-imports/${id}/run`, { dryRun: false });
  while (await runOne(db)) {}
  const t2 = performance.now();
  const st = (await call('GET', `/api/surveys/${survey}/response-imports/${id}`)).json();
  console.log(
    `${label}: ${N} rows (${(csv.length / 1e6).toFixed(1)} MB), upload+preview ${((t1 - t0) / 1000).toFixed(1)} s, job ${((t2 - t1) / 1000).toFixed(1)} s (${Math.round(N / ((t2 - t1) / 1000))} rows/s), inserted ${st.inserted}, unchanged ${st.unchanged}, rejected ${st.rejected}, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
  );
}
console.log(`engine: ${process.env.FIDELIA_TEST_ENGINE ?? 'pglite'}`);
await once('import');
await once('re-import');
await app.close();
await db.close();
