// `fidelia analytics rebuild [--org ORG_ID]`: recomputes the analytics aggregate tables
// (migration 500) from the stored answers. The triggers keep them exact as answers arrive; this
// is the repair path (after a restore into an older schema, a manual SQL fix, a bug) and the
// reference the property test compares with. Opens the database like `fidelia migrate`.
import type { Command } from 'commander';
import { CliError } from './errors';

export function registerAnalytics(program: Command): void {
  const group = program
    .command('analytics')
    .description('Analytics aggregates over the stored survey answers');
  group
    .command('rebuild')
    .description('Recompute the aggregate tables from the answers (all orgs, or one)')
    .option('--org <id>', 'only this organisation (uuid)')
    .action(async (opts: { org?: string }) => {
      if (
        opts.org &&
        !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(opts.org)
      )
        throw new CliError(`--org: "${opts.org}" is not an organisation id (uuid)`);
      const { loadConfig } = await import('../config');
      const { openDb } = await import('../db/client');
      const { migrate } = await import('../db/migrate');
      const { DataDirLockedError } = await import('../db/lock');
      const { rebuildAggregates } = await import('../modules/analytics/service');
      const config = loadConfig();
      const db = await openDb({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        holder: 'fidelia analytics rebuild',
      }).catch((e: unknown) => {
        if (e instanceof DataDirLockedError) throw new CliError(e.message);
        throw e;
      });
      try {
        await migrate(db);
        const t0 = Date.now();
        await rebuildAggregates(db, opts.org ?? null);
        const n = await db.query<{ rows: string; responses: string }>(
          `SELECT count(*) AS rows, coalesce(sum(n) FILTER (WHERE tag = ''), 0) AS responses
             FROM analytics_daily WHERE ($1::uuid IS NULL OR org_id = $1)`,
          [opts.org ?? null],
        );
        const r = n.rows[0];
        process.stdout.write(
          `rebuilt ${r?.rows ?? 0} aggregate rows over ${r?.responses ?? 0} complete responses in ${Date.now() - t0} ms\n`,
        );
      } finally {
        await db.close();
      }
    });
}
