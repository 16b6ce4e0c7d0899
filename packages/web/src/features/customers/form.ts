import type { TAttrValue, TCustomer } from '../../api/types';

// Form state keeps strings for text inputs; toBody turns '' into null as the API expects.
export interface TForm {
  name: string;
  externalId: string;
  email: string;
  phone: string;
  kind: TCustomer['kind'];
  useClass: string | null;
  tier: string | null;
  status: Exclude<TCustomer['status'], 'erased'>;
  unitId: string | null;
  internalUnitId: string | null;
  language: string | null;
  consentEmail: boolean;
  consentSurvey: boolean;
  statedNeeds: string;
  realNeeds: string;
  needTags: string[];
  attributes: Record<string, TAttrValue>;
}

export function emptyForm(): TForm {
  return {
    name: '',
    externalId: '',
    email: '',
    phone: '',
    kind: 'external',
    useClass: null,
    tier: null,
    status: 'active',
    unitId: null,
    internalUnitId: null,
    language: null,
    consentEmail: false,
    consentSurvey: false,
    statedNeeds: '',
    realNeeds: '',
    needTags: [],
    attributes: {},
  };
}

export function toForm(c: TCustomer): TForm {
  return {
    name: c.name,
    externalId: c.externalId ?? '',
    email: c.email ?? '',
    phone: c.phone ?? '',
    kind: c.kind,
    useClass: c.useClass,
    tier: c.tier,
    status: c.status === 'erased' ? 'inactive' : c.status,
    unitId: c.unitId,
    internalUnitId: c.internalUnitId,
    language: c.language,
    consentEmail: c.consentEmail,
    consentSurvey: c.consentSurvey,
    statedNeeds: c.statedNeeds ?? '',
    realNeeds: c.realNeeds ?? '',
    needTags: c.needTags ?? [],
    attributes: c.attributes ?? {},
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Client-side checks (i18n keys); the server validates again and its field errors win. */
export function validate(f: TForm): Record<string, string> {
  const e: Record<string, string> = {};
  if (!f.name.trim()) e.name = 'form.required';
  if (f.email.trim() && !EMAIL.test(f.email.trim())) e.email = 'form.email';
  return e;
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

export function toBody(f: TForm, withAttributes: boolean): Record<string, unknown> {
  return {
    name: f.name.trim(),
    externalId: orNull(f.externalId),
    email: orNull(f.email),
    phone: orNull(f.phone),
    kind: f.kind,
    useClass: f.useClass,
    tier: f.tier,
    status: f.status,
    unitId: f.unitId,
    internalUnitId: f.kind === 'internal' ? f.internalUnitId : null,
    language: f.language,
    consentEmail: f.consentEmail,
    consentSurvey: f.consentSurvey,
    statedNeeds: orNull(f.statedNeeds),
    realNeeds: orNull(f.realNeeds),
    needTags: f.needTags,
    ...(withAttributes ? { attributes: f.attributes } : {}),
  };
}
