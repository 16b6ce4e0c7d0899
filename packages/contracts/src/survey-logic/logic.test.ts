// Moved from the respondent page with the code (packages/web/src/respond/logic.test.ts): the
// server's answers.ts runs the same functions, so these hold for both.
import { describe, expect, it } from 'vitest';
import type { TQuestion, TSurveyDefinition } from '../surveys';
import {
  constantSumState,
  holds,
  pipe,
  pruneHidden,
  validatePage,
  validateQuestion,
  visible,
  visiblePages,
} from '.';

const T = (es: string, en = es) => ({ es, en });
const def = {
  schemaVersion: 1,
  languages: ['es', 'en'],
  defaultLanguage: 'es',
  audience: 'customer',
  title: T('Encuesta', 'Survey'),
  showProgress: true,
  thankYou: {},
  pages: [
    {
      key: 'p1',
      randomizeQuestions: false,
      questions: [
        { key: 'nps', type: 'rating', min: 0, max: 10, required: true, title: T('¿Recomendaría?') },
        {
          key: 'why',
          type: 'text',
          multiline: true,
          maxLength: 5,
          required: false,
          title: T('¿Por qué {{q:nps}}?', 'Why {{q:nps}}?'),
          displayIf: { mode: 'all', conditions: [{ q: 'nps', op: 'lte', value: 6 }] },
        },
        {
          key: 'chan',
          type: 'single',
          required: false,
          randomize: false,
          allowOther: true,
          title: T('Canal'),
          options: [
            { value: 'web', label: T('Web') },
            { value: 'shop', label: T('Tienda', 'Shop') },
          ],
        },
      ],
    },
    {
      key: 'p2',
      randomizeQuestions: false,
      displayIf: { mode: 'any', conditions: [{ q: 'why', op: 'answered' }] },
      questions: [
        {
          key: 'fix',
          type: 'text',
          multiline: false,
          maxLength: 100,
          required: true,
          title: T('x'),
        },
      ],
    },
  ],
} as unknown as TSurveyDefinition;

describe('display conditions', () => {
  it('evaluates every operator like the server', () => {
    const a = { n: 5, s: 'a', m: ['x', 'y'], r: { i1: 3 } };
    expect(holds({ q: 'n', op: 'eq', value: 5 }, a)).toBe(true);
    expect(holds({ q: 'n', op: 'eq', value: '5' }, a)).toBe(false);
    expect(holds({ q: 'n', op: 'neq', value: 4 }, a)).toBe(true);
    expect(holds({ q: 'missing', op: 'neq', value: 4 }, a)).toBe(false);
    expect(holds({ q: 'n', op: 'gt', value: 5 }, a)).toBe(false);
    expect(holds({ q: 'n', op: 'gte', value: 5 }, a)).toBe(true);
    expect(holds({ q: 'n', op: 'lt', value: 6 }, a)).toBe(true);
    expect(holds({ q: 'n', op: 'lte', value: 4 }, a)).toBe(false);
    expect(holds({ q: 's', op: 'in', value: ['a', 'b'] }, a)).toBe(true);
    expect(holds({ q: 'm', op: 'includes', value: 'y' }, a)).toBe(true);
    expect(holds({ q: 'm', op: 'includes', value: 'z' }, a)).toBe(false);
    expect(holds({ q: 'r', item: 'i1', op: 'gte', value: 3 }, a)).toBe(true);
    expect(holds({ q: 's', op: 'answered' }, { s: '' })).toBe(false);
    expect(holds({ q: 'm', op: 'not_answered' }, { m: [] })).toBe(true);
  });
  it('all / any modes', () => {
    const c = [
      { q: 'a', op: 'eq' as const, value: 1 },
      { q: 'b', op: 'eq' as const, value: 1 },
    ];
    expect(visible({ mode: 'all', conditions: c }, { a: 1, b: 2 })).toBe(false);
    expect(visible({ mode: 'any', conditions: c }, { a: 1, b: 2 })).toBe(true);
    expect(visible(undefined, {})).toBe(true);
  });
  it('skips pages whose condition fails and prunes hidden answers in cascade', () => {
    expect(visiblePages(def, { nps: 9 })).toEqual([0]);
    expect(visiblePages(def, { nps: 3, why: 'slow' })).toEqual([0, 1]);
    // nps changed to 9: "why" is hidden, so page 2 (depends on why) and "fix" go too
    expect(
      pruneHidden(def, { nps: 9, why: 'slow', fix: 'x', chan: 'web', chan__other: 'y' }),
    ).toEqual({ nps: 9, chan: 'web' });
    expect(pruneHidden(def, { nps: 2, why: 'slow', fix: 'x' })).toEqual({
      nps: 2,
      why: 'slow',
      fix: 'x',
    });
  });
});

describe('piping', () => {
  it('pipes earlier answers (option labels) and personal-link attributes', () => {
    expect(pipe('Why {{q:nps}}?', def, { nps: 4 }, {}, 'en')).toBe('Why 4?');
    expect(pipe('Via {{q:chan}}', def, { chan: 'shop' }, {}, 'en')).toBe('Via Shop');
    expect(pipe('Via {{q:chan}}', def, { chan: 'shop' }, {}, 'es')).toBe('Via Tienda');
    expect(pipe('Hola {{attr:firstName}}, {{q:none}}.', def, {}, { firstName: 'Ana' }, 'es')).toBe(
      'Hola Ana, .',
    );
    expect(pipe('<b>{{attr:x}}</b>', def, {}, { x: '<i>' }, 'es')).toBe('<b><i></b>'); // React escapes
  });
});

describe('constant sum', () => {
  const q = {
    key: 'imp',
    type: 'constant_sum',
    total: 100,
    required: true,
    randomize: false,
    title: T('x'),
    items: [
      { key: 'a', text: T('a') },
      { key: 'b', text: T('b') },
    ],
  } as unknown as TQuestion;
  it('tracks the live total', () => {
    expect(constantSumState({ a: 30, b: 50 }, 100)).toEqual({
      sum: 80,
      remaining: 20,
      over: false,
      complete: false,
    });
    expect(constantSumState({ a: 70, b: 50 }, 100).over).toBe(true);
    expect(constantSumState(undefined, 100).remaining).toBe(100);
  });
  it('accepts only an exact total', () => {
    expect(validateQuestion(q, { a: 40, b: 60 })).toBeNull();
    expect(validateQuestion(q, { a: 40, b: 50 })).toEqual({ code: 'sum', n: 90, m: 100 });
    expect(validateQuestion(q, { a: 140 })).toMatchObject({ code: 'range', item: 'a' });
    expect(validateQuestion(q, undefined)).toEqual({ code: 'required' });
  });
});

describe('validation', () => {
  it('required, ranges, lengths, options', () => {
    const p1 = def.pages[0]!;
    expect(validatePage(p1, {})).toEqual({ nps: { code: 'required' } });
    expect(validatePage(p1, { nps: 11 })).toEqual({ nps: { code: 'range', n: 0, m: 10 } });
    expect(validatePage(p1, { nps: 3, why: 'too long' })).toEqual({
      why: { code: 'too_long', n: 5 },
    });
    // hidden questions are not checked
    expect(validatePage(p1, { nps: 9, why: 'too long' })).toEqual({});
  });
  it('batteries need every item when required; contact e-mail; dates; multiple', () => {
    const sq = {
      key: 'sq',
      type: 'servqual',
      part: 'E',
      points: 7,
      randomize: false,
      required: true,
      title: T('x'),
      items: [
        { key: 'e1', n: 1, dimension: 'tangibles', text: T('a') },
        { key: 'e2', n: 2, dimension: 'tangibles', text: T('b') },
      ],
    } as unknown as TQuestion;
    expect(validateQuestion(sq, { e1: 7 })).toEqual({ code: 'incomplete', item: 'e2' });
    expect(validateQuestion(sq, { e1: 7, e2: 1 })).toBeNull();
    const c = {
      key: 'c',
      type: 'contact',
      fields: ['email'],
      required: false,
      title: T('c'),
    } as unknown as TQuestion;
    expect(validateQuestion(c, { email: 'nope' })).toEqual({ code: 'email', item: 'email' });
    expect(validateQuestion(c, { email: 'a@b.es' })).toBeNull();
    const d = {
      key: 'd',
      type: 'date',
      min: '2026-01-01',
      required: false,
      title: T('d'),
    } as unknown as TQuestion;
    expect(validateQuestion(d, '2025-12-31')).toEqual({ code: 'date' });
    expect(validateQuestion(d, '2026-02-01')).toBeNull();
    const m = {
      key: 'm',
      type: 'multiple',
      maxSelected: 1,
      required: false,
      randomize: false,
      title: T('m'),
      options: [
        { value: 'a', label: T('a') },
        { value: 'b', label: T('b') },
      ],
    } as unknown as TQuestion;
    expect(validateQuestion(m, ['a', 'b'])).toEqual({ code: 'max_selected', n: 1 });
  });
});
