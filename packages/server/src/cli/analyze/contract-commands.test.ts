// `analyze gap1 | gap-causes | audit`: the documented JSON on the numpy/scipy reference data
// (written out as the CSV files an analyst would have), the errors naming file/row/column, and
// the real bin (exit codes, stdout holding exactly one JSON document).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli';

const dir = mkdtempSync(join(tmpdir(), 'analyze-contracts-'));
const BIN = new URL('../../../bin/fidelia.mjs', import.meta.url).pathname;

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

function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

type N = number | null;
type TAnswer = boolean | number | 'na' | null;
const ref = JSON.parse(
  readFileSync(
    new URL('../../../../stats/test/fixtures/quality-gaps/reference.json', import.meta.url),
    'utf8',
  ),
) as {
  gap1: { data: { customers: N[][]; managers: N[][] }; expected: unknown };
  gapCauses: {
    data: { items: { factor: string; reverse: boolean }[]; rows: N[][] };
    expected: unknown;
  };
  audit: {
    data: {
      checklist: { items: { key: string }[] };
      visits: { id: string; unit: string; kind: string; answers: Record<string, TAnswer> }[];
    };
    expected: unknown;
  };
};

/** Same keys in the same order, numbers within 1e-12 relative, everything else equal. */
function expectClose(actual: unknown, expected: unknown, path = '$'): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    expect(Math.abs((actual as number) - expected), path).toBeLessThanOrEqual(
      1e-12 * Math.abs(expected),
    );
  } else if (Array.isArray(expected)) {
    expect((actual as unknown[]).length, path).toBe(expected.length);
    for (const [i, e] of expected.entries())
      expectClose((actual as unknown[])[i], e, `${path}[${i}]`);
  } else if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object), path).toEqual(Object.keys(expected));
    for (const [k, e] of Object.entries(expected))
      expectClose((actual as Record<string, unknown>)[k], e, `${path}.${k}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}

const cellOf = (v: N) => (v === null ? '' : String(v));
const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));

function customersCsv(rows: N[][]): string {
  // the full SERVQUAL layout: P columns are present and ignored
  const header = [
    'respondent_id',
    ...range(22, (i) => `E${i + 1}`),
    ...range(22, (i) => `P${i + 1}`),
  ];
  const body = rows.map((r, j) => [`c${j}`, ...r.map(cellOf), ...range(22, () => '4')].join(','));
  return `${[header.join(','), ...body].join('\n')}\n`;
}

function managersCsv(rows: N[][]): string {
  const header = ['respondent_id', ...range(22, (i) => `M${i + 1}`)];
  return `${[header.join(','), ...rows.map((r, j) => [`m${j}`, ...r.map(cellOf)].join(','))].join('\r\n')}\r\n`;
}

function gapCausesCsv(): string {
  const { items, rows } = ref.gapCauses.data;
  const seen = new Map<string, number>();
  const header = items.map((it) => {
    const k = (seen.get(it.factor) ?? 0) + 1;
    seen.set(it.factor, k);
    return `${it.factor}:${k}${it.reverse ? ':r' : ''}`;
  });
  return `${[
    ['respondent_id', 'role', ...header].join(','),
    ...rows.map((r, j) =>
      [`s${j}`, j % 2 ? 'front office' : 'manager', ...r.map(cellOf)].join(','),
    ),
  ].join('\n')}\n`;
}

function answerCell(a: TAnswer, j: number): string {
  if (a === null) return '';
  // vary the spellings the contract allows
  if (a === 'na') return j % 2 ? 'N/A' : 'na';
  if (typeof a === 'boolean') return a ? (j % 3 ? 'yes' : 'YES') : j % 2 ? 'No' : 'no';
  return String(a);
}

function visitsCsv(): string {
  const { checklist, visits } = ref.audit.data;
  const keys = checklist.items.map((i) => i.key);
  return `${[
    ['visit_id', 'unit', 'kind', ...keys].join(','),
    ...visits.map((v, j) =>
      [v.id, v.unit, v.kind, ...keys.map((k) => answerCell(v.answers[k] ?? null, j))].join(','),
    ),
  ].join('\n')}\n`;
}

const checklistPath = file('checklist.json', JSON.stringify(ref.audit.data.checklist, null, 2));

describe('analyze gap1', () => {
  const customers = file('customers.csv', customersCsv(ref.gap1.data.customers));
  const managers = file('managers.csv', managersCsv(ref.gap1.data.managers));

  it('prints the contract JSON (reference values)', async () => {
    const r = await run([
      'analyze',
      'gap1',
      '--customers',
      customers,
      '--managers',
      managers,
      '--json',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expectClose(JSON.parse(r.out), ref.gap1.expected);
  });

  it("reads the survey export's sq_e.e1… columns as E1…", async () => {
    const header = ['id', 'nps', ...range(22, (i) => `sq_e.e${i + 1}`)].join(',');
    const body = ref.gap1.data.customers.map((r, j) => [j, 9, ...r.map(cellOf)].join(','));
    const exported = file('export.csv', `${[header, ...body].join('\n')}\n`);
    const r = await run([
      'analyze',
      'gap1',
      '--customers',
      exported,
      '--managers',
      managers,
      '--json',
    ]);
    expect(r.code).toBe(0);
    expectClose(JSON.parse(r.out), ref.gap1.expected);
  });

  it('prints tables without --json', async () => {
    const r = await run(['analyze', 'gap1', '--customers', customers, '--managers', managers]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Gap 1 items \(customers = 70, managers = 9\)/);
    expect(r.out).toMatch(/Gap 1 dimensions/);
  });

  it('names file, row and column for a missing column and an out-of-range value', async () => {
    const noM5 = file('m-missing.csv', 'respondent_id,M1,M2\nm1,3,4\n');
    const a = await run(['analyze', 'gap1', '--customers', customers, '--managers', noM5]);
    expect(a.code).toBe(1);
    expect(a.err).toMatch(/^fidelia: m-missing\.csv: row 1: missing column "M3"/);
    const rows = ref.gap1.data.managers.map((r) => [...r]);
    (rows[2] as N[])[4] = 8;
    const bad = file('m-range.csv', managersCsv(rows));
    const b = await run(['analyze', 'gap1', '--customers', customers, '--managers', bad]);
    expect(b.code).toBe(1);
    expect(b.err).toMatch(/^fidelia: m-range\.csv: row 4, column M5: 8 is out of range \(1–7\)/);
    const text = file('c-text.csv', customersCsv([[...Array<N>(21).fill(4), 'x' as unknown as N]]));
    const c = await run(['analyze', 'gap1', '--customers', text, '--managers', managers]);
    expect(c.err).toMatch(/c-text\.csv: row 2, column E22: "x" is not a number/);
  });
});

describe('analyze gap-causes', () => {
  it('prints the contract JSON (reference values)', async () => {
    const r = await run([
      'analyze',
      'gap-causes',
      '--input',
      file('gc.csv', gapCausesCsv()),
      '--json',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expectClose(JSON.parse(r.out), ref.gapCauses.expected);
  });

  it('rejects unknown factors, malformed item columns, repeated items and values outside 1–7', async () => {
    const cases: [string, RegExp][] = [
      [
        'respondent_id,teamwork:1,teamwrk:2\n1,3,4\n',
        /row 1, column teamwrk:2: unknown factor "teamwrk"/,
      ],
      [
        'respondent_id,teamwork:1,comments\n1,3,ok\n',
        /row 1, column comments: expected <factor>:<n>/,
      ],
      [
        'respondent_id,teamwork:1,teamwork:1:r\n1,3,4\n',
        /column teamwork:1:r: item already in column teamwork:1/,
      ],
      [
        'respondent_id,role,goal_setting:1\n1,a,4\n2,b,0\n',
        /row 3, column goal_setting:1: 0 is out of range \(1–7\)/,
      ],
      ['teamwork:1\n3\n', /row 1: missing column "respondent_id"/],
      ['respondent_id,teamwork:1\n1,\n', /no respondent answered any item/],
    ];
    for (const [csv, msg] of cases) {
      const r = await run(['analyze', 'gap-causes', '--input', file('gc-bad.csv', csv)]);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/^fidelia: gc-bad\.csv: /);
      expect(r.err).toMatch(msg);
    }
  });
});

describe('analyze audit', () => {
  const visits = file('visits.csv', visitsCsv());

  it('prints the contract JSON (reference values)', async () => {
    const r = await run([
      'analyze',
      'audit',
      '--checklist',
      checklistPath,
      '--visits',
      visits,
      '--json',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expectClose(JSON.parse(r.out), ref.audit.expected);
  });

  it('rejects bad visit files with file, row and column', async () => {
    const head =
      'visit_id,unit,kind,saludo,espera,limpieza,temperatura,amabilidad,oferta,despedida,folletos';
    const ok = 'Sucursal Centro,audit,yes,3,4,22,8,no,yes,4';
    const cases: [string, RegExp][] = [
      [`${head},sonrisa\nV1,${ok},yes\n`, /row 1, column sonrisa: unknown item key "sonrisa"/],
      [
        `${head.replace(',folletos', '')}\nV1,${ok.replace(/,4$/, '')}\n`,
        /row 1: missing column "folletos"/,
      ],
      [
        `${head.replace('kind,', '')}\nV1,${ok.replace('audit,', '')}\n`,
        /row 1: missing column "kind"/,
      ],
      [
        `${head}\nV1,${ok}\nV2,${ok}\nV1,${ok}\n`,
        /row 4, column visit_id: duplicate visit_id "V1" \(first in row 2\)/,
      ],
      [
        `${head}\nV1,${ok.replace('yes,3', 'maybe,3')}\n`,
        /row 2, column saludo: "maybe" is not yes, no, a number or na/,
      ],
      [
        `${head}\nV1,${ok.replace('yes,3', '1,3')}\n`,
        /row 2, column saludo: "1": expected yes, no or na/,
      ],
      [
        `${head}\nV1,${ok.replace(',4,22', ',6,22')}\n`,
        /row 2, column limpieza: "6": outside the scale 1–5/,
      ],
      [
        `${head}\nV1,${ok.replace('3,4', 'yes,4')}\n`,
        /row 2, column espera: "yes": expected a number or na/,
      ],
      [
        `${head}\nV1,${ok.replace('audit', 'survey')}\n`,
        /row 2, column kind: "survey" is not a kind/,
      ],
      [`${head}\nV1,${ok.replace('Sucursal Centro', '')}\n`, /row 2, column unit: unit is blank/],
    ];
    for (const [csv, msg] of cases) {
      const r = await run([
        'analyze',
        'audit',
        '--checklist',
        checklistPath,
        '--visits',
        file('v-bad.csv', csv),
      ]);
      expect(r.code, String(msg)).toBe(1);
      expect(r.err).toMatch(/^fidelia: v-bad\.csv: /);
      expect(r.err).toMatch(msg);
    }
  });

  it('rejects bad checklists naming the field', async () => {
    const item = { key: 'a', section: 's', type: 'yesno' };
    const cases: [string, RegExp][] = [
      ['{ "items": [', /^fidelia: cl-bad\.json: not valid JSON/],
      [
        JSON.stringify({ items: [item, { ...item, key: 'b', type: 'stars' }] }),
        /cl-bad\.json: items\[1\]\.type: /,
      ],
      [JSON.stringify({ items: [{ ...item, weight: '2' }] }), /cl-bad\.json: items\[0\]\.weight: /],
      [
        JSON.stringify({ items: [{ key: 'a', type: 'yesno' }] }),
        /cl-bad\.json: items\[0\]\.section: /,
      ],
      [JSON.stringify({ items: [] }), /cl-bad\.json: items: /],
      [JSON.stringify([item]), /cl-bad\.json: \(document\): /],
      [
        JSON.stringify({ items: [{ ...item, type: 'scale', min: 1 }] }),
        /items\[0\]\.max: required for a scale item/,
      ],
      [
        JSON.stringify({ items: [item, { ...item, key: 'A' }] }),
        /items\[1\]\.key: "A" differs from items\[0\]\.key only in case/,
      ],
      [
        JSON.stringify({ items: [{ ...item, key: 'kind' }] }),
        /items\[0\]\.key: "kind" is a reserved column/,
      ],
    ];
    for (const [json, msg] of cases) {
      const r = await run([
        'analyze',
        'audit',
        '--checklist',
        file('cl-bad.json', json),
        '--visits',
        visits,
      ]);
      expect(r.code, String(msg)).toBe(1);
      expect(r.err).toMatch(msg);
    }
  });
});

describe('the real bin', () => {
  const bin = (args: string[]) =>
    spawnSync(process.execPath, [BIN, 'analyze', ...args], { encoding: 'utf8', timeout: 60_000 });

  it('--json writes one JSON document on stdout; a bad file exits 1 with one line', () => {
    const ok = bin([
      'audit',
      '--checklist',
      checklistPath,
      '--visits',
      join(dir, 'visits.csv'),
      '--json',
    ]);
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim().split('\n')).toHaveLength(1);
    expectClose(JSON.parse(ok.stdout), ref.audit.expected);
    const bad = bin([
      'gap-causes',
      '--input',
      file('gc-bin.csv', 'respondent_id,teamwork:1\n1,9\n'),
      '--json',
    ]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe(
      'fidelia: gc-bin.csv: row 2, column teamwork:1: 9 is out of range (1–7)\n',
    );
  });

  it('each command has --help', () => {
    for (const [cmd, flag] of [
      ['gap1', '--managers'],
      ['gap-causes', '--input'],
      ['audit', '--checklist'],
    ] as const) {
      const h = bin([cmd, '--help']);
      expect(h.status).toBe(0);
      expect(h.stdout).toContain(flag);
    }
  });
});
