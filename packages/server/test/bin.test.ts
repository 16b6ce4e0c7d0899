// The `fidelia` bin runs a compiled bundle (scripts/build-server.mjs). It must behave exactly
// like the TypeScript sources run through tsx (FIDELIA_TSX=1): same output, same exit code, for
// the help text, an analysis and an error. Real child processes, no timing assertions.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServerBuild } from '../../../scripts/build-server.mjs';

const root = new URL('../../../', import.meta.url).pathname;
const bin = join(root, 'packages/server/bin/fidelia.mjs');
const dir = mkdtempSync(join(tmpdir(), 'fid-bin-'));

beforeAll(async () => {
  // Built once here so the first compiled run below measures nothing and races nothing.
  await ensureServerBuild({ quiet: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], tsx: boolean) {
  const env: NodeJS.ProcessEnv = { ...process.env, FIDELIA_TSX: tsx ? '1' : '0' };
  delete env.NODE_OPTIONS; // vitest's loader hooks must not leak into the child
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function both(args: string[]) {
  const compiled = run(args, false);
  const sources = run(args, true);
  // The compiled run used the bundle (a failed build would fall back to the sources, loudly).
  expect(compiled.err).not.toMatch(/running from sources/);
  expect(existsSync(join(root, 'packages/server/dist/cli.js'))).toBe(true);
  return { compiled, sources };
}

describe('fidelia bin: compiled bundle vs tsx sources', () => {
  it('--help', () => {
    const { compiled, sources } = both(['--help']);
    expect(compiled.code).toBe(0);
    expect(compiled.out).toContain('analyze');
    expect(compiled).toEqual(sources);
  });

  it('analyze nps --json', () => {
    // 10 scores: 4 promoters (9, 10), 3 passives (7, 8), 3 detractors (0–6) → NPS = 10
    const file = join(dir, 'nps.csv');
    writeFileSync(file, 'score\n10\n9\n9\n10\n7\n8\n8\n3\n6\n0\n');
    const { compiled, sources } = both(['analyze', 'nps', '--input', file, '--json']);
    expect(compiled.code).toBe(0);
    expect(JSON.parse(compiled.out).nps).toBeCloseTo(10, 12);
    expect(compiled).toEqual(sources);
  });

  it('analyze nps on an .xlsx file (exceljs, loaded on first use in the bundle)', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Respuestas');
    ws.addRow(['score']);
    for (const v of [10, 9, 3, 0]) ws.addRow([v]);
    const file = join(dir, 'nps.xlsx');
    await wb.xlsx.writeFile(file);
    const { compiled, sources } = both(['analyze', 'nps', '--input', file, '--json']);
    expect(compiled.code).toBe(0);
    // 2 promoters, 2 detractors of 4 → NPS 0
    expect(JSON.parse(compiled.out).nps).toBeCloseTo(0, 12);
    expect(compiled).toEqual(sources);
  });

  it('an input error: same message and exit code', () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'score\n11\n');
    const { compiled, sources } = both(['analyze', 'nps', '--input', file, '--json']);
    expect(compiled.code).not.toBe(0);
    expect(compiled.err).toMatch(/^fidelia: /);
    expect(compiled).toEqual(sources);
  });
});
