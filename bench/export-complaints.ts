// Complaint exports at scale: the report's cases (export.csv, export.xlsx) and the staff list
// (list.csv) of the 200,000-case year that bench/complaints-report.ts loads, downloaded through
// the server as `npm start` runs it, with its peak RSS and /api/health sampled meanwhile (the
// export-responses bench's harness). Reuses that bench's kept database, so load it first:
//   BENCH_KEEP=200k npx tsx bench/complaints-report.ts pglite 200000 10
//   BENCH_KEEP=200k npx tsx bench/export-complaints.ts pglite
//   (postgres: TEST_DATABASE_URL=… for both)
import { existsSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOWNLOAD_HEAD, download, downloadRow, serveBuilt } from './server-harness';

const engine = process.argv[2] === 'postgres' ? 'postgres' : 'pglite';
const key = `bench_cr_${engine}_${process.env.BENCH_KEEP ?? '200k'}`;
const metaFile = join(tmpdir(), `fid-keep-${key}.json`);
if (!existsSync(metaFile))
  throw new Error(`no kept database ${key}: run bench/complaints-report.ts with BENCH_KEEP first`);
const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as {
  owner: { email: string; password: string };
};
const env: Record<string, string> = {};
if (engine === 'postgres') {
  const u = new URL(process.env.TEST_DATABASE_URL as string);
  u.pathname = `/keep_${key}`;
  env.BENCH_DB_URL = u.toString();
}
const load0 = loadavg()[0] ?? 0;
// the bench harness keeps an embedded database's DATA_DIR at <dir>/pgdata (analytics-harness)
const s = await serveBuilt(engine, join(tmpdir(), `fid-keep-${key}`, 'pgdata'), meta.owner, env);
const base = `http://127.0.0.1:${s.port}`;
const out: string[] = [];
try {
  for (const [label, path, rows] of [
    ['report cases CSV', '/api/complaints/export.csv', true],
    ['report cases XLSX', '/api/complaints/export.xlsx', false],
    ['case list CSV', '/api/complaints/list.csv', true],
  ] as const) {
    const row = downloadRow(
      engine,
      label,
      await download(s.c.pid as number, base, path, s.headers),
      rows,
    );
    console.log(row);
    out.push(row);
  }
} finally {
  const exited = new Promise((r) => s.c.once('exit', r));
  s.c.kill('SIGTERM');
  await exited;
}
console.log(`load average ${load0.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}`);
console.log(DOWNLOAD_HEAD);
for (const r of out) console.log(r);
