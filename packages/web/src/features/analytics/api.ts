// Analytics API hooks. Shapes follow the HTTP contract "The same statistics over stored answers"
// (the JSON `fidelia analyze servqual|nps|kano` prints); declared here so the screens do not wait
// for, or bundle, the server's zod schemas.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { TFilters } from './filters';

export type TInterval = [number, number] | null;

export interface TServqualItem {
  item: string;
  dimension: string;
  n: number;
  expectation: number | null;
  perception: number | null;
  gap: number | null;
  ci95: TInterval;
}

export interface TServqualDimension {
  dimension: string;
  expectation: number | null;
  perception: number | null;
  gap: number | null;
  weight: number | null;
  alphaPerception: number | null;
}

export interface TServqual {
  n: number;
  items: TServqualItem[];
  dimensions: TServqualDimension[];
  overall: { gap: number | null; weightedGap: number | null };
}

export interface TNpsFigures {
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
  ci95: TInterval;
}

export interface TNps extends TNpsFigures {
  groups?: Array<TNpsFigures & { group: string }>;
}

export type TKanoCategory = 'A' | 'O' | 'M' | 'I' | 'R' | 'Q';

export interface TKanoAttribute {
  attribute: string;
  n: number;
  counts: Record<TKanoCategory, number>;
  category: TKanoCategory | null;
  better: number | null;
  worse: number | null;
}

export interface TKano {
  attributes: TKanoAttribute[];
}

export type TNpsGroupBy = 'channel' | 'unit' | 'month' | 'language' | 'segment';

/** The query string every analytics route takes (contract: from, to, unitId, channel). */
export function analyticsQuery(f: Pick<TFilters, 'from' | 'to' | 'unit' | 'channel'>) {
  return { from: f.from, to: f.to, unitId: f.unit, channel: f.channel };
}

const base = (surveyId: string) => `/api/analytics/surveys/${encodeURIComponent(surveyId)}`;

export function useServqual(f: TFilters) {
  return useQuery({
    queryKey: ['analytics', 'servqual', f.survey, analyticsQuery(f)],
    queryFn: () => api.get<TServqual>(`${base(f.survey)}/servqual`, analyticsQuery(f)),
    enabled: Boolean(f.survey),
  });
}

export function useNps(f: TFilters, groupBy?: TNpsGroupBy) {
  return useQuery({
    queryKey: ['analytics', 'nps', f.survey, analyticsQuery(f), groupBy ?? null],
    queryFn: () => api.get<TNps>(`${base(f.survey)}/nps`, { ...analyticsQuery(f), groupBy }),
    enabled: Boolean(f.survey),
  });
}

export function useKano(f: TFilters) {
  return useQuery({
    queryKey: ['analytics', 'kano', f.survey, analyticsQuery(f)],
    queryFn: () => api.get<TKano>(`${base(f.survey)}/kano`, analyticsQuery(f)),
    enabled: Boolean(f.survey),
  });
}
