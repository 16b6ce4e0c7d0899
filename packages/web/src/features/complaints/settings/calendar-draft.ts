// Pure helpers of the calendar form: server problems in the UI language, weekday names, the
// empty draft and the preview's default instant.
import type { useTranslation } from 'react-i18next';
import type { TCalendarDraft, TWeekday } from './api';

type T = ReturnType<typeof useTranslation>['t'];

/** A server problem text in the UI language (known patterns), else as sent. */
export function localProblem(t: T, text: string): string {
  const range = /(\d\d:\d\d)\s*-\s*(\d\d:\d\d)/.exec(text);
  const r = range ? `${range[1]}–${range[2]}` : '';
  if (/unknown zone/.test(text)) return t('complaintsSettings.problem.zone');
  if (/ends before it starts/.test(text))
    return t('complaintsSettings.problem.order', { range: r });
  if (/overlapping/.test(text)) return t('complaintsSettings.problem.overlap');
  if (/no working time/.test(text)) return t('complaintsSettings.problem.noTime');
  if (/bad date/.test(text)) return t('complaintsSettings.problem.date');
  if (/partial holiday|bad range/.test(text)) return t('complaintsSettings.problem.holidayRange');
  if (/bad interval|HH:MM/.test(text)) return t('complaintsSettings.problem.interval');
  return text;
}

export function weekdayName(day: TWeekday, lang: string, style: 'long' | 'short' = 'long') {
  // 2024-01-01 was a Monday (ISO weekday 1).
  return new Date(Date.UTC(2024, 0, Number(day), 12)).toLocaleDateString(lang, {
    weekday: style,
    timeZone: 'UTC',
  });
}

export const browserZone = () => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
};

export function emptyCalendar(): TCalendarDraft {
  const office = () => [{ start: '09:00', end: '17:00' }];
  return {
    name: '',
    timeZone: browserZone(),
    week: { '1': office(), '2': office(), '3': office(), '4': office(), '5': office() },
    holidays: [],
    isDefault: false,
  };
}

export function nextWeekdayAt(hour: number): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(hour)}:00`;
}
