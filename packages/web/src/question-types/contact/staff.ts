import type { QOf, TLang } from '@fidelia/contracts/survey-logic';
import { lt } from '@fidelia/contracts/survey-logic';
import type { TStaffType } from '../staff-kit';

const CONTACT: Record<TLang, Record<'name' | 'email' | 'phone', string>> = {
  es: { name: 'Nombre', email: 'Correo electrónico', phone: 'Teléfono' },
  en: { name: 'Name', email: 'E-mail', phone: 'Phone' },
};

export const contact: TStaffType<QOf<'contact'>> = {
  defaults: (base) => ({ ...base, type: 'contact', fields: ['name', 'email', 'phone'] }),
  entry: (q, lang, k) =>
    q.fields.map((f) => ({
      ...k.base,
      id: `${q.key}.${f}`,
      item: f,
      code: f,
      sub: f,
      text: lt(q.title, lang),
      kind: 'text' as const,
      max: 320,
      required: false,
    })),
  detail: (_q, _v, lang, r) =>
    (['name', 'email', 'phone'] as const)
      .filter((f) => typeof r[f] === 'string' && r[f] !== '')
      .map((f) => ({ label: CONTACT[lang][f], value: String(r[f]) })),
};
