// `npm start`: migrate, seed a demo org on an empty database, serve API + built web app, and shut
// down gracefully (finish in-flight requests, stop jobs, close the database) on SIGTERM/SIGINT/
// SIGHUP or when the start script that spawned it dies (IPC channel closed).
// First: starts compiling PGlite's WebAssembly while the modules below are evaluated.
import './db/pglite-prefetch';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { buildApp } from './app';
import { loadConfig, type TConfig } from './config';
import { openDb } from './db/client';
import { DataDirLockedError } from './db/lock';
import { migrate } from './db/migrate';
import { startStatisticsKeeper } from './db/statistics';
import { isEmpty, seedDemoData, seedDemoOrg, type TDemoLogin } from './demo/seed';
import { startWorker } from './jobs/worker';
import { boundHeapGrowth } from './lib/heap-growth';
import { publicBaseUrl } from './lib/public-url';
import { nullMailer, smtpMailer } from './mail/mailer';

const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

const SHUTDOWN_GRACE_MS = 20_000;

export async function startServer(config: TConfig = loadConfig()) {
  const logger = pino({ level: config.logLevel });
  const db = await openDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    holder: 'the Fidelia server',
  });
  const applied = await migrate(db);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  let demo: TDemoLogin | null = null;
  if (await isEmpty(db)) demo = await seedDemoOrg(db);

  const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : nullMailer();
  const app = await buildApp({
    config,
    db,
    mailer,
    logger,
    version: VERSION,
    webDist: config.webDist ?? WEB_DIST,
  });
  await app.listen({ port: config.port, host: config.host });
  // The job worker starts once the server listens (its first poll must not delay the first
  // answer). On a first start it waits for the demo data: seeders write rows (complaint
  // references, follow-ups) that jobs they queue would otherwise race to write too.
  let worker: ReturnType<typeof startWorker> | null = demo ? null : startWorker(db, logger);
  const statistics = startStatisticsKeeper(db, logger);
  const url = publicBaseUrl(config);
  const lines = [`Fidelia ${VERSION} listening on ${url} (database: ${db.engine})`];
  if (demo) {
    lines.push(
      'Demo organisation "Banco Horizonte" created. One-time admin credentials (shown only now):',
      `  email: ${demo.email}`,
      `  password: ${demo.password}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  // Run from the compiled bundle (dist/main.js): once the server listens, the functions start-up
  // compiled are saved as V8's code cache for the next start (only when there is none yet).
  const writeCodeCache = (globalThis as { __fideliaWriteCodeCache?: () => void })
    .__fideliaWriteCodeCache;
  // Then the heap policy for serving (lib/heap-growth.ts), after the cache is written: a cache
  // made after a flag change would not match the flags of the next start.
  setImmediate(() => {
    writeCodeCache?.();
    boundHeapGrowth();
  });

  let stopping = false;
  // The modules' demo data (customers, surveys, complaints, retention) is written while the
  // server already answers; progress goes to stdout like the credentials, whatever the log
  // level, so whoever started the server (and the e2e harness) sees when it is complete.
  let seeding: Promise<void> = Promise.resolve();
  if (demo) {
    const t0 = performance.now();
    const org = demo.demo;
    seeding = seedDemoData(
      db,
      org,
      (done, total) => {
        const tail =
          done === total ? ` — demo data ready (${Math.round(performance.now() - t0)} ms)` : '';
        process.stdout.write(`Demo data: ${done}/${total} modules seeded${tail}\n`);
      },
      () => stopping,
    )
      .catch((err: unknown) => logger.error({ err }, 'demo data seeding failed'))
      .finally(() => {
        if (!stopping) worker = startWorker(db, logger);
      });
  }
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // A request or job that never finishes must not keep the port: bounded grace period.
    setTimeout(() => {
      logger.error({ graceMs: SHUTDOWN_GRACE_MS }, 'shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    try {
      await app.close(); // stops accepting, waits for in-flight requests
      await seeding; // stops after the module being seeded (`stopping` is checked between)
      await worker?.stop();
      await statistics.stop();
      await db.close();
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGHUP', () => void stop('SIGHUP'));
  // Started by scripts/start.mjs with an IPC channel: it closes when that process dies, even by
  // kill -9, and the server must not outlive it (it would keep the port and DATA_DIR).
  if (process.channel) {
    process.channel.unref();
    process.on('disconnect', () => void stop('parent exited'));
    if (!process.connected) void stop('parent exited'); // it died while we were starting
  }
  return app;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  startServer().catch((e: unknown) => {
    // Another process holds the data directory: the message says who and what to do.
    const why = e instanceof DataDirLockedError ? e.message : ((e as Error).stack ?? String(e));
    process.stderr.write(`fidelia: failed to start: ${why}\n`);
    process.exit(1);
  });
}
