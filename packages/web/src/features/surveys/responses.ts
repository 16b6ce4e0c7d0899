// Pure helpers of the responses screen: answer text for any question type, export URLs.
import type { TAnswerValue, TQuestion, TSurveyDefinition } from '@fidelia/contracts';
import { lt, type TLang } from '@fidelia/contracts/survey-logic';

export function questionOf(def: TSurveyDefinition, key: string): TQuestion | undefined {
  for (const p of def.pages) for (const q of p.questions) if (q.key === key) return q;
  return undefined;
}

/** Readable text of one stored answer (records as "item: value" lines). */
export function formatAnswer(
  q: TQuestion | undefined,
  v: TAnswerValue | undefined,
  lang: TLang,
): string {
  if (v === undefined || v === null || v === '') return '';
  const option = (x: unknown) => {
    if (q && (q.type === 'single' || q.type === 'multiple')) {
      const o = q.options.find((op) => op.value === x);
      if (o) return lt(o.label, lang);
    }
    return String(x);
  };
  if (Array.isArray(v)) return v.map(option).join(', ');
  if (typeof v === 'object') {
    return Object.entries(v)
      .map(([k, x]) =>
        x !== null && typeof x === 'object'
          ? `${k}: ${Object.entries(x as Record<string, unknown>)
              .map(([a, b]) => `${a}=${String(b)}`)
              .join(', ')}`
          : `${k}: ${String(x)}`,
      )
      .join('\n');
  }
  return option(v);
}

export function exportPath(
  surveyId: string,
  format: 'csv' | 'xlsx' | 'spss' | 'spss_labels',
  shape: 'wide' | 'long',
  status: 'complete' | 'partial' | 'all',
): string {
  const q = new URLSearchParams({ format, shape, status });
  return `/api/surveys/${encodeURIComponent(surveyId)}/export?${q}`;
}
