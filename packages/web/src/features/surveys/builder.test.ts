import type { TSurveyDefinition } from '@fidelia/contracts';
import { ZQuestionSchema } from '@fidelia/contracts';
import { describe, expect, it } from 'vitest';
import {
  earlierKeys,
  freshKey,
  move,
  newQuestion,
  parseAttributes,
  parseConditionValue,
  QUESTION_TYPES,
  toKey,
} from './builder';

const def = {
  pages: [
    { key: 'p1', questions: [{ key: 'q1' }, { key: 'nps' }] },
    { key: 'p2', questions: [{ key: 'q2' }] },
  ],
} as unknown as TSurveyDefinition;

describe('survey builder helpers', () => {
  it('every new question type is valid for the shared contract', () => {
    for (const type of QUESTION_TYPES) {
      const r = ZQuestionSchema.safeParse(newQuestion(type, 'k1'));
      expect(r.success, `${type}: ${JSON.stringify(r.error?.issues)}`).toBe(true);
    }
  });
  it('changing type keeps the common fields', () => {
    const q = newQuestion('csat', 'sat', {
      title: { es: 'Hola', en: 'Hi' },
      required: true,
      tag: 'csat',
    });
    expect(q).toMatchObject({
      key: 'sat',
      type: 'csat',
      required: true,
      tag: 'csat',
      title: { es: 'Hola' },
    });
  });
  it('parses Kano attribute lines', () => {
    expect(parseAttributes('wifi: Wi-Fi gratis / Free Wi-Fi\n\nApp móvil\nwifi: otra')).toEqual([
      { key: 'wifi', es: 'Wi-Fi gratis', en: 'Free Wi-Fi' },
      { key: 'app_movil', es: 'App móvil', en: 'App móvil' },
      { key: 'wifi_2', es: 'otra', en: 'otra' },
    ]);
    expect(toKey('¿Atención 24 h?')).toBe('atencion_24_h');
    expect(toKey('123')).toBe('');
  });
  it('fresh keys, moves and earlier questions', () => {
    expect(freshKey(def)).toBe('q3');
    expect(freshKey(def, 'nps')).toBe('nps_2');
    expect(freshKey(def, 'csat')).toBe('csat');
    expect(move([1, 2, 3], 0, 1)).toEqual([2, 1, 3]);
    expect(move([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    expect(earlierKeys(def, 'q2')).toEqual(['q1', 'nps']);
    expect(earlierKeys(def, 'q1')).toEqual([]);
  });
  it('types condition values', () => {
    expect(parseConditionValue('lte', '6')).toBe(6);
    expect(parseConditionValue('eq', 'shop')).toBe('shop');
    expect(parseConditionValue('in', '1, 2,x')).toEqual([1, 2, 'x']);
    expect(parseConditionValue('answered', '5')).toBeUndefined();
  });
});

describe('definition files', () => {
  it('accepts the export format and a bare definition, refuses anything else', async () => {
    const { definitionOf } = await import('./builder');
    expect(
      definitionOf({ format: 'fidelia.survey', formatVersion: 1, name: 'x', definition: def }),
    ).toBe(def);
    expect(definitionOf(def)).toBe(def);
    expect(definitionOf({ format: 'fidelia.survey', definition: {} })).toBeNull();
    expect(definitionOf([1, 2])).toBeNull();
    expect(definitionOf(null)).toBeNull();
  });
});

describe('channel links', () => {
  it('adds the channel and branch the respondent page reads (?c=, ?u=)', async () => {
    const { channelUrl } = await import('./builder');
    expect(channelUrl('https://x.es', 'nps-2026', 'web')).toBe('https://x.es/s/nps-2026');
    expect(channelUrl('https://x.es', 'nps-2026', 'kiosk', 'u1')).toBe(
      'https://x.es/s/nps-2026?c=kiosk&u=u1',
    );
  });
});

describe('responses helpers', () => {
  it('formats answers and builds export URLs', async () => {
    const { formatAnswer, exportPath } = await import('./responses');
    const single = newQuestion('single', 'ch');
    expect(formatAnswer(single, 'b', 'en')).toBe('Option B');
    expect(formatAnswer(undefined, { p1: 7, p5: 6 }, 'es')).toBe('p1: 7\np5: 6');
    expect(formatAnswer(undefined, { price: 5, benefits: { speed: 4 } } as never, 'es')).toBe(
      'price: 5\nbenefits: speed=4',
    );
    expect(formatAnswer(undefined, null, 'es')).toBe('');
    expect(exportPath('s1', 'spss', 'wide', 'all')).toBe(
      '/api/surveys/s1/export?format=spss&shape=wide&status=all',
    );
  });
});
