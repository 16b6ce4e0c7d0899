import type { TSurveyDefinition } from '@fidelia/contracts';
import { ZSurveyDefinitionSchema } from '@fidelia/contracts';
import { describe, expect, it } from 'vitest';
import { buildAnswers, entryFields, fieldOfError, isComplete } from './entry';

const L = (es: string) => ({ es, en: es });
const def: TSurveyDefinition = ZSurveyDefinitionSchema.parse({
  title: L('T'),
  pages: [
    {
      key: 'p1',
      questions: [
        { key: 'nps', type: 'rating', title: L('NPS'), required: true },
        {
          key: 'why',
          type: 'text',
          title: L('¿Por qué?'),
          displayIf: { conditions: [{ q: 'nps', op: 'lte', value: 6 }] },
        },
        {
          key: 'sq_p',
          type: 'servqual',
          part: 'P',
          title: L('P'),
          items: [
            { key: 'p1', n: 1, dimension: 'tangibles', text: L('Equipos') },
            { key: 'p5', n: 5, dimension: 'reliability', text: L('Promesas') },
          ],
        },
        {
          key: 'k',
          type: 'kano',
          attribute: 'wifi',
          title: L('Wi-Fi'),
          functional: L('F'),
          dysfunctional: L('D'),
        },
        {
          key: 'ch',
          type: 'single',
          title: L('Canal'),
          options: [
            { value: 'web', label: L('Web') },
            { value: 'shop', label: L('Tienda') },
          ],
        },
        {
          key: 'm',
          type: 'multiple',
          title: L('Varios'),
          options: [
            { value: 'a', label: L('A') },
            { value: 'b', label: L('B') },
            { value: 'c', label: L('C') },
          ],
        },
        {
          key: 'v',
          type: 'value',
          title: L('Valor'),
          priceText: L('Precio'),
          benefits: [{ key: 'speed', text: L('Rapidez') }],
        },
      ],
    },
  ],
});
const fields = entryFields(def, 'es');

describe('staff entry fields', () => {
  it('one field per stored value, SERVQUAL items coded E/P + number', () => {
    expect(fields.map((f) => f.id)).toEqual([
      'nps',
      'why',
      'sq_p.p1',
      'sq_p.p5',
      'k.functional',
      'k.dysfunctional',
      'ch',
      'm',
      'v.price',
      'v.benefits.speed',
      'v.wtp',
    ]);
    expect(fields[2]).toMatchObject({ code: 'P1', min: 1, max: 7, kind: 'int' });
    expect(fields[4]).toMatchObject({ code: 'wifi:F', min: 1, max: 5, scale: 'kano' });
  });

  it('builds the answer shapes the server validates, and drops hidden questions', () => {
    const r = buildAnswers(def, fields, {
      nps: '9',
      why: 'should be dropped: nps > 6',
      'sq_p.p1': '7',
      'sq_p.p5': '',
      'k.functional': '1',
      'k.dysfunctional': '5',
      ch: '2',
      m: '1, 3',
      'v.price': '6',
      'v.benefits.speed': '5',
      'v.wtp': '12,5',
    });
    expect(r.errors).toEqual({});
    expect(r.answers).toEqual({
      nps: 9,
      sq_p: { p1: 7 },
      k: { functional: 1, dysfunctional: 5 },
      ch: 'shop',
      m: ['a', 'c'],
      v: { price: 6, benefits: { speed: 5 }, wtp: 12.5 },
    });
    expect(buildAnswers(def, fields, { nps: '3', why: 'slow' }).answers).toEqual({
      nps: 3,
      why: 'slow',
    });
  });

  it('flags values out of range, unknown options and non-numbers', () => {
    const r = buildAnswers(def, fields, {
      nps: '11',
      'sq_p.p1': '0',
      ch: '3',
      m: '1 9',
      'v.wtp': 'x',
    });
    expect(r.errors).toEqual({
      nps: 'range',
      'sq_p.p1': 'range',
      ch: 'option',
      m: 'option',
      'v.wtp': 'number',
    });
  });

  it('advances only when the typed value cannot grow into another valid one', () => {
    const nps = fields[0]!;
    const p1 = fields[2]!;
    const ch = fields[6]!;
    expect(isComplete(nps, '1')).toBe(false); // could be 10
    expect(isComplete(nps, '10')).toBe(true);
    expect(isComplete(nps, '0')).toBe(true);
    expect(isComplete(nps, '7')).toBe(true);
    expect(isComplete(p1, '1')).toBe(true);
    expect(isComplete(p1, '0')).toBe(false); // invalid on a 1–7 scale: stay to fix it
    expect(isComplete(ch, '2')).toBe(true);
    expect(isComplete(fields[1]!, 'a')).toBe(false); // text never auto-advances
  });

  it('maps server error fields to entry fields', () => {
    expect(fieldOfError(fields, 'answers.sq_p.p5')).toBe('sq_p.p5');
    expect(fieldOfError(fields, 'answers.nps')).toBe('nps');
    expect(fieldOfError(fields, 'answers.sq_p')).toBe('sq_p.p1');
    expect(fieldOfError(fields, 'channel')).toBeNull();
  });
});
