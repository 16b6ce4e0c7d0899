// Server-side commands: serve, migrate, user create, backup, restore, standards sync-attributes. Each opens the database
// from the same environment as the server (DATABASE_URL or DATA_DIR). The database, server and
// user modules are imported inside the actions, so `fidelia analyze …` and `--help` do not pay
// for loading them.
import type { Command } from 'commander';
import { z } from 'zod';
import type { Db } from '../db/client';
import { ROLES } from '../lib/access';
import { CliError } from './errors';

/** Opens the database for `fidelia <command>`; on PGlite the data directory is locked meanwhile. */
async function withDb<T>(
  command: string,
  fn: (db: Db) => Promise<T>,
  autoMigrate = true,
): Promise<T> {
  const { loadConfig } = await import('../config');
  const { openDb } = await import('../db/client');
  const { migrate } = await import('../db/migrate');
  const { DataDirLockedError } = await import('../db/lock');
  const config = loadConfig();
  const db = await openDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    holder: `fidelia ${command}`,
  }).catch((e: unknown) => {
    // The server (or another command) has the embedded database open: change nothing.
    if (e instanceof DataDirLockedError) throw new CliError(e.message);
    throw e;
  });
  try {
    if (autoMigrate) await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

const ZUserOpts = z.object({
  org: z.string().min(1),
  email: z.string().email(),
  role: z.enum(ROLES),
  unit: z.string().uuid().optional(),
  name: z.string().optional(),
  password: z.string().min(10).optional(),
});

export function registerServerCommands(program: Command): void {
  program
    .command('serve')
    .description('start the HTTP server (PORT, HOST, DATA_DIR, DATABASE_URL from the environment)')
    .action(async () => {
      const { startServer } = await import('../main');
      const { DataDirLockedError } = await import('../db/lock');
      await startServer().catch((e: unknown) => {
        throw e instanceof DataDirLockedError ? new CliError(e.message) : e;
      });
      await new Promise(() => {}); // runs until a signal stops it
    });

  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async () => {
      const { migrate } = await import('../db/migrate');
      const applied = await withDb('migrate', (db) => migrate(db), false);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'up to date\n');
    });

  const user = program.command('user').description('manage users');
  user
    .command('create')
    .description('create a user; prints a generated password when none is given')
    .requiredOption('--org <slugOrId>', 'organisation slug or id')
    .requiredOption('--email <email>', 'login email')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--unit <unitId>', 'limit the user to this org unit subtree')
    .option('--name <name>', 'display name (defaults to the email)')
    .option('--password <password>', 'password (at least 10 characters)')
    .action(async (opts: Record<string, string>) => {
      const p = ZUserOpts.safeParse(opts);
      if (!p.success) {
        const i = p.error.issues[0];
        throw new CliError(`--${String(i?.path[0])}: ${i?.message}`, 2);
      }
      const o = p.data;
      const { createUser } = await import('../modules/users/service');
      const { AppError } = await import('../lib/errors');
      await withDb('user create', async (db) => {
        const r = await db.query<{ id: string }>(
          'SELECT id FROM pub_orgs WHERE slug = $1 OR id::text = $1',
          [o.org],
        );
        const orgId = r.rows[0]?.id;
        if (!orgId) throw new CliError(`--org: no organisation "${o.org}"`, 2);
        try {
          const { user: u, password } = await createUser(
            db,
            { orgId, userId: null, email: null },
            {
              email: o.email,
              name: o.name ?? o.email,
              role: o.role,
              unitId: o.unit ?? null,
              password: o.password,
            },
          );
          process.stdout.write(`created ${u.email} (${u.role}) id ${u.id}\n`);
          if (!o.password) process.stdout.write(`password: ${password}\n`);
        } catch (e) {
          if (e instanceof AppError)
            throw new CliError(`${e.code} ${JSON.stringify(e.details ?? {})}`, 1);
          throw e;
        }
      });
    });

  program
    .command('backup')
    .description('write a logical backup (JSON lines, every table) to a file')
    .requiredOption('--out <file>', 'output file')
    .action(async (opts: { out: string }) => {
      const { backup } = await import('../db/backup');
      const counts = await withDb('backup', (db) => backup(db, opts.out));
      process.stdout.write(`backup written to ${opts.out}: ${JSON.stringify(counts)}\n`);
    });

  program
    .command('restore')
    .description('restore a logical backup into an empty database')
    .requiredOption('--in <file>', 'backup file')
    .action(async (opts: { in: string }) => {
      const { restore } = await import('../db/backup');
      const counts = await withDb('restore', (db) =>
        restore(db, opts.in).catch((e: Error) => {
          throw new CliError(`restore failed: ${e.message}`);
        }),
      );
      process.stdout.write(`restored: ${JSON.stringify(counts)}\n`);
    });

  const standards = program
    .command('standards')
    .description('the shared service attribute catalogue');
  standards
    .command('sync-attributes')
    .description('add the attributes named by complaint cases and Kano questions (idempotent)')
    .requiredOption('--org <slugOrId>', 'organisation slug or id')
    .action(async (opts: { org: string }) => {
      const { syncAttributes } = await import('../modules/standards/service');
      await withDb('standards sync-attributes', async (db) => {
        const r = await db.query<{ id: string }>(
          'SELECT id FROM pub_orgs WHERE slug = $1 OR id::text = $1',
          [opts.org],
        );
        const orgId = r.rows[0]?.id;
        if (!orgId) throw new CliError(`--org: no organisation "${opts.org}"`, 2);
        const { added, keys } = await syncAttributes(db, orgId);
        process.stdout.write(added ? `added ${added}: ${keys.join(', ')}\n` : 'up to date\n');
      });
    });
}
