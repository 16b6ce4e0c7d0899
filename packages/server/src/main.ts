// `npm start`: migrate, seed a demo org on an empty database, serve API + built web app, and shut
// down gracefully (finish in-flight requests, stop jobs, close the database) on SIGTERM/SIGINT.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { buildApp } from './app';
import { loadConfig, type TConfig } from './config';
import { openDb } from './db/client';
import { DataDirLockedError } from './db/lock';
import { migrate } from './db/migrate';
import { isEmpty, seedDemo } from './demo/seed';
import { startWorker } from './jobs/worker';
import { nullMailer, smtpMailer } from './mail/mailer';

const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

export async function startServer(config: TConfig = loadConfig()) {
  const logger = pino({ level: config.logLevel });
  const db = await openDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    holder: 'the Fidelia server',
  });
  const applied = await migrate(db);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  let demo: { email: string; password: string } | null = null;
  if (await isEmpty(db)) demo = await seedDemo(db);

  const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : nullMailer();
  const app = await buildApp({
    config,
    db,
    mailer,
    logger,
    version: VERSION,
    webDist: config.webDist ?? WEB_DIST,
  });
  const worker = startWorker(db, logger);
  await app.listen({ port: config.port, host: config.host });
  const url =
    config.publicUrl ??
    `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const lines = [`Fidelia ${VERSION} listening on ${url} (database: ${db.engine})`];
  if (demo) {
    lines.push(
      'Demo organisation "Banco Horizonte" created. One-time admin credentials (shown only now):',
      `  email: ${demo.email}`,
      `  password: ${demo.password}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.close(); // stops accepting, waits for in-flight requests
    await worker.stop();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
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
