// A real ClamAV daemon for tests (Debian's clamav-daemon, installed by .ci/run). No internet, so
// no official signatures: the daemon loads one signature database written here that recognises
// the EICAR test file (the industry-standard harmless "virus"), which is all the tests need to see
// the product's scan → refuse path against the real scanner and protocol.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './net';

/** The EICAR test file: harmless, and detected as a virus by every scanner that knows it. */
export const EICAR = Buffer.from(
  'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*',
);
export const CLAMD_BIN = '/usr/sbin/clamd';

export interface Clamd {
  /** tcp://127.0.0.1:PORT, for CLAMD_URL */
  url: string;
  stop(): Promise<void>;
}

const ping = (port: number) =>
  new Promise<boolean>((res) => {
    const s = new Socket();
    let out = '';
    s.setTimeout(1000);
    s.on('data', (d) => {
      out += d;
    });
    s.on('error', () => res(false));
    s.on('timeout', () => {
      s.destroy();
      res(false);
    });
    s.on('close', () => res(out.startsWith('PONG')));
    s.connect(port, '127.0.0.1', () => s.end('zPING\0'));
  });

export async function startClamd(): Promise<Clamd> {
  if (!existsSync(CLAMD_BIN)) {
    throw new Error(`${CLAMD_BIN} missing: apt-get install clamav-daemon (.ci/run does)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'fidelia-clamd-'));
  const db = join(dir, 'db');
  mkdirSync(db);
  const md5 = createHash('md5').update(EICAR).digest('hex');
  writeFileSync(join(db, 'fidelia-test.hdb'), `${md5}:${EICAR.length}:Fidelia.Test.EICAR\n`);
  const port = await freePort();
  const conf = join(dir, 'clamd.conf');
  writeFileSync(
    conf,
    [
      'Foreground yes',
      `TCPSocket ${port}`,
      'TCPAddr 127.0.0.1',
      `DatabaseDirectory ${db}`,
      `PidFile ${join(dir, 'clamd.pid')}`,
      `TemporaryDirectory ${dir}`,
      'LogFile /dev/null',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(CLAMD_BIN, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const deadline = Date.now() + 60_000;
  while (!(await ping(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`clamd did not start: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url: `tcp://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
