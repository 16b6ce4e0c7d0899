// Shared state of a report page: the filters from the URL, the survey list, the chosen survey's
// definition (for item wordings and to know which reports it can feed).
import type { TSurveyDetail, TSurveySummary } from '@fidelia/contracts';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useFormat } from '../../lib/format';
import { filtersToSearch, parseFilters, type TFilters } from './filters';
import { surveyLabels } from './model';

export function useSurveyList() {
  return useQuery({
    queryKey: ['analytics', 'surveys'],
    queryFn: () => api.get<{ items: TSurveySummary[] }>('/api/surveys').then((r) => r.items),
    staleTime: 60_000,
  });
}

export function useSurveyDetail(id: string) {
  return useQuery({
    queryKey: ['survey', id],
    queryFn: () => api.get<TSurveyDetail>(`/api/surveys/${id}`),
    enabled: Boolean(id),
    staleTime: 60_000,
  });
}

/** The survey a report opens with when the link names none: the newest one of its template
 *  with answers, else the newest with answers, else the newest. */
export function defaultSurvey(items: readonly TSurveySummary[], template: string): string {
  const answered = items.filter((s) => s.responses.complete > 0);
  const pick =
    answered.find((s) => s.template === template) ??
    items.find((s) => s.template === template) ??
    answered[0] ??
    items[0];
  return pick?.id ?? '';
}

export function useReport(template: string) {
  const [params, setParams] = useSearchParams();
  const surveys = useSurveyList();
  const parsed = useMemo(() => parseFilters(params), [params]);
  const filters: TFilters = useMemo(
    () => ({ ...parsed, survey: parsed.survey || defaultSurvey(surveys.data ?? [], template) }),
    [parsed, surveys.data, template],
  );
  const detail = useSurveyDetail(filters.survey);
  const { lang } = useFormat();
  const labels = useMemo(() => surveyLabels(detail.data?.definition, lang), [detail.data, lang]);
  const set = useCallback(
    (changes: Partial<TFilters>) =>
      setParams(new URLSearchParams(filtersToSearch({ ...parsed, ...changes }).slice(1)), {
        replace: true,
      }),
    [parsed, setParams],
  );
  return { filters, set, surveys, detail, labels };
}
