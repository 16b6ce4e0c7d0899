// API of the complaints settings page (admins): SLA calendars, unit calendars, policies and the
// draft-calendar preview (server: modules/complaints/sla/routes.ts), the category trees,
// assignment settings and unit managers (modules/complaints/routes.ts).
import type { TUser } from '@fidelia/contracts';
import { useQuery } from '@tanstack/react-query';
import { ApiError, api, request } from '../../../api/client';

export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type TWeekday = (typeof WEEKDAYS)[number];
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type TSeverity = (typeof SEVERITIES)[number];
export const STRATEGIES = ['round_robin', 'least_loaded'] as const;
export const DIMENSIONS = [
  'tangibles',
  'reliability',
  'responsiveness',
  'assurance',
  'empathy',
] as const;

export interface TInterval {
  start: string;
  end: string;
}
export interface THoliday {
  date: string;
  start?: string;
  end?: string;
  name?: string;
}
export interface TCalendarDraft {
  name: string;
  timeZone: string;
  week: Partial<Record<TWeekday, TInterval[]>>;
  holidays: THoliday[];
  isDefault: boolean;
}
export interface TCalendar extends TCalendarDraft {
  id: string;
  version: number;
  updatedAt: string;
}
export interface TPolicyDraft {
  name: string;
  categoryId: string | null;
  severity: TSeverity | null;
  firstResponseMin: number;
  updateMin: number | null;
  resolutionMin: number;
  warnPercent: number;
}
export interface TPolicy extends TPolicyDraft {
  id: string;
  version: number;
  updatedAt: string;
}
export interface TCategory {
  id: string;
  tree: 'category' | 'cause';
  parentId: string | null;
  name: string;
  servqualDimension: string | null;
  active: boolean;
}
export interface TComplaintSettings {
  strategy: (typeof STRATEGIES)[number];
  excludeManagers: boolean;
  responseDays: number;
  recourse: string | null;
}
export interface TRecomputeState {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  done: number;
  result: { cases: number; changed: number; timers: number } | null;
}

const SLA = '/api/complaints/sla';
export const KEYS = {
  calendars: ['complaints', 'settings', 'calendars'],
  policies: ['complaints', 'settings', 'policies'],
  categories: ['complaints', 'categories'],
  settings: ['complaints', 'settings', 'assignment'],
  managers: ['complaints', 'settings', 'managers'],
} as const;

export const useCalendars = () =>
  useQuery({
    queryKey: KEYS.calendars,
    queryFn: () =>
      api.get<{
        calendars: TCalendar[];
        units: { unitId: string; calendarId: string }[];
        builtin?: Omit<TCalendarDraft, 'name' | 'isDefault'>;
      }>(`${SLA}/calendars`),
  });
export const usePolicies = () =>
  useQuery({
    queryKey: KEYS.policies,
    queryFn: () =>
      api
        .get<{ policies: TPolicy[]; builtin?: TPolicyDraft[] }>(`${SLA}/policies`)
        .then((r) => ({ policies: r.policies, builtin: r.builtin ?? [] })),
  });
export const useCategories = () =>
  useQuery({
    queryKey: KEYS.categories,
    queryFn: () => api.get<TCategory[]>('/api/complaints/categories'),
  });
export const useComplaintSettings = () =>
  useQuery({
    queryKey: KEYS.settings,
    queryFn: () => api.get<TComplaintSettings>('/api/complaints/settings'),
  });
export const useManagers = () =>
  useQuery({
    queryKey: KEYS.managers,
    queryFn: () => api.get<{ unitId: string; userId: string }[]>('/api/complaints/managers'),
  });
export const useStaff = () =>
  useQuery({
    queryKey: ['users'],
    queryFn: () => api.get<{ items: TUser[] }>('/api/users').then((r) => r.items),
  });

export const calendarApi = {
  create: (c: TCalendarDraft) =>
    api.post<TCalendar & { recomputeJobId: string | null }>(`${SLA}/calendars`, c),
  update: (id: string, c: TCalendarDraft) =>
    json<TCalendar & { recomputeJobId: string }>('PUT', `${SLA}/calendars/${id}`, c),
  remove: (id: string) => api.del<void>(`${SLA}/calendars/${id}`),
  assign: (unitId: string, calendarId: string | null) =>
    json<{ recomputeJobId: string }>('PUT', `${SLA}/units/${unitId}/calendar`, { calendarId }),
  preview: (calendar: Omit<TCalendarDraft, 'name' | 'isDefault'>, start: string, minutes: number) =>
    api.post<{ due: string; businessMinutes: number }>(`${SLA}/preview`, {
      calendar,
      start,
      minutes,
    }),
};
export const policyApi = {
  create: (p: TPolicyDraft) => api.post<TPolicy & { recomputeJobId: string }>(`${SLA}/policies`, p),
  update: (id: string, p: TPolicyDraft) =>
    json<TPolicy & { recomputeJobId: string }>('PUT', `${SLA}/policies/${id}`, p),
  remove: (id: string) => api.del<void>(`${SLA}/policies/${id}`),
};

/** PUT is not in the shared client's shorthand list. */
async function json<T>(method: 'PUT', path: string, body: unknown): Promise<T> {
  const res = await request(method, path, body);
  return (await res.json()) as T;
}
export const put = <T>(path: string, body: unknown) => json<T>('PUT', path, body);

/** Polls a queued recomputation until it is done (or failed). */
export const useRecompute = (jobId: string | null) =>
  useQuery({
    queryKey: ['complaints', 'settings', 'recompute', jobId],
    enabled: !!jobId,
    queryFn: () => api.get<TRecomputeState>(`${SLA}/recompute/${jobId}`),
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s === 'done' || s === 'failed' ? false : 1000;
    },
  });

/** Calendar problems from the server (SLA_CALENDAR_INVALID details or zod issues) by field. */
export function calendarProblemsOf(e: unknown): string[] {
  if (!(e instanceof ApiError)) return [];
  if (e.code === 'SLA_CALENDAR_INVALID') {
    const p = (e.details as { problems?: unknown } | null)?.problems;
    return Array.isArray(p) ? p.filter((x): x is string => typeof x === 'string') : [];
  }
  return [];
}
