import { type TSurveyDefinition, ZSurveyDefinitionSchema } from '@fidelia/contracts';
import { describe, expect, it } from 'vitest';
import { responseDetail, unknownAnswers } from './answerDetail';

const def: TSurveyDefinition = ZSurveyDefinitionSchema.parse({
  title: { es: 'Encuesta', en: 'Survey' },
  pages: [
    {
      key: 'p1',
      title: { es: 'Su opinión', en: 'Your opinion' },
      questions: [
        {
          key: 'nps',
          type: 'rating',
          title: { es: '¿Nos recomendaría?', en: 'Would you recommend us?' },
          lowLabel: { es: 'Nada probable', en: 'Not at all likely' },
          highLabel: { es: 'Muy probable', en: 'Extremely likely' },
        },
        {
          key: 'sq_e',
          type: 'servqual',
          part: 'E',
          title: { es: 'Expectativas', en: 'Expectations' },
          items: [
            {
              key: 'e1',
              n: 1,
              dimension: 'tangibles',
              text: { es: 'Equipos modernos', en: 'Modern equipment' },
            },
            {
              key: 'e2',
              n: 2,
              dimension: 'tangibles',
              text: { es: 'Instalaciones atractivas', en: 'Appealing facilities' },
            },
          ],
        },
      ],
    },
    {
      key: 'p2',
      questions: [
        {
          key: 'weights',
          type: 'constant_sum',
          title: { es: 'Reparta 100 puntos', en: 'Share 100 points' },
          items: [
            { key: 'empathy', text: { es: 'Empatía', en: 'Empathy' } },
            { key: 'reliability', text: { es: 'Fiabilidad', en: 'Reliability' } },
          ],
        },
        { key: 'when', type: 'date', title: { es: 'Fecha de la visita', en: 'Visit date' } },
        { key: 'skipped', type: 'text', title: { es: 'Comentario', en: 'Comment' } },
      ],
    },
  ],
});

const answers = {
  weights: { empathy: 10, reliability: 90 },
  sq_e: { e1: 6, e2: 7 },
  nps: 10,
  when: '2026-12-01',
  gone: 'x',
};

describe('response detail', () => {
  it('groups answers by page in survey order with question and item texts (es)', () => {
    const d = responseDetail(def, answers, 'es');
    expect(d.map((p) => p.title)).toEqual(['Su opinión', '']);
    expect(d[0]?.answers.map((a) => a.title)).toEqual(['¿Nos recomendaría?', 'Expectativas']);
    expect(d[0]?.answers[0]?.lines).toEqual([{ label: '', value: '10 / 10 · Muy probable' }]);
    expect(d[0]?.answers[1]?.lines).toEqual([
      { label: 'Equipos modernos', value: '6 / 7' },
      { label: 'Instalaciones atractivas', value: '7 / 7' },
    ]);
    expect(d[1]?.answers.map((a) => a.title)).toEqual(['Reparta 100 puntos', 'Fecha de la visita']);
    expect(d[1]?.answers[0]?.lines[0]).toEqual({ label: 'Empatía', value: '10 / 100' });
    expect(d[1]?.answers[1]?.lines[0]?.value).toBe('01/12/2026');
  });

  it('speaks English when the UI does', () => {
    const d = responseDetail(def, answers, 'en');
    expect(d[0]?.answers[1]?.lines[0]?.label).toBe('Modern equipment');
    expect(d[1]?.answers[1]?.lines[0]?.value).toBe('12/01/2026');
  });

  it('no internal key reaches the text', () => {
    // what the screen shows: page titles, question titles, line labels and values (not React keys)
    const shown = responseDetail(def, answers, 'es').flatMap((p) => [
      p.title,
      ...p.answers.flatMap((a) => [a.title, ...a.lines.flatMap((l) => [l.label, l.value])]),
    ]);
    for (const key of ['sq_e', 'e1', 'empathy', 'nps', 'weights', 'gone'])
      expect(shown.filter((s) => s.includes(key))).toEqual([]);
    expect(unknownAnswers(def, answers)).toBe(1);
  });
});
