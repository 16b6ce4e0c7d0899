// HTML -> PDF with the system's Chromium (CHROMIUM_PATH), through its command-line printer: no
// browser library in the server. One Chromium at a time per server instance (each costs hundreds
// of MB and a core; the rest wait in a short queue), a hard timeout that kills the whole process
// group, and the temporary directory (page, profile, output) always removed.
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError, registerErrors } from '../../lib/errors';

registerErrors({
  ANALYTICS_PDF_UNAVAILABLE: {
    status: 503,
    es: 'No se puede generar el PDF: el servidor no tiene Chromium instalado. Avise a la persona que administra Fidelia.',
    en: 'The PDF cannot be produced: Chromium is not installed on the server. Please tell whoever runs Fidelia.',
  },
  ANALYTICS_PDF_FAILED: {
    status: 503,
    es: 'No se pudo generar el PDF a tiempo. Inténtelo de nuevo en unos minutos.',
    en: 'The PDF could not be produced in time. Please try again in a few minutes.',
  },
  ANALYTICS_PDF_BUSY: {
    status: 503,
    es: 'Hay demasiados PDF en preparación. Inténtelo de nuevo en unos minutos.',
    en: 'Too many PDFs are being prepared. Please try again in a few minutes.',
  },
});

export const PDF_TIMEOUT_MS = 60_000;
/** Requests allowed to wait behind the running one before new ones are turned away. */
export const PDF_QUEUE_MAX = 8;

/**
 * Runs tasks one at a time in arrival order; at most `max` wait. A failed task does not stop
 * the ones behind it.
 */
export function serialQueue(max: number) {
  let tail: Promise<unknown> = Promise.resolve();
  let waiting = 0;
  return {
    get pending() {
      return waiting;
    },
    run<T>(task: () => Promise<T>): Promise<T> {
      if (waiting >= max + 1) return Promise.reject(new AppError('ANALYTICS_PDF_BUSY'));
      waiting++;
      const p = tail.then(task);
      tail = p.then(
        () => {
          waiting--;
        },
        () => {
          waiting--;
        },
      );
      return p;
    },
  };
}

const queue = serialQueue(PDF_QUEUE_MAX);

async function executable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Prints one HTML page to PDF bytes with Chromium at `chromiumPath`. */
export async function htmlToPdf(
  html: string,
  chromiumPath: string,
  timeoutMs = PDF_TIMEOUT_MS,
): Promise<Buffer> {
  // Checked before queueing: a server without Chromium answers at once.
  if (!(await executable(chromiumPath))) throw new AppError('ANALYTICS_PDF_UNAVAILABLE');
  return queue.run(() => print(html, chromiumPath, timeoutMs));
}

async function print(html: string, chromiumPath: string, timeoutMs: number): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'fidelia-pdf-'));
  try {
    const page = join(dir, 'report.html');
    const out = join(dir, 'report.pdf');
    await writeFile(page, html, 'utf8');
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-extensions',
      '--no-first-run',
      '--no-default-browser-check',
      // Own profile per run: never the user's, never shared with a browser already running.
      `--user-data-dir=${join(dir, 'profile')}`,
      '--no-pdf-header-footer',
      `--print-to-pdf=${out}`,
      pathToFileURL(page).href,
    ];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(chromiumPath, args, {
        stdio: 'ignore',
        // Own process group: the timeout kills Chromium's helper processes too.
        detached: true,
        env: { ...process.env, HOME: dir },
      });
      const timer = setTimeout(() => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
        reject(new AppError('ANALYTICS_PDF_FAILED', { reason: 'timeout' }));
      }, timeoutMs);
      child.on('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(
          new AppError(
            e.code === 'ENOENT' || e.code === 'EACCES'
              ? 'ANALYTICS_PDF_UNAVAILABLE'
              : 'ANALYTICS_PDF_FAILED',
          ),
        );
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new AppError('ANALYTICS_PDF_FAILED', { reason: `exit ${code}` }));
      });
    });
    const pdf = await readFile(out).catch(() => Buffer.alloc(0));
    if (pdf.subarray(0, 4).toString('latin1') !== '%PDF')
      throw new AppError('ANALYTICS_PDF_FAILED', { reason: 'no output' });
    return pdf;
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
