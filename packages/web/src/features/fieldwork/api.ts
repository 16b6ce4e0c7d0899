// Fieldwork API hooks (types from the shared contracts, type-only: no zod in the bundle).
import type {
  TChecklist,
  TCorrectiveAction,
  TVisitDetail,
  TVisitSummary,
} from '@fidelia/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export type { TChecklist, TCorrectiveAction, TVisitDetail, TVisitSummary };

export interface TUnitScore {
  unitId: string | null;
  unit: string;
  visits: number;
  meanScore: number | null;
  meanFinalScore: number | null;
  ci95: [number, number] | null;
  criticalFailRate: number;
}

export interface TSummary {
  units: TUnitScore[];
  competitors: {
    unit: string;
    visits: number;
    meanScore: number | null;
    meanFinalScore: number | null;
  }[];
  standards: {
    standardId: string;
    code: string | null;
    name: string | null;
    n: number;
    met: number;
    compliance: number | null;
  }[];
  items: {
    item: string;
    label: string | null;
    n: number;
    met: number;
    compliance: number | null;
  }[];
  overdueActions: number;
}

export const useVisits = (q: Record<string, string | undefined> = {}) =>
  useQuery({
    queryKey: ['fieldwork', 'visits', q],
    queryFn: () => api.get<{ items: TVisitSummary[] }>('/api/fieldwork/visits', q),
  });

export const useVisit = (id: string) =>
  useQuery({
    queryKey: ['fieldwork', 'visit', id],
    queryFn: () => api.get<TVisitDetail>(`/api/fieldwork/visits/${id}`),
    // the form keeps working from its saved copy when the network is gone
    retry: 0,
  });

export const useActions = (overdue = false) =>
  useQuery({
    queryKey: ['fieldwork', 'actions', overdue],
    queryFn: () =>
      api.get<{ items: TCorrectiveAction[] }>(
        '/api/fieldwork/actions',
        overdue ? { overdue: 'true' } : {},
      ),
  });

export const useSummary = () =>
  useQuery({
    queryKey: ['fieldwork', 'summary'],
    queryFn: () => api.get<TSummary>('/api/fieldwork/summary'),
  });

export const useChecklists = () =>
  useQuery({
    queryKey: ['fieldwork', 'checklists'],
    queryFn: () => api.get<{ items: TChecklist[] }>('/api/fieldwork/checklists'),
  });
