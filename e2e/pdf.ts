// The one way e2e tests read a PDF report: download it through the page's button, turn its
// pages into images with poppler's pdftoppm (size, ink) and read its text with pdftotext.
// PDF_PAGES_DIR=<dir> keeps PNGs of the pages for a person to look at.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export interface TPdfPage {
  width: number;
  height: number;
  /** share of pixels darker than mid-grey */
  darkShare: number;
}

/** Grey levels of a binary PGM (P5, 8 bit) as pdftoppm -gray writes it. */
function readPgm(file: string): { width: number; height: number; pixels: Buffer } {
  const b = readFileSync(file);
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(b.subarray(0, 64).toString('latin1'));
  if (!m) throw new Error(`not a PGM: ${file}`);
  return { width: Number(m[1]), height: Number(m[2]), pixels: b.subarray(m[0].length) };
}

/** Page images and text of a PDF; at 50 dpi an A4 page is 413 × 585 px. */
export function inspectPdf(pdf: Buffer, keepAs?: string): { pages: TPdfPage[]; text: string } {
  expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
  const dir = mkdtempSync(join(tmpdir(), 'fidelia-pdf-e2e-'));
  try {
    const file = join(dir, 'r.pdf');
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-r', '50', '-gray', file, join(dir, 'page')]);
    const pages = readdirSync(dir)
      .filter((f) => f.endsWith('.pgm'))
      .sort()
      .map((f) => {
        const { width, height, pixels } = readPgm(join(dir, f));
        let dark = 0;
        for (const v of pixels) if (v < 128) dark++;
        return { width, height, darkShare: dark / (width * height) };
      });
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
    if (keepAs && process.env.PDF_PAGES_DIR) {
      mkdirSync(process.env.PDF_PAGES_DIR, { recursive: true });
      execFileSync('pdftoppm', ['-r', '80', '-png', file, join(process.env.PDF_PAGES_DIR, keepAs)]);
    }
    return { pages, text };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every page A4 and not a black box; the first one clearly inked (not blank). */
export function expectA4(pages: TPdfPage[]): void {
  expect(pages.length).toBeGreaterThanOrEqual(1);
  for (const p of pages) {
    expect(Math.abs(p.width - 413)).toBeLessThanOrEqual(3);
    expect(Math.abs(p.height - 585)).toBeLessThanOrEqual(3);
    expect(p.darkShare).toBeLessThan(0.5);
  }
  expect(pages[0]?.darkShare).toBeGreaterThan(0.01);
}

/** Clicks the button named `label` and returns the downloaded file's bytes. */
export async function downloadPdf(page: Page, label: string, name = /\.pdf$/): Promise<Buffer> {
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: 90_000 }),
    page.getByRole('button', { name: label }).click(),
  ]);
  expect(dl.suggestedFilename()).toMatch(name);
  return readFileSync(await dl.path());
}
