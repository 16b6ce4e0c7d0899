// Dates are typed and picked in the UI language's order (dd/mm/aaaa in Spanish, mm/dd/yyyy in
// English). A native <input type="date"> follows the browser's locale instead, which need not be
// the language chosen in the app. The values stay ISO strings ("2026-12-01", "2026-12-01 17:00:00")
// so callers and the API do not change.
import {
  DateInput,
  type DateInputProps,
  DatesProvider,
  DateTimePicker,
  type DateTimePickerProps,
} from '@mantine/dates';
import '@mantine/dates/styles.css';
import dayjs from 'dayjs';
import 'dayjs/locale/es';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fmtLang } from '../lib/format';

dayjs.extend(customParseFormat);

export const DAY_FORMAT = { es: 'DD/MM/YYYY', en: 'MM/DD/YYYY' } as const;
const TIME_FORMAT = { es: 'DD/MM/YYYY HH:mm', en: 'MM/DD/YYYY hh:mm A' } as const;

/** Reads what the user typed in the language's order; null when it is not a date. */
export function parseDay(text: string, lang: 'es' | 'en'): string | null {
  const d = dayjs(text.trim(), [DAY_FORMAT[lang], 'YYYY-MM-DD'], true);
  return d.isValid() ? d.format('YYYY-MM-DD') : null;
}

function useLang() {
  const { i18n } = useTranslation();
  return fmtLang(i18n.resolvedLanguage ?? i18n.language);
}

/** Mantine's date pickers follow the UI language: month names, first weekday (Monday in es). */
export function LocaleDates({ children }: { children: ReactNode }) {
  const lang = useLang();
  return (
    <DatesProvider settings={{ locale: lang, firstDayOfWeek: lang === 'es' ? 1 : 0 }}>
      {children}
    </DatesProvider>
  );
}

type TDayProps = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser'> & {
  /** "YYYY-MM-DD" or "" */
  value: string;
  onChange: (v: string) => void;
};

/** A calendar day; value and onChange use "YYYY-MM-DD" ("" when empty). */
export function DayInput({ value, onChange, ...rest }: TDayProps) {
  const lang = useLang();
  return (
    <DateInput
      {...rest}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      valueFormat={DAY_FORMAT[lang]}
      dateParser={(text) => parseDay(text, lang)}
      placeholder={rest.placeholder ?? (lang === 'es' ? 'dd/mm/aaaa' : 'mm/dd/yyyy')}
      clearable={rest.clearable ?? true}
    />
  );
}

type TDateTimeProps = Omit<DateTimePickerProps, 'value' | 'onChange' | 'valueFormat'> & {
  /** local wall time "YYYY-MM-DDTHH:mm" (like <input type="datetime-local">) or "" */
  value: string;
  onChange: (v: string) => void;
};

/** A day and time; value and onChange use the datetime-local shape "YYYY-MM-DDTHH:mm". */
export function DateTimeInput({ value, onChange, ...rest }: TDateTimeProps) {
  const lang = useLang();
  return (
    <DateTimePicker
      {...rest}
      value={value ? value.replace('T', ' ') : null}
      onChange={(v) => onChange(v ? dayjs(v).format('YYYY-MM-DDTHH:mm') : '')}
      valueFormat={TIME_FORMAT[lang]}
      clearable={rest.clearable ?? true}
    />
  );
}
