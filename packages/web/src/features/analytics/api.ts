// Analytics API hooks. Shapes: packages/contracts/src/analytics.ts (the servqual/nps/kano bodies
// are the JSON `fidelia analyze` prints). Type-only imports: no zod in the bundle.
import type {
  KANO_CATEGORIES,
  TComplaintsAnalytics,
  TCsatReport,
  TDrillPage,
  TDriversReport,
  THeadline,
  TInternalReport,
  TIpaReport,
  TKanoReport,
  TLeagueReport,
  TNpsReport,
  TOverviewReport,
  TServqualReport,
  TTextReport,
  TTrendReport,
  TValueReport,
} from '@fidelia/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { drillQuery, type TDrill } from './drill';
import type { TFilters } from './filters';

export type TServqual = TServqualReport;
export type TServqualItem = TServqualReport['items'][number];
export type TNps = TNpsReport;
export type TKano = TKanoReport;
export type TKanoAttribute = TKanoReport['attributes'][number];
export type TKanoCategory = (typeof KANO_CATEGORIES)[number];
export type TInterval = [number, number] | null;
export type TNpsGroupBy =
  | 'channel'
  | 'unit'
  | 'month'
  | 'language'
  | 'segment'
  | 'classification'
  | 'tier';
export type TTrendPeriod = 'week' | 'month' | 'quarter';
export type TTrendMetric = 'nps' | 'csat';
export type {
  TCsatReport,
  TDriversReport,
  THeadline,
  TIpaReport,
  TLeagueReport,
  TOverviewReport,
  TTextReport,
  TTrendReport,
};

/** The query string every analytics route takes (contract: from, to, unitId, channel, and the
 *  survey reports' respondent filters segment and language). */
export function analyticsQuery(
  f: Pick<TFilters, 'from' | 'to' | 'unit' | 'channel'> &
    Partial<Pick<TFilters, 'segment' | 'language'>>,
) {
  return {
    from: f.from,
    to: f.to,
    unitId: f.unit,
    channel: f.channel,
    segment: f.segment || undefined,
    language: f.language || undefined,
  };
}

const base = (surveyId: string) => `/api/analytics/surveys/${encodeURIComponent(surveyId)}`;

export function useServqual(f: TFilters) {
  return useQuery({
    queryKey: ['analytics', 'servqual', f.survey, analyticsQuery(f)],
    queryFn: () => api.get<TServqual>(`${base(f.survey)}/servqual`, analyticsQuery(f)),
    enabled: Boolean(f.survey),
  });
}

export function useNps(f: TFilters, groupBy?: TNpsGroupBy, enabled = true) {
  return useQuery({
    queryKey: ['analytics', 'nps', f.survey, analyticsQuery(f), groupBy ?? null],
    queryFn: () => api.get<TNps>(`${base(f.survey)}/nps`, { ...analyticsQuery(f), groupBy }),
    enabled: enabled && Boolean(f.survey),
  });
}

export function useKano(f: TFilters, enabled = true) {
  return useQuery({
    queryKey: ['analytics', 'kano', f.survey, analyticsQuery(f)],
    queryFn: () => api.get<TKano>(`${base(f.survey)}/kano`, analyticsQuery(f)),
    enabled: enabled && Boolean(f.survey),
  });
}

export function useLeague(f: TFilters, enabled = true) {
  return useQuery({
    queryKey: ['analytics', 'league', f.survey, analyticsQuery(f)],
    queryFn: () => api.get<TLeagueReport>(`${base(f.survey)}/league`, analyticsQuery(f)),
    enabled: enabled && Boolean(f.survey),
  });
}

export function useCsat(f: TFilters, groupBy?: TNpsGroupBy, enabled = true) {
  return useQuery({
    queryKey: ['analytics', 'csat', f.survey, analyticsQuery(f), groupBy ?? null],
    queryFn: () =>
      api.get<TCsatReport>(`${base(f.survey)}/csat`, { ...analyticsQuery(f), groupBy }),
    enabled: enabled && Boolean(f.survey),
  });
}

export function useTrend(f: TFilters, metric: TTrendMetric, period: TTrendPeriod, enabled = true) {
  return useQuery({
    queryKey: ['analytics', 'trends', f.survey, analyticsQuery(f), metric, period],
    queryFn: () =>
      api.get<TTrendReport>(`${base(f.survey)}/trends`, { ...analyticsQuery(f), metric, period }),
    enabled: enabled && Boolean(f.survey),
  });
}

export function useOverview(f: Pick<TFilters, 'from' | 'to' | 'unit' | 'channel'>) {
  return useQuery({
    queryKey: ['analytics', 'overview', analyticsQuery(f)],
    queryFn: () => api.get<TOverviewReport>('/api/analytics/overview', analyticsQuery(f)),
  });
}

export function useIpa(f: TFilters) {
  return useQuery({
    queryKey: ['analytics', 'ipa', f.survey, analyticsQuery(f)],
    queryFn: () => api.get<TIpaReport>(`${base(f.survey)}/ipa`, analyticsQuery(f)),
    enabled: Boolean(f.survey),
  });
}

export function useDrivers(f: TFilters) {
  return useQuery({
    queryKey: ['analytics', 'drivers', f.survey, analyticsQuery(f)],
    queryFn: () => api.get<TDriversReport>(`${base(f.survey)}/drivers`, analyticsQuery(f)),
    enabled: Boolean(f.survey),
  });
}

export function useText(f: TFilters, top = 30) {
  return useQuery({
    queryKey: ['analytics', 'text', f.survey, analyticsQuery(f), top],
    queryFn: () => api.get<TTextReport>(`${base(f.survey)}/text`, { ...analyticsQuery(f), top }),
    enabled: Boolean(f.survey),
  });
}

export type { TComplaintsAnalytics };
export type TComplaintPeriod = 'week' | 'month';

/** GET /api/analytics/complaints: the complaints report (received date, unit subtree). */
export function useComplaintsReport(
  f: Pick<TFilters, 'from' | 'to' | 'unit'>,
  period: TComplaintPeriod,
) {
  const q = { from: f.from, to: f.to, unitId: f.unit, period };
  return useQuery({
    queryKey: ['analytics', 'complaints', q],
    queryFn: () => api.get<TComplaintsAnalytics>('/api/analytics/complaints', q),
  });
}

export type { TInternalReport };

export function useInternal(f: TFilters, enabled = true) {
  return useQuery({
    queryKey: ['analytics', 'internal', f.survey, analyticsQuery(f)],
    queryFn: () => api.get<TInternalReport>(`${base(f.survey)}/internal`, analyticsQuery(f)),
    enabled: enabled && Boolean(f.survey),
  });
}

export type { TDrillItem, TDrillPage } from '@fidelia/contracts';

/** GET /api/analytics/surveys/:id/responses: the responses behind a chart element, by pages. */
export function useDrill(f: TFilters, d: TDrill) {
  const q = { ...analyticsQuery(f), ...drillQuery(d), limit: 25 };
  return useInfiniteQuery({
    queryKey: ['analytics', 'drill', f.survey, q],
    queryFn: ({ pageParam }) =>
      api.get<TDrillPage>(`${base(f.survey)}/responses`, {
        ...q,
        after: pageParam || undefined,
      }),
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined,
    enabled: Boolean(f.survey),
  });
}

export type TValue = TValueReport;
export type TValueStat = TValueReport['wtp'];

/** GET /api/analytics/surveys/:id/value: perceived value under the filters. */
export function useValue(f: TFilters, enabled = true) {
  return useQuery({
    queryKey: ['analytics', 'value', f.survey, analyticsQuery(f)],
    queryFn: () => api.get<TValue>(`${base(f.survey)}/value`, analyticsQuery(f)),
    enabled: enabled && Boolean(f.survey),
  });
}
