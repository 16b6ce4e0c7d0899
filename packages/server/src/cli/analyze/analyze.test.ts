// CLI tests: main() with argv and temp files; JSON on stdout, one-line errors on stderr.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli';

const dir = mkdtempSync(join(tmpdir(), 'analyze-'));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    out += String(s);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
    err += String(s);
    return true;
  });
  const code = await main(args);
  vi.restoreAllMocks();
  return { code, out, err };
}
afterEach(() => vi.restoreAllMocks());

function file(name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

const SQ_HEADER = [
  'respondent_id',
  ...Array.from({ length: 22 }, (_, i) => `E${i + 1}`),
  ...Array.from({ length: 22 }, (_, i) => `P${i + 1}`),
];

function sqRow(id: number, e: (i: number) => string, p: (i: number) => string, sep = ','): string {
  return [
    String(id),
    ...Array.from({ length: 22 }, (_, i) => e(i)),
    ...Array.from({ length: 22 }, (_, i) => p(i)),
  ].join(sep);
}

describe('analyze servqual', () => {
  it('prints the contract JSON', async () => {
    const csv = [
      [
        ...SQ_HEADER,
        'W_tangibles',
        'W_reliability',
        'W_responsiveness',
        'W_assurance',
        'W_empathy',
      ].join(','),
      `${sqRow(
        1,
        () => '6',
        () => '4',
      )},20,20,20,20,20`,
      `${sqRow(
        2,
        (i) => (i === 0 ? '' : '7'),
        () => '7',
      )},40,30,10,10,10`,
      `${sqRow(
        3,
        () => '5',
        () => '6',
      )},,,,,`,
    ].join('\n');
    const r = await run(['analyze', 'servqual', '--input', file('sq.csv', csv), '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.n).toBe(3);
    expect(j.items[0]).toMatchObject({
      item: '1',
      dimension: 'tangibles',
      n: 2,
      expectation: 5.5,
      perception: 5,
      gap: -0.5,
    });
    expect(j.items[1]).toMatchObject({ n: 3, expectation: 6, perception: 17 / 3 });
    expect(j.items[1].gap).toBeCloseTo(-1 / 3, 14);
    expect(j.items[0].ci95).toHaveLength(2);
    expect(Object.keys(j.dimensions[0])).toEqual([
      'dimension',
      'expectation',
      'perception',
      'gap',
      'weight',
      'alphaPerception',
    ]);
    expect(j.dimensions[0].weight).toBeCloseTo(0.3, 14);
    expect(j.overall.weightedGap).not.toBeNull();
  });

  it('reads semicolons with decimal commas, Windows-1252 and BOM files alike', async () => {
    const rows = [
      SQ_HEADER.join(';'),
      sqRow(
        1,
        () => '5,5',
        () => '6',
        ';',
      ),
      sqRow(
        2,
        () => '4',
        () => '6,5',
        ';',
      ),
    ];
    const a = await run([
      'analyze',
      'servqual',
      '--input',
      file('semi.csv', `\uFEFF${rows.join('\r\n')}\r\n`),
      '--json',
    ]);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.out).items[0]).toMatchObject({
      expectation: 4.75,
      perception: 6.25,
      gap: 1.5,
    });
    const latin = iconv.encode(
      `${SQ_HEADER.join(',')},comentario\n${sqRow(
        1,
        () => '3',
        () => '4',
      )},atención\n`,
      'win1252',
    );
    const b = await run(['analyze', 'servqual', '--input', file('latin.csv', latin), '--json']);
    expect(b.code).toBe(0);
    expect(b.err).toMatch(/Windows-1252/);
    expect(JSON.parse(b.out).items[0].gap).toBe(1);
  });

  it.each([
    ['wrong header', 'respondent_id,E1,P1\n1,2,3\n', /row 1: missing column "E2"/],
    [
      'out of range',
      `${SQ_HEADER.join(',')}\n${sqRow(
        1,
        (i) => (i === 4 ? '9' : '3'),
        () => '4',
      )}\n`,
      /row 2, column E5: 9 is out of range/,
    ],
    [
      'non-numeric',
      `${SQ_HEADER.join(',')}\n${sqRow(
        1,
        () => '3',
        () => '4',
      )}\n${sqRow(
        2,
        () => '3',
        (i) => (i === 1 ? 'x' : '4'),
      )}\n`,
      /row 3, column P2: "x" is not a number/,
    ],
    ['empty file', '', /empty file/],
    ['header only', `${SQ_HEADER.join(',')}\n`, /no data rows/],
    [
      'only missing',
      `${SQ_HEADER.join(',')}\n${sqRow(
        1,
        () => '',
        () => '',
      )}\n`,
      /only missing values/,
    ],
    ['unterminated quote', `${SQ_HEADER.join(',')}\n"1,2\n`, /row 2: unterminated/],
  ])('%s: exit ≠ 0 and one-line message naming file and row', async (_name, content, msg) => {
    const r = await run(['analyze', 'servqual', '--input', file('bad.csv', content), '--json']);
    expect(r.code).not.toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^fidelia: bad\.csv: /);
    expect(r.err).toMatch(msg);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('byte fast path = general reader: quotes, CRLF, BOM, blank lines, no final newline, decimals', async () => {
    const rows = Array.from({ length: 30 }, (_, r) =>
      sqRow(
        r + 1,
        (i) => ((r * 7 + i * 3) % 11 === 0 ? '' : String(1 + ((r + i) % 7))),
        (i) =>
          i === 3 && r === 4 ? '5.5' : i === 8 && r === 2 ? ' 6' : String(1 + ((r * 3 + i) % 7)),
      ),
    );
    const plain = `${SQ_HEADER.join(',')}\n${rows.join('\n')}\n`;
    // The same data with a quoted id: forces the general RFC 4180 reader.
    const quoted = `${SQ_HEADER.join(',')}\n${rows.map((r, k) => (k === 7 ? r.replace(/^8,/, '"8",') : r)).join('\n')}\n`;
    const crlf = `\uFEFF${SQ_HEADER.join(',')}\r\n\r\n${rows.join('\r\n')}`;
    const outs = [];
    for (const [name, text] of [
      ['plain.csv', plain],
      ['quoted.csv', quoted],
      ['crlf.csv', crlf],
    ]) {
      const r = await run([
        'analyze',
        'servqual',
        '--input',
        file(name as string, text as string),
        '--json',
      ]);
      expect(r.code).toBe(0);
      outs.push(JSON.parse(r.out));
    }
    expect(outs[1]).toEqual(outs[0]);
    expect(outs[2]).toEqual(outs[0]);
    expect(outs[0].n).toBe(30);
    const wide = await run([
      'analyze',
      'servqual',
      '--input',
      file('wide.csv', `${plain}${rows[0]},extra,more\n`),
    ]);
    expect(wide.code).toBe(1);
    expect(wide.err).toMatch(/wide\.csv: row 32: 47 columns but the header has 45/);
  });

  it('missing file and table output / xlsx report', async () => {
    expect((await run(['analyze', 'servqual', '--input', join(dir, 'nope.csv')])).err).toMatch(
      /file not found/,
    );
    const p = file(
      'ok.csv',
      `${SQ_HEADER.join(',')}\n${sqRow(
        1,
        () => '3',
        () => '4',
      )}\n${sqRow(
        2,
        () => '5',
        () => '4',
      )}\n`,
    );
    const out = join(dir, 'report.xlsx');
    const r = await run(['analyze', 'servqual', '--input', p, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/SERVQUAL items/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'SERVQUAL items (n = 2)',
      'SERVQUAL dimensions',
      'SERVQUAL overall',
    ]);
  });
});

describe('analyze kano / nps / csat / ipa / drivers', () => {
  it('kano JSON per contract, header order, respondents missing an answer left out', async () => {
    const csv =
      'respondent_id,wifi:functional,wifi:dysfunctional,desk:functional,desk:dysfunctional\n1,1,5,2,5\n2,2,5,1,3\n3,,5,1,3\n';
    const r = await run(['analyze', 'kano', '--input', file('kano.csv', csv), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      attributes: [
        {
          attribute: 'wifi',
          n: 2,
          counts: { A: 0, O: 1, M: 1, I: 0, R: 0, Q: 0 },
          category: 'M',
          better: 0.5,
          worse: -1,
        },
        {
          attribute: 'desk',
          n: 3,
          counts: { A: 2, O: 0, M: 1, I: 0, R: 0, Q: 0 },
          category: 'A',
          better: 2 / 3,
          worse: -1 / 3,
        },
      ],
    });
    const bad = await run([
      'analyze',
      'kano',
      '--input',
      file('kbad.csv', 'respondent_id,wifi:functional,wifi:dysfunctional\n1,6,1\n'),
    ]);
    expect(bad.err).toMatch(/row 2, column wifi:functional: 6 is out of range/);
  });

  it('nps with groups; blank rows ignored', async () => {
    const csv = 'id,score,channel\n1,10,Online\n2,9,Store\n3,,Store\n4,3,Online\n5,8,Online\n';
    const r = await run([
      'analyze',
      'nps',
      '--input',
      file('nps.csv', csv),
      '--group',
      'channel',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ n: 4, promoters: 2, passives: 1, detractors: 1, nps: 25 });
    const se = 100 * Math.sqrt((0.5 + 0.25 - 0.25 ** 2) / 4);
    expect(j.ci95[0]).toBeCloseTo(25 - 1.96 * se, 12);
    expect(j.groups.map((g: { group: string; n: number }) => [g.group, g.n])).toEqual([
      ['Online', 3],
      ['Store', 1],
    ]);
    const noGroup = JSON.parse(
      (await run(['analyze', 'nps', '--input', file('nps.csv', csv), '--json'])).out,
    );
    expect(noGroup.groups).toBeUndefined();
    const bad = await run(['analyze', 'nps', '--input', file('nbad.csv', 'score\n7.5\n')]);
    expect(bad.err).toMatch(/row 2, column score: 7.5 is out of range \(integer 0–10\)/);
  });

  it('reads .xlsx input (first sheet) like CSV', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['id', 'score', 'channel']);
    ws.addRow([1, 10, 'Web']);
    ws.addRow([2, 3, 'Web']);
    ws.addRow([3, null, 'Tienda']);
    ws.addRow([4, 9, 'Tienda']);
    const p = join(dir, 'nps.xlsx');
    await wb.xlsx.writeFile(p);
    const r = await run(['analyze', 'nps', '--input', p, '--group', 'channel', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ n: 3, promoters: 2, detractors: 1, nps: 100 / 3 });
  });

  it('csat top-2-box of 1..5', async () => {
    const r = await run([
      'analyze',
      'csat',
      '--input',
      file('csat.csv', 'score\n5\n4\n3\n1\n'),
      '--json',
    ]);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({
      n: 4,
      satisfied: 2,
      csat: 0.5,
      mean: 13 / 4,
      distribution: [1, 0, 1, 1, 1],
    });
  });

  it('ipa stated importance and drivers', async () => {
    const ipaCsv =
      'respondent_id,a:performance,a:importance,b:performance,b:importance\n1,9,2,3,9\n2,7,4,5,7\n';
    const r = await run(['analyze', 'ipa', '--input', file('ipa.csv', ipaCsv), '--json']);
    const j = JSON.parse(r.out);
    expect(j.method).toBe('stated');
    expect(j.attributes.map((a: { quadrant: string }) => a.quadrant)).toEqual([
      'possible overkill',
      'concentrate here',
    ]);
    const lines = ['respondent_id,x1,x2,overall'];
    for (let i = 0; i < 40; i++)
      lines.push(
        `${i},${i % 7},${(i * 3) % 5},${Math.min(10, (i % 7) + ((i * 3) % 5) / 2 + (i % 2))}`,
      );
    const d = await run([
      'analyze',
      'drivers',
      '--input',
      file('drv.csv', lines.join('\n')),
      '--bootstrap',
      '50',
      '--json',
    ]);
    expect(d.code).toBe(0);
    const dj = JSON.parse(d.out);
    expect(dj.drivers).toHaveLength(2);
    const sum = dj.drivers.reduce(
      (s: number, x: { relativeWeight: number }) => s + x.relativeWeight,
      0,
    );
    expect(sum).toBeCloseTo(dj.rSquared, 12);
  });

  it('trend of a mean and of a top-box share by period (semicolons, decimal comma)', async () => {
    const csv =
      'mes;satisfaccion\n2026-02;5\n2026-01;7\n2026-01;8\n2026-01;9\n2026-02;6\n2026-02;4\n2026-03;8\n2026-03;8,5\n2026-03;\n';
    const f = file('trend.csv', csv);
    const r = await run([
      'analyze',
      'trend',
      '--input',
      f,
      '--period',
      'mes',
      '--column',
      'satisfaccion',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.periods.map((p: { period: string }) => p.period)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    // By hand: means 8, 5, 8.25; Welch t for Jan→Feb = −3/√(1/3 + 1/3) = −3.674, df = 4.
    expect(j.periods[2]).toMatchObject({ n: 2, mean: 8.25 });
    expect(j.periods[1].change.t).toBeCloseTo(-3 / Math.sqrt(2 / 3), 12);
    expect(j.periods[1].change.df).toBeCloseTo(4, 12);
    expect(j.periods[1].outOfControl).toBe(true);
    const b = await run([
      'analyze',
      'trend',
      '--input',
      f,
      '--period',
      'mes',
      '--column',
      'satisfaccion',
      '--measure',
      'top-box',
      '--json',
    ]);
    const bj = JSON.parse(b.out);
    expect(bj.threshold).toBe(9);
    expect(bj.periods.map((p: { successes: number }) => p.successes)).toEqual([1, 0, 0]);
    const bad = await run([
      'analyze',
      'trend',
      '--input',
      file('t2.csv', 'mes,score\n2026-01,12\n'),
      '--period',
      'mes',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/t2\.csv: row 2, column score: 12 is out of range/);
  });
});
