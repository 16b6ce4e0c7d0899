// Standards API hooks (types from the shared contracts, type-only: no zod in the bundle).
// API doc: docs/standards.md.
import type {
  TAttribute,
  TAttributeUsage,
  TCoverage,
  TCoverageItem,
  TMoment,
  TStandard,
  TStandardVersion,
  TSurveySummary,
} from '@fidelia/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export type {
  TAttribute,
  TAttributeUsage,
  TCoverage,
  TCoverageItem,
  TMoment,
  TStandard,
  TStandardVersion,
};

// Copies of the contract's constants (the contracts' index carries zod; the staff bundle does not).
export const ATTRIBUTE_GROUPS = [
  'tangibles',
  'people',
  'process',
  'after_sales',
  'product',
] as const;
export const MEASURE_KINDS = ['yesno', 'number', 'scale'] as const;
export const DIMENSIONS = [
  'tangibles',
  'reliability',
  'responsiveness',
  'assurance',
  'empathy',
] as const;
export type TDimension = (typeof DIMENSIONS)[number];

export interface TServqualWording {
  items: {
    n: number;
    dimension: TDimension;
    es: string;
    en: string;
    expectationEs: string;
    expectationEn: string;
  }[];
  dimensions: Record<TDimension, { es: string; en: string }>;
}

export interface TCatalogue {
  key: string;
  nameEs: string;
  nameEn: string;
  standards: number;
}

export interface TStandardFilters {
  unitId?: string;
  momentId?: string;
  dimension?: string;
  q?: string;
  activeOnly?: boolean;
}

export function useStandards(f: TStandardFilters) {
  const query = {
    unitId: f.unitId || undefined,
    momentId: f.momentId || undefined,
    dimension: f.dimension || undefined,
    q: f.q?.trim() || undefined,
    activeOnly: f.activeOnly ? 'true' : undefined,
  };
  return useQuery({
    queryKey: ['standards', 'list', query],
    queryFn: () => api.get<{ items: TStandard[] }>('/api/standards', query).then((r) => r.items),
  });
}

export function useStandard(id: string | undefined) {
  return useQuery({
    queryKey: ['standards', 'one', id],
    queryFn: () => api.get<TStandard>(`/api/standards/${encodeURIComponent(id ?? '')}`),
    enabled: Boolean(id),
  });
}

export function useVersions(id: string | undefined) {
  return useQuery({
    queryKey: ['standards', 'versions', id],
    queryFn: () =>
      api
        .get<{ items: TStandardVersion[] }>(
          `/api/standards/${encodeURIComponent(id ?? '')}/versions`,
        )
        .then((r) => r.items),
    enabled: Boolean(id),
  });
}

export function useMoments() {
  return useQuery({
    queryKey: ['standards', 'moments'],
    queryFn: () => api.get<{ items: TMoment[] }>('/api/standards/moments').then((r) => r.items),
  });
}

export function useAttributes() {
  return useQuery({
    queryKey: ['standards', 'attributes'],
    queryFn: () =>
      api.get<{ items: TAttribute[] }>('/api/standards/attributes').then((r) => r.items),
  });
}

export function useAttributeUsage() {
  return useQuery({
    queryKey: ['standards', 'attribute-usage'],
    queryFn: () =>
      api.get<{ items: TAttributeUsage[] }>('/api/standards/attributes/usage').then((r) => r.items),
  });
}

export function useCatalogues() {
  return useQuery({
    queryKey: ['standards', 'catalogues'],
    queryFn: () =>
      api.get<{ items: TCatalogue[] }>('/api/standards/catalogues').then((r) => r.items),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useServqualWording() {
  return useQuery({
    queryKey: ['standards', 'servqual-items'],
    queryFn: () => api.get<TServqualWording>('/api/standards/servqual-items'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useCoverage(q: { surveyId?: string; unitId?: string; minExpectation?: number }) {
  const query = {
    surveyId: q.surveyId || undefined,
    unitId: q.unitId || undefined,
    minExpectation: q.minExpectation,
  };
  return useQuery({
    queryKey: ['standards', 'coverage', query],
    queryFn: () => api.get<TCoverage>('/api/standards/coverage', query),
  });
}

export function useSurveys() {
  return useQuery({
    queryKey: ['standards', 'surveys'],
    queryFn: () => api.get<{ items: TSurveySummary[] }>('/api/surveys').then((r) => r.items),
  });
}

/** The name in the UI language (falls back to the other one). */
export const nameOf = (x: { nameEs: string; nameEn: string }, lang: string) =>
  (lang === 'en' ? x.nameEn : x.nameEs) || x.nameEs || x.nameEn;
