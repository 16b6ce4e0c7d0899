// htmlToPdf's handling of the Chromium process, with stand-in "chromium" shell scripts (the
// real one is exercised by the db and e2e tests): the arguments it gets, a crash, no output, a
// hang killed by the timeout — always a 503 AppError, never a leftover temp directory; and the
// one-Chromium-at-a-time queue.
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHROMIUM_PATH, loadConfig } from '../../config';
import { htmlToPdf, serialQueue } from './pdf';

// A temp dir of this file's own (os.tmpdir() reads TMPDIR on each call): other test files
// render PDFs at the same time, and their directories would come and go in a shared one.
const ownTmp = mkdtempSync(join(tmpdir(), 'fidelia-test-tmp-'));
process.env.TMPDIR = ownTmp;
afterAll(() => rmSync(ownTmp, { recursive: true, force: true }));
const bin = mkdtempSync(join(tmpdir(), 'fidelia-fake-chromium-'));
const script = (name: string, body: string) => {
  const p = join(bin, name);
  writeFileSync(p, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
};
const pdfDirs = () => readdirSync(tmpdir()).filter((f) => f.startsWith('fidelia-pdf-'));

describe('htmlToPdf', () => {
  it('passes headless print flags and a file:// page; returns what Chromium wrote', async () => {
    // Writes "%PDF-fake <page url>" to the --print-to-pdf target, like a (very) small Chromium.
    const fake = script(
      'ok',
      `out=""; page=""; for a in "$@"; do case "$a" in --print-to-pdf=*) out="\${a#--print-to-pdf=}";; file://*) page="$a";; esac; done
case " $* " in *" --headless "*) ;; *) exit 3;; esac
case " $* " in *" --no-sandbox "*) ;; *) exit 4;; esac
printf '%%PDF-fake %s' "$page" > "$out"`,
    );
    const before = pdfDirs();
    const pdf = await htmlToPdf('<p>x</p>', fake);
    expect(pdf.toString('utf8')).toMatch(/^%PDF-fake file:\/\/.*\/report\.html$/);
    expect(pdfDirs()).toEqual(before);
  });

  it('a crash (non-zero exit) or no output: 503 ANALYTICS_PDF_FAILED, temp files removed', async () => {
    const before = pdfDirs();
    await expect(htmlToPdf('<p>x</p>', script('crash', 'exit 1'))).rejects.toMatchObject({
      code: 'ANALYTICS_PDF_FAILED',
      status: 503,
    });
    await expect(htmlToPdf('<p>x</p>', script('silent', 'exit 0'))).rejects.toMatchObject({
      code: 'ANALYTICS_PDF_FAILED',
    });
    expect(pdfDirs()).toEqual(before);
  });

  it('a hang is killed at the timeout: 503, and the next request still runs', async () => {
    const before = pdfDirs();
    await expect(htmlToPdf('<p>x</p>', script('hang', 'exec sleep 60'), 300)).rejects.toMatchObject(
      { code: 'ANALYTICS_PDF_FAILED', details: { reason: 'timeout' } },
    );
    expect(pdfDirs()).toEqual(before);
    const next = script(
      'next',
      `for a in "$@"; do case "$a" in --print-to-pdf=*) printf '%%PDF-1' > "\${a#--print-to-pdf=}";; esac; done`,
    );
    expect((await htmlToPdf('<p>x</p>', next)).toString()).toBe('%PDF-1');
  });

  it('a missing or non-executable Chromium: 503 ANALYTICS_PDF_UNAVAILABLE', async () => {
    await expect(htmlToPdf('<p>x</p>', join(bin, 'absent'))).rejects.toMatchObject({
      code: 'ANALYTICS_PDF_UNAVAILABLE',
      status: 503,
    });
    const plain = join(bin, 'plain');
    writeFileSync(plain, 'not a program');
    await expect(htmlToPdf('<p>x</p>', plain)).rejects.toMatchObject({
      code: 'ANALYTICS_PDF_UNAVAILABLE',
    });
  });
});

describe('CHROMIUM_PATH', () => {
  const env = { DATA_DIR: bin, SESSION_SECRET: 'x'.repeat(40) };
  it('defaults to Debian’s /usr/bin/chromium and can be set', () => {
    expect(loadConfig(env).chromiumPath).toBe(DEFAULT_CHROMIUM_PATH);
    expect(DEFAULT_CHROMIUM_PATH).toBe('/usr/bin/chromium');
    expect(loadConfig({ ...env, CHROMIUM_PATH: '/opt/chrome/chrome' }).chromiumPath).toBe(
      '/opt/chrome/chrome',
    );
    expect(() => loadConfig({ ...env, CHROMIUM_PATH: '' })).toThrow(/CHROMIUM_PATH/);
  });
});

describe('serialQueue', () => {
  const deferred = () => {
    let resolve!: () => void;
    let reject!: (e: Error) => void;
    const p = new Promise<void>((a, b) => {
      resolve = a;
      reject = b;
    });
    return { p, resolve, reject };
  };

  it('runs one task at a time in order, a failure does not block the rest, extra waiters refused', async () => {
    const q = serialQueue(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const gates = [deferred(), deferred(), deferred()];
    const task = (i: number) => async () => {
      running++;
      most = Math.max(most, running);
      order.push(i);
      try {
        await gates[i]?.p;
      } finally {
        running--;
      }
      return i;
    };
    const a = q.run(task(0));
    const b = q.run(task(1));
    const c = q.run(task(2));
    // one running + two waiting: the fourth is turned away
    await expect(q.run(task(3))).rejects.toMatchObject({ code: 'ANALYTICS_PDF_BUSY' });
    gates[0]?.reject(new Error('chromium crashed'));
    await expect(a).rejects.toThrow('chromium crashed');
    gates[1]?.resolve();
    gates[2]?.resolve();
    expect(await b).toBe(1);
    expect(await c).toBe(2);
    expect(order).toEqual([0, 1, 2]);
    expect(most).toBe(1);
    expect(q.pending).toBe(0);
  });
});
