// Survey definition rules beyond the zod shape: unique keys, logic that only looks backwards,
// each type's own rules (its `define`: unique items, consistent bounds), default semantic tags.
// Pure (no I/O); shared by builder saves, imports, templates and publishing.

import { createHash } from 'node:crypto';
import {
  type TCondition,
  type TDisplayIf,
  type TQuestion,
  type TSurveyDefinition,
  ZSurveyDefinitionSchema,
} from '@fidelia/contracts';
import { questionItems, questionType, withDefaultTags } from '@fidelia/contracts/survey-logic';
import { AppError, registerErrors } from '../../lib/errors';

registerErrors({
  SURVEY_DEFINITION_INVALID: {
    status: 400,
    es: 'La definición de la encuesta no es válida.',
    en: 'The survey definition is invalid.',
  },
});

function fail(field: string, reason: string): never {
  throw new AppError('SURVEY_DEFINITION_INVALID', { field, reason });
}

export interface TIndexedQuestion {
  q: TQuestion;
  page: number;
  order: number;
}

export function indexQuestions(def: TSurveyDefinition): Map<string, TIndexedQuestion> {
  const out = new Map<string, TIndexedQuestion>();
  let order = 0;
  def.pages.forEach((p, page) => {
    for (const q of p.questions) out.set(q.key, { q, page, order: order++ });
  });
  return out;
}

function checkConditions(
  d: TDisplayIf | undefined,
  field: string,
  seen: Map<string, TQuestion>,
): void {
  if (!d) return;
  d.conditions.forEach((c: TCondition, i) => {
    const f = `${field}.displayIf.conditions.${i}`;
    const target = seen.get(c.q);
    if (!target) fail(`${f}.q`, 'must refer to an earlier question');
    if (c.item !== undefined && !questionItems(target).includes(c.item)) {
      fail(`${f}.item`, 'unknown item');
    }
    const needsValue = c.op !== 'answered' && c.op !== 'not_answered';
    if (needsValue && c.value === undefined) fail(`${f}.value`, 'value required');
    if (c.op === 'in' && !Array.isArray(c.value)) fail(`${f}.value`, 'array required');
  });
}

function uniq(keys: string[], field: string): void {
  const s = new Set<string>();
  keys.forEach((k, i) => {
    if (s.has(k)) fail(`${field}.${i}`, `duplicate key ${k}`);
    s.add(k);
  });
}

/** The type's own definition rules (question-types/<type>/index.ts `define`), if it has any. */
function checkQuestion(q: TQuestion, field: string): void {
  questionType(q).define?.(q, { field, fail, uniq });
}

/** Parses and checks a definition; throws SURVEY_DEFINITION_INVALID naming the field. */
export function validateDefinition(input: unknown): TSurveyDefinition {
  const parsed = ZSurveyDefinitionSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(issue?.path.join('.') ?? '', issue?.message ?? 'invalid');
  }
  const def = parsed.data;
  if (!def.languages.includes(def.defaultLanguage)) {
    fail('defaultLanguage', 'must be one of languages');
  }
  uniq(
    def.pages.map((p) => p.key),
    'pages',
  );
  const seen = new Map<string, TQuestion>();
  const pages = def.pages.map((p, pi) => {
    checkConditions(p.displayIf, `pages.${pi}`, seen);
    const questions = p.questions.map((q0, qi) => {
      const field = `pages.${pi}.questions.${qi}`;
      if (seen.has(q0.key)) fail(`${field}.key`, `duplicate question key ${q0.key}`);
      if (q0.key.includes('__')) fail(`${field}.key`, "'__' is reserved");
      checkConditions(q0.displayIf, field, seen);
      checkQuestion(q0, field);
      const q = withDefaultTags(q0);
      seen.set(q.key, q);
      return q;
    });
    return { ...p, questions };
  });
  return { ...def, pages };
}

/** Key-order independent JSON (hashes of definitions and submissions). */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export const hashJson = (v: unknown): string =>
  createHash('sha256').update(canonicalJson(v)).digest('hex');
