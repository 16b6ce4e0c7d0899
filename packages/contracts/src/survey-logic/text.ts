// Wording in the respondent's language and piping of earlier answers into later texts.
import type { TAnswers, TAnswerValue, TLocalText, TQuestion, TSurveyDefinition } from '../surveys';
import type { TLang } from './constants';
import { isRecord, present } from './values';

/** Values for {{attr:name}} piping (personal links). */
export type TPrefill = Record<string, string | number | boolean | null>;

/** Text in the wanted language, falling back to the other one. */
export function lt(t: TLocalText | undefined, lang: TLang): string {
  if (!t) return '';
  return (lang === 'en' ? t.en || t.es : t.es || t.en) ?? '';
}

function findQuestion(def: TSurveyDefinition, key: string): TQuestion | undefined {
  for (const p of def.pages) for (const q of p.questions) if (q.key === key) return q;
  return undefined;
}

/** Human text of an answer, for piping ("you gave us {{q:nps}}"). */
export function answerText(q: TQuestion | undefined, v: TAnswerValue | undefined, lang: TLang) {
  if (!present(v)) return '';
  if (q && (q.type === 'single' || q.type === 'multiple')) {
    const label = (x: unknown) => {
      const o = q.options.find((op) => op.value === x);
      return o ? lt(o.label, lang) : String(x);
    };
    return Array.isArray(v) ? v.map(label).join(', ') : label(v);
  }
  if (Array.isArray(v)) return v.join(', ');
  if (isRecord(v)) return '';
  return String(v);
}

/** Replaces {{q:key}} with earlier answers and {{attr:name}} with personal-link prefill. */
export function pipe(
  text: string,
  def: TSurveyDefinition,
  answers: TAnswers,
  prefill: TPrefill,
  lang: TLang,
): string {
  if (!text.includes('{{')) return text;
  return text.replace(
    /\{\{\s*(q|attr):([A-Za-z0-9_.-]+)\s*\}\}/g,
    (_m, kind: string, key: string) => {
      if (kind === 'attr') {
        const v = prefill[key];
        return v === null || v === undefined ? '' : String(v);
      }
      return answerText(findQuestion(def, key), answers[key], lang);
    },
  );
}
