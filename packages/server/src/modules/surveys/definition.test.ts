// Definition rules, answer validation and templates (pure; no database).
import { SERVQUAL_ITEMS, ZAnswerValueSchema, ZResponseSubmitSchema } from '@fidelia/contracts';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors';
import { evaluateAnswers } from './answers';
import { validateDefinition } from './definition';
import { buildTemplate, TEMPLATES } from './templates';

const t = (es: string) => ({ es, en: es });
const def = validateDefinition({
  title: t('Test'),
  pages: [
    {
      key: 'p1',
      questions: [
        { key: 'nps', type: 'rating', tag: 'nps', title: t('NPS'), required: true },
        {
          key: 'why',
          type: 'text',
          title: t('¿Por qué?'),
          maxLength: 10,
          required: true,
          displayIf: { conditions: [{ q: 'nps', op: 'lte', value: 6 }] },
        },
        {
          key: 'pick',
          type: 'single',
          title: t('Elija'),
          allowOther: true,
          options: [
            { value: 'a', label: t('A') },
            { value: 'b', label: t('B') },
          ],
        },
      ],
    },
    {
      key: 'p2',
      questions: [
        {
          key: 'w',
          type: 'constant_sum',
          title: t('Pesos'),
          required: true,
          items: [
            { key: 'x', text: t('X') },
            { key: 'y', text: t('Y') },
          ],
        },
        {
          key: 'k',
          type: 'kano',
          attribute: 'wifi',
          title: t('Wifi'),
          functional: t('F'),
          dysfunctional: t('D'),
        },
        { key: 'd', type: 'date', title: t('Fecha') },
      ],
    },
  ],
});

function code(fn: () => unknown): [string, unknown] {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return [e.code, e.details?.field];
    throw e;
  }
  return ['ok', undefined];
}

describe('definition', () => {
  it('rejects duplicate keys and forward references, naming the field', () => {
    const bad = {
      title: t('x'),
      pages: [
        {
          key: 'p1',
          questions: [
            {
              key: 'a',
              type: 'csat',
              title: t('a'),
              displayIf: { conditions: [{ q: 'b', op: 'answered' }] },
            },
            { key: 'b', type: 'csat', title: t('b') },
          ],
        },
      ],
    };
    expect(code(() => validateDefinition(bad))).toEqual([
      'SURVEY_DEFINITION_INVALID',
      'pages.0.questions.0.displayIf.conditions.0.q',
    ]);
    const dup = {
      title: t('x'),
      pages: [
        {
          key: 'p',
          questions: [
            { key: 'a', type: 'csat', title: t('a') },
            { key: 'a', type: 'csat', title: t('a') },
          ],
        },
      ],
    };
    expect(code(() => validateDefinition(dup))[1]).toBe('pages.0.questions.1.key');
    expect(
      code(() =>
        validateDefinition({
          title: t('x'),
          pages: [{ key: 'p', questions: [{ key: 'a', type: 'nope', title: t('a') }] }],
        }),
      )[0],
    ).toBe('SURVEY_DEFINITION_INVALID');
  });

  it('fills default semantic tags (kano, constant sum, csat)', () => {
    const k = def.pages[1]?.questions[1];
    expect(k?.tag).toBe('kano:wifi');
    const w = def.pages[1]?.questions[0];
    expect(w?.type === 'constant_sum' && w.items.map((i) => i.tag)).toEqual([
      'importance:x',
      'importance:y',
    ]);
  });

  it('builds every template into a valid definition; SERVQUAL has 22 E and 22 P items', () => {
    for (const tpl of TEMPLATES)
      expect(() => validateDefinition(buildTemplate(tpl.key))).not.toThrow();
    const sq = validateDefinition(buildTemplate('servqual'));
    const tags = sq.pages
      .flatMap((p) => p.questions)
      .flatMap((q) => (q.type === 'servqual' ? q.items.map((i) => i.tag) : []));
    expect(tags.filter((x) => x?.startsWith('servqual:E:'))).toHaveLength(22);
    expect(tags.filter((x) => x?.startsWith('servqual:P:'))).toHaveLength(22);
    expect(tags).toContain('servqual:P:22');
    expect(SERVQUAL_ITEMS.filter((i) => i.dimension === 'reliability').map((i) => i.n)).toEqual([
      5, 6, 7, 8, 9,
    ]);
    expect(SERVQUAL_ITEMS.filter((i) => i.dimension === 'empathy').map((i) => i.n)).toEqual([
      18, 19, 20, 21, 22,
    ]);
    const kano = validateDefinition(
      buildTemplate('kano', { attributes: [{ key: 'wifi', es: 'wifi gratis', en: 'free wifi' }] }),
    );
    expect(kano.pages).toHaveLength(1);
    expect(kano.pages[0]?.questions[0]?.tag).toBe('kano:wifi');
  });
});

describe('answers', () => {
  const ok = { nps: 9, w: { x: 60, y: 40 } };
  it('accepts a valid complete response and produces long rows with tags', () => {
    const rows = evaluateAnswers(
      def,
      {
        ...ok,
        pick: 'other',
        pick__other: 'c',
        k: { functional: 1, dysfunctional: 5 },
        d: '2026-02-28',
      },
      'complete',
    );
    expect(rows).toContainEqual({ questionKey: 'nps', item: '', tag: 'nps', num: 9, txt: null });
    expect(rows).toContainEqual({
      questionKey: 'k',
      item: 'functional',
      tag: 'kano:wifi:functional',
      num: 1,
      txt: null,
    });
    expect(rows).toContainEqual({
      questionKey: 'pick',
      item: 'other',
      tag: null,
      num: null,
      txt: 'c',
    });
    expect(rows).toContainEqual({
      questionKey: 'w',
      item: 'x',
      tag: 'importance:x',
      num: 60,
      txt: null,
    });
  });
  it.each([
    [{ ...ok, nps: 11 }, 'SURVEY_ANSWER_INVALID', 'answers.nps'],
    [{ ...ok, nps: 7.5 }, 'SURVEY_ANSWER_INVALID', 'answers.nps'],
    [{ ...ok, nps: '9' }, 'SURVEY_ANSWER_INVALID', 'answers.nps'],
    [{ ...ok, zzz: 1 }, 'SURVEY_ANSWER_UNKNOWN', 'answers.zzz'],
    [{ w: ok.w }, 'SURVEY_ANSWER_REQUIRED', 'answers.nps'],
    [{ ...ok, nps: 3 }, 'SURVEY_ANSWER_REQUIRED', 'answers.why'],
    [{ ...ok, why: 'x' }, 'SURVEY_ANSWER_HIDDEN', 'answers.why'],
    [{ ...ok, nps: 3, why: 'much too long text' }, 'SURVEY_ANSWER_INVALID', 'answers.why'],
    [{ ...ok, w: { x: 60, y: 30 } }, 'SURVEY_CONSTANT_SUM', 'answers.w'],
    [{ ...ok, w: { x: 60, z: 40 } }, 'SURVEY_ANSWER_INVALID', 'answers.w.z'],
    [{ ...ok, pick: 'c' }, 'SURVEY_ANSWER_INVALID', 'answers.pick'],
    [{ ...ok, k: { functional: 6 } }, 'SURVEY_ANSWER_INVALID', 'answers.k.functional'],
    [{ ...ok, d: '2026-02-30' }, 'SURVEY_ANSWER_INVALID', 'answers.d'],
  ])('rejects %j with %s at %s', (answers, c, field) => {
    expect(code(() => evaluateAnswers(def, answers as never, 'complete'))).toEqual([c, field]);
  });
  it('partial saves skip required checks but still check values', () => {
    expect(code(() => evaluateAnswers(def, { nps: 3 }, 'partial'))[0]).toBe('ok');
    expect(code(() => evaluateAnswers(def, { nps: 12 }, 'partial'))[0]).toBe(
      'SURVEY_ANSWER_INVALID',
    );
  });
});

describe('perceived value answers', () => {
  // The value question nests its benefits: { price, benefits: { key: rating }, wtp }. The
  // public and staff endpoints validate bodies with the shared contract before evaluation.
  const pv = validateDefinition(buildTemplate('perceived_value'));
  const answer = { price: 5, benefits: { functional: 6, emotional: 4, economic: 7 }, wtp: 30 };

  it('passes the submit contract and yields one long row per item', () => {
    const body = { id: '6f1c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f', status: 'complete', answers: {} };
    const key = pv.pages.flatMap((p) => p.questions).find((q) => q.type === 'value')?.key ?? '';
    const parsed = ZResponseSubmitSchema.safeParse({ ...body, answers: { [key]: answer } });
    expect(parsed.success).toBe(true);
    const rows = evaluateAnswers(pv, { [key]: answer }, 'partial').filter(
      (r) => r.questionKey === key,
    );
    expect(rows.map((r) => [r.item, r.num])).toEqual([
      ['price', 5],
      ['functional', 6],
      ['emotional', 4],
      ['economic', 7],
      ['wtp', 30],
    ]);
  });

  it('still refuses deeper nesting', () => {
    const parsed = ZAnswerValueSchema.safeParse({ benefits: { functional: { x: 1 } } });
    expect(parsed.success).toBe(false);
  });
});
