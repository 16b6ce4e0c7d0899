// Reading import rows (pure): dates as spreadsheets write them, the wide layout folded back into
// answers, metadata checks, and the column a validation error points at.
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../definition';
import { responseIdFor } from './engine';
import { columnOfField, parseWhen, planColumns, readRow, type TRowContext } from './rows';

const t = (es: string) => ({ es, en: es });
const def = validateDefinition({
  title: t('T'),
  pages: [
    {
      key: 'p1',
      questions: [
        { key: 'nps', type: 'rating', title: t('NPS'), required: true },
        {
          key: 'many',
          type: 'multiple',
          title: t('M'),
          options: [
            { value: 'x', label: t('X') },
            { value: 'y', label: t('Y') },
          ],
        },
        {
          key: 'pick',
          type: 'single',
          title: t('P'),
          allowOther: true,
          options: [
            { value: 'a', label: t('A'), code: 10 },
            { value: 'b', label: t('B'), code: 20 },
          ],
        },
        {
          key: 'v',
          type: 'value',
          title: t('V'),
          priceText: t('Precio'),
          benefits: [{ key: 'speed', text: t('R') }],
        },
        { key: 'spend', type: 'number', title: t('G') },
      ],
    },
  ],
});

const ctx: TRowContext = {
  decimalComma: true,
  units: new Map([
    ['norte', 'u-1'],
    ['centro', null],
  ]),
  languages: ['es', 'en'],
  defaultLanguage: 'es',
  now: Date.parse('2026-01-01T00:00:00Z'),
};

describe('parseWhen', () => {
  it('reads ISO dates and times, day/month/year, and refuses impossible dates', () => {
    expect(parseWhen('2024-03-05')).toBe('2024-03-05T00:00:00.000Z');
    expect(parseWhen('2024-03-05T10:20:30Z')).toBe('2024-03-05T10:20:30.000Z');
    expect(parseWhen('2024-03-05 10:20')).toBe('2024-03-05T10:20:00.000Z');
    // 10:20 at UTC+02:00 is 08:20 UTC
    expect(parseWhen('2024-03-05T10:20:00+02:00')).toBe('2024-03-05T08:20:00.000Z');
    expect(parseWhen('5/3/2024')).toBe('2024-03-05T00:00:00.000Z');
    expect(parseWhen('05.03.2024 7:05')).toBe('2024-03-05T07:05:00.000Z');
    expect(parseWhen('31/02/2024')).toBeNull();
    expect(parseWhen('2024-02-30')).toBeNull();
    expect(parseWhen('ayer')).toBeNull();
  });
});

describe('readRow', () => {
  const header = [
    'respondent_id',
    'submitted_at',
    'channel',
    'unit',
    'nps',
    'many.x',
    'many.y',
    'pick',
    'pick.other',
    'v.price',
    'v.speed',
    'spend',
    'extra',
    'version',
  ];
  const plan = planColumns(def, header);

  it('plans columns: answers, metadata, ignored and unknown', () => {
    expect(plan.answers.map((a) => a.name)).toEqual([
      'nps',
      'many.x',
      'many.y',
      'pick',
      'pick.other',
      'v.price',
      'v.speed',
      'spend',
    ]);
    expect(plan.respondentColumn).toBe('respondent_id');
    expect(plan.unknown).toEqual(['extra']);
    expect(plan.ignored).toEqual(['version']);
    expect(planColumns(def, ['respondent_id']).missingRequired).toEqual(['nps']);
  });

  it('folds the wide columns back into a submission', () => {
    const r = readRow(
      plan,
      2,
      [
        'R1',
        '2024-01-02',
        'Phone',
        'NORTE',
        '7',
        '1',
        '0',
        'other',
        'mía',
        '3',
        '4',
        '12,5',
        'z',
        '1',
      ],
      ctx,
    );
    expect(r).toEqual({
      ok: true,
      row: {
        respondentId: 'R1',
        status: 'complete',
        submittedAt: '2024-01-02T00:00:00.000Z',
        startedAt: null,
        channel: 'phone',
        language: 'es',
        unitId: 'u-1',
        unitName: 'NORTE',
        customerExternalId: null,
        answers: {
          nps: 7,
          many: ['x'],
          pick: 'other',
          pick__other: 'mía',
          v: { price: 3, benefits: { speed: 4 } },
          spend: 12.5,
        },
      },
    });
    // the numeric (SPSS) layout writes the option's code
    const coded = readRow(plan, 3, ['R2', '2024-01-02', '', '', '7', '', '', '20'], ctx);
    expect(coded.ok && coded.row.answers.pick).toBe('b');
    expect(coded.ok && coded.row.channel).toBe('web');
  });

  it('collects every metadata problem of a row', () => {
    const r = readRow(plan, 9, ['', '2027-01-01', 'fax', 'centro', 'x', 'maybe'], ctx);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.map((e) => [e.column, e.reason])).toEqual([
      ['respondent_id', 'respondent_id_missing'],
      ['submitted_at', 'future_date'],
      ['channel', 'unknown_channel'],
      ['unit', 'ambiguous_unit'],
      ['nps', 'not_a_number'],
      ['many.x', 'not_yes_no'],
    ]);
  });
});

describe('columnOfField', () => {
  it('maps validation fields back to export columns', () => {
    expect(columnOfField('answers.nps')).toBe('nps');
    expect(columnOfField('answers.sq.p1')).toBe('sq.p1');
    expect(columnOfField('answers.pick__other')).toBe('pick.other');
    expect(columnOfField('answers.v.benefits.speed')).toBe('v.speed');
  });
});

describe('responseIdFor', () => {
  it('is the RFC 4122 version 5 UUID of the respondent in the survey namespace', () => {
    // Published example: uuid5(NAMESPACE_DNS, "python.org") = 886313e1-3b8a-5372-9b90-0c9aee199e5d
    expect(responseIdFor('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    );
  });
});
