import type { TSurveyDefinition } from '@fidelia/contracts';
import { describe, expect, it } from 'vitest';
import type { TServqualItem } from './api';
import {
  change,
  excludesZero,
  hasValue,
  kanoPoints,
  seFromCi,
  surveyLabels,
  valueBenefitLabels,
  worstFirst,
} from './model';

const item = (n: string, gap: number | null): TServqualItem => ({
  item: n,
  dimension: 'tangibles',
  n: 10,
  expectation: 6,
  perception: gap === null ? null : 6 + gap,
  gap,
  ci95: null,
});

describe('gap table order', () => {
  it('puts the worst gap first, items without data last, ties in item order', () => {
    const out = worstFirst([item('1', -0.5), item('2', null), item('3', -1.2), item('4', -0.5)]);
    expect(out.map((i) => i.item)).toEqual(['3', '1', '4', '2']);
  });

  it('marks an interval that excludes zero', () => {
    expect(excludesZero([-1.48, -1.18])).toBe(true);
    expect(excludesZero([-0.2, 0.1])).toBe(false);
    expect(excludesZero(null)).toBe(false);
  });
});

describe('change vs the previous period', () => {
  it('recovers the standard error behind a 95% interval', () => {
    // NPS 20 with se 5 -> interval 20 ± 1.959964·5
    const h = 1.959963984540054 * 5;
    expect(seFromCi([20 - h, 20 + h])).toBeCloseTo(5, 12);
  });

  it('flags a change only when the z test rejects at 5%', () => {
    // Hand calculation: se1 = 5, se2 = 4 -> se = √41 = 6.4031; Δ = 15 -> z = 2.3426 (> 1.96)
    const ci = (v: number, se: number): [number, number] => [
      v - 1.959963984540054 * se,
      v + 1.959963984540054 * se,
    ];
    const big = change({ value: 35, ci95: ci(35, 5) }, { value: 20, ci95: ci(20, 4) });
    expect(big?.delta).toBe(15);
    expect(big?.z).toBeCloseTo(15 / Math.sqrt(41), 10);
    expect(big?.significant).toBe(true);
    // Δ = 10 -> z = 1.5617: not significant
    const small = change({ value: 30, ci95: ci(30, 5) }, { value: 20, ci95: ci(20, 4) });
    expect(small?.significant).toBe(false);
    // without intervals the change is shown but not judged
    expect(change({ value: 1, ci95: null }, { value: 2, ci95: null })).toEqual({
      delta: -1,
      significant: null,
      z: null,
    });
    expect(change({ value: null, ci95: null }, { value: 2, ci95: null })).toBeNull();
  });
});

describe('labels from the survey definition', () => {
  const def = {
    title: { es: 'x' },
    pages: [
      {
        key: 'p',
        questions: [
          {
            key: 'sq_e',
            type: 'servqual',
            part: 'E',
            title: { es: 'E' },
            items: [
              { key: 'e1', tag: 'servqual:E:1', text: { es: 'Las excelentes…', en: 'Excellent…' } },
            ],
          },
          {
            key: 'sq_p',
            type: 'servqual',
            part: 'P',
            title: { es: 'P' },
            items: [
              { key: 'p1', tag: 'servqual:P:1', text: { es: 'La empresa…', en: 'The company…' } },
              { key: 'p2', tag: 'servqual:P:2', text: { es: 'Solo español' } },
            ],
          },
          {
            key: 'kano_app',
            type: 'kano',
            attribute: 'app',
            title: { es: 'una app', en: 'an app' },
          },
          { key: 'nps', type: 'rating', tag: 'nps', title: { es: 'NPS' } },
        ],
      },
    ],
  } as unknown as TSurveyDefinition;

  it('takes the perception wording in the UI language, falling back to the other language', () => {
    const en = surveyLabels(def, 'en');
    expect(en.items.get('1')).toBe('The company…');
    expect(en.items.get('2')).toBe('Solo español');
    expect(en.kano.get('app')).toBe('an app');
    expect(en.tags.has('nps')).toBe(true);
    expect(surveyLabels(def, 'es').items.get('1')).toBe('La empresa…');
  });

  it('plots Worse as a size and names attributes by their question', () => {
    const pts = kanoPoints(
      [
        {
          attribute: 'app',
          n: 10,
          counts: { A: 5, O: 2, M: 1, I: 2, R: 0, Q: 0 },
          category: 'A',
          better: 0.7,
          worse: -0.3,
        },
        {
          attribute: 'none',
          n: 0,
          counts: { A: 0, O: 0, M: 0, I: 0, R: 0, Q: 0 },
          category: null,
          better: null,
          worse: null,
        },
      ],
      surveyLabels(def, 'es').kano,
    );
    expect(pts).toEqual([{ no: 1, name: 'una app', better: 0.7, worse: 0.3, category: 'A' }]);
  });
});

describe('perceived value labels', () => {
  const def = {
    pages: [
      {
        key: 'p1',
        questions: [
          { key: 'nps', type: 'scale', title: { es: 'NPS' } },
          {
            key: 'value',
            type: 'value',
            points: 7,
            priceText: { es: 'Compensa', en: 'Worth it' },
            benefits: [
              { key: 'functional', text: { es: 'Rapidez', en: 'Speed' } },
              { key: 'emotional', text: { es: 'Confianza' } },
            ],
          },
        ],
      },
    ],
  } as unknown as TSurveyDefinition;

  it('knows a survey with a value question and names its benefits in the language', () => {
    expect(hasValue(def)).toBe(true);
    expect(hasValue({ pages: [{ key: 'p', questions: [] }] } as unknown as TSurveyDefinition)).toBe(
      false,
    );
    expect(hasValue(undefined)).toBe(false);
    expect([...valueBenefitLabels(def, 'en')]).toEqual([
      ['functional', 'Speed'],
      ['emotional', 'Confianza'], // no English wording: the Spanish one
    ]);
  });
});
