// Pure helpers of the standards screens (unit-tested in model.test.ts).
import { num } from '../../lib/format';
import type { TStandardVersion } from './api';

type T = (key: string, o?: Record<string, unknown>) => string;

/** "≤ 5 min", "≥ 99 %", "2–5 h", "met / not met", "no target" in the UI language. */
export function targetText(
  s: Pick<TStandardVersion, 'measureKind' | 'targetMin' | 'targetMax' | 'uomEs' | 'uomEn'>,
  lang: string,
  t: T,
): string {
  if (s.measureKind === 'yesno') return t('standards.target.yesno');
  const uom = (lang === 'en' ? s.uomEn || s.uomEs : s.uomEs || s.uomEn) ?? '';
  const u = uom ? ` ${uom}` : '';
  const f = (v: number) => num(v, lang, Number.isInteger(v) ? 0 : 1);
  if (s.targetMin !== null && s.targetMax !== null)
    return s.targetMin === s.targetMax
      ? `= ${f(s.targetMin)}${u}`
      : `${f(s.targetMin)}–${f(s.targetMax)}${u}`;
  if (s.targetMax !== null) return `≤ ${f(s.targetMax)}${u}`;
  if (s.targetMin !== null) return `≥ ${f(s.targetMin)}${u}`;
  return t('standards.target.none');
}

/** The fields that changed between two versions (for the history list). */
export function changedFields(a: TStandardVersion, b: TStandardVersion | undefined): string[] {
  if (!b) return [];
  const keys = [
    'nameEs',
    'nameEn',
    'descriptionEs',
    'descriptionEn',
    'attributeId',
    'dimension',
    'servqualItems',
    'measureKind',
    'targetMin',
    'targetMax',
    'uomEs',
    'uomEn',
    'ownerRole',
    'promisedLevel',
    'unitIds',
    'researchUrl',
    'researchNote',
    'researchSurveyId',
  ] as const;
  return keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/** Same-origin paths (the analytics report) or http(s) links only: never javascript: URLs. */
export function safeLink(url: string | null): string | null {
  if (!url) return null;
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  return /^https?:\/\//i.test(url) ? url : null;
}
