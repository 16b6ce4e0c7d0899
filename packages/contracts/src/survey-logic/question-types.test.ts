// The question-type registry against hand-written expectations: what the long table stores, the
// tags analytics read and the export/import column layout (names as the CLI and imports expect).
import { describe, expect, it } from 'vitest';
import type { TQuestion } from '../surveys';
import {
  columnName,
  QUESTION_TYPE_DEFS,
  QUESTION_TYPES,
  questionItems,
  questionType,
  tagFor,
  withDefaultTags,
} from '.';

const T = (es: string, en = es) => ({ es, en });
const q = (x: Record<string, unknown>) => ({ required: false, ...x }) as unknown as TQuestion;
const cols = (question: TQuestion, lang: 'es' | 'en' = 'en') =>
  questionType(question)
    .columns(question, lang)
    .map((c) => ({ name: columnName(question.key, c.item), ...c }));

describe('question-type registry', () => {
  it('has exactly one record per question type', () => {
    expect(Object.keys(QUESTION_TYPE_DEFS).sort()).toEqual([...QUESTION_TYPES].sort());
  });

  it('kano: a functional/dysfunctional pair tagged by attribute, labelled with the five answers', () => {
    const k = q({
      key: 'k',
      type: 'kano',
      attribute: 'wifi',
      title: T('Wifi'),
      functional: T('f'),
      dysfunctional: T('d'),
    });
    expect(questionItems(k)).toEqual(['functional', 'dysfunctional']);
    expect(withDefaultTags(k).tag).toBe('kano:wifi');
    expect(tagFor(k, 'dysfunctional')).toBe('kano:wifi:dysfunctional');
    const c = cols(k);
    expect(c.map((x) => [x.name, x.label, x.cell])).toEqual([
      ['k.functional', 'Wifi (functional)', 'int'],
      ['k.dysfunctional', 'Wifi (dysfunctional)', 'int'],
    ]);
    expect(c[0]?.values[0]).toEqual([1, 'I like it']);
    expect(c[0]?.values).toHaveLength(5);
    expect(cols(k, 'es')[1]?.label).toBe('Wifi (disfuncional)');
  });

  it('servqual: default tag servqual:<part>:<n>, label <part><n>, 1..7 end labels', () => {
    const s = q({
      key: 'sq',
      type: 'servqual',
      part: 'P',
      points: 7,
      title: T('x'),
      lowLabel: T('Nada', 'Strongly disagree'),
      highLabel: T('Mucho', 'Strongly agree'),
      items: [{ key: 'p5', n: 5, dimension: 'reliability', text: T('Cumple', 'Keeps promises') }],
    });
    const d = withDefaultTags(s);
    expect(tagFor(d, 'p5')).toBe('servqual:P:5');
    expect(tagFor(s, 'p5')).toBeNull(); // before validation fills it
    expect(cols(d)).toEqual([
      {
        name: 'sq.p5',
        item: 'p5',
        label: 'P5 Keeps promises',
        kind: 'num',
        cell: 'int',
        values: [
          [1, 'Strongly disagree'],
          [7, 'Strongly agree'],
        ],
      },
    ]);
  });

  it('value: price, benefits and willingness to pay', () => {
    const v = q({
      key: 'v',
      type: 'value',
      points: 5,
      title: T('x'),
      priceText: T('Precio', 'Price'),
      wtpText: T('Pagaría', 'Would pay'),
      currency: 'EUR',
      wtpMax: 100,
      benefits: [{ key: 'speed', text: T('Rapidez', 'Speed') }],
    });
    expect(questionItems(v)).toEqual(['price', 'speed', 'wtp']);
    const d = withDefaultTags(v);
    expect(d.tag).toBe('value');
    expect(['price', 'speed', 'wtp'].map((i) => tagFor(d, i))).toEqual([
      'value:price',
      'value:benefit:speed',
      'value:wtp',
    ]);
    expect(cols(d).map((c) => [c.name, c.label, c.cell])).toEqual([
      ['v.price', 'Price', 'int'],
      ['v.speed', 'Speed', 'int'],
      ['v.wtp', 'Would pay (EUR)', 'num'],
    ]);
  });

  it('single/multiple: option codes (1-based position by default), other text, yes/no flags', () => {
    const options = [
      { value: 'web', label: T('Web') },
      { value: 'shop', label: T('Tienda', 'Shop'), code: 9 },
    ];
    const s = q({
      key: 'ch',
      type: 'single',
      title: T('Canal', 'Channel'),
      allowOther: true,
      options,
    });
    expect(questionItems(s)).toEqual(['']);
    expect(cols(s)).toEqual([
      {
        name: 'ch',
        item: '',
        label: 'Channel',
        kind: 'choice',
        cell: 'choice',
        values: [
          [1, 'Web'],
          [9, 'Shop'],
        ],
      },
      {
        name: 'ch.other',
        item: 'other',
        label: 'Channel (otro)',
        kind: 'text',
        cell: 'text',
        values: [],
      },
    ]);
    const m = q({ key: 'm', type: 'multiple', title: T('Canales', 'Channels'), options });
    expect(cols(m, 'es').map((c) => [c.name, c.label, c.values])).toEqual([
      [
        'm.web',
        'Canales: Web',
        [
          [0, 'No'],
          [1, 'Sí'],
        ],
      ],
      [
        'm.shop',
        'Canales: Tienda',
        [
          [0, 'No'],
          [1, 'Sí'],
        ],
      ],
    ]);
  });

  it('single-value types: own tag, one column named by the key, the cell kind imports read', () => {
    const r = q({
      key: 'nps',
      type: 'rating',
      tag: 'nps',
      min: 0,
      max: 10,
      title: T('R'),
      lowLabel: T('Nada'),
    });
    expect(tagFor(r, '')).toBe('nps');
    expect(cols(r, 'es')).toEqual([
      { name: 'nps', item: '', label: 'R', kind: 'num', cell: 'int', values: [[0, 'Nada']] },
    ]);
    expect(withDefaultTags(q({ key: 'c', type: 'csat', title: T('C') })).tag).toBe('csat');
    expect(cols(q({ key: 'n', type: 'number', min: 0, max: 5, title: T('N') }))[0]?.cell).toBe(
      'num',
    );
    expect(cols(q({ key: 'd', type: 'date', title: T('D') }))[0]?.kind).toBe('text');
  });

  it('matrix rows fall back to <question tag>:<row>; constant sum defaults to importance:<item>', () => {
    const mx = q({
      key: 'mx',
      type: 'matrix',
      tag: 'sat',
      title: T('M'),
      rows: [
        { key: 'a', text: T('A') },
        { key: 'b', tag: 'own', text: T('B') },
      ],
      columns: [
        { value: 1, label: T('bad') },
        { value: 2, label: T('good') },
      ],
    });
    expect(['a', 'b'].map((i) => tagFor(mx, i))).toEqual(['sat:a', 'own']);
    expect(cols(mx)[0]?.values).toEqual([
      [1, 'bad'],
      [2, 'good'],
    ]);
    const cs = q({
      key: 'cs',
      type: 'constant_sum',
      total: 100,
      title: T('Reparta', 'Share'),
      items: [
        { key: 'a', text: T('A') },
        { key: 'b', text: T('B') },
      ],
    });
    expect(tagFor(withDefaultTags(cs), 'b')).toBe('importance:b');
    expect(cols(cs).map((c) => c.label)).toEqual(['Share: A', 'Share: B']);
    const ct = q({
      key: 'ct',
      type: 'contact',
      fields: ['email'],
      title: T('Contacto', 'Contact'),
    });
    expect(questionItems(ct)).toEqual(['email']);
    expect(cols(ct).map((c) => [c.name, c.label])).toEqual([['ct.email', 'Contact: email']]);
  });
});
