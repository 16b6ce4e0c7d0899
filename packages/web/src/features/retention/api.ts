// Retention API hooks (types from the shared contracts, type-only: no zod in the bundle).
import type {
  TCohortRow,
  TCustomerScore,
  TLoyaltyMember,
  TModelRun,
  TRetentionCustomer,
  TRetentionSettings,
  TTxImportPreview,
  TTxImportStatus,
} from '@fidelia/contracts';
import { useQuery } from '@tanstack/react-query';
import { api, request } from '../../api/client';

export type {
  TCohortRow,
  TCustomerScore,
  TLoyaltyMember,
  TModelRun,
  TRetentionCustomer,
  TRetentionSettings,
  TTxImportPreview,
  TTxImportStatus,
};

export const TIER_KEYS = ['bronze', 'silver', 'gold'] as const;
export const TIER_COLORS: Record<string, string> = {
  gold: 'yellow',
  silver: 'gray',
  bronze: 'orange',
};

export interface TOverview {
  run: TModelRun | null;
  settings: TRetentionSettings;
  tiers: Array<{ tier: string | null; customers: number; clv: number | null }>;
  segments: Array<{ segment: string; n: number }>;
  transactions: { n: number; customers: number };
  members: number;
}

export function useOverview() {
  return useQuery({
    queryKey: ['retention', 'overview'],
    queryFn: () => api.get<TOverview>('/api/retention/overview'),
  });
}

export function useScores(kind: 'best' | 'at-risk', limit: number, tier?: string) {
  return useQuery({
    queryKey: ['retention', kind, limit, tier],
    queryFn: () =>
      api.get<{ run: number | null; threshold?: number; items: TCustomerScore[] }>(
        `/api/retention/${kind}`,
        { limit, tier },
      ),
  });
}

export function useRuns() {
  return useQuery({
    queryKey: ['retention', 'runs'],
    queryFn: () => api.get<{ items: TModelRun[] }>('/api/retention/model/runs'),
    refetchInterval: (q) =>
      q.state.data?.items.some((r) => r.status === 'queued' || r.status === 'running')
        ? 1500
        : false,
  });
}

export function useCohorts(months: number) {
  return useQuery({
    queryKey: ['retention', 'cohorts', months],
    queryFn: () =>
      api.get<{
        items: TCohortRow[];
        lastMonth: string | null;
        /** the last month with data is not over: its shares are left out (null) */
        partialMonth: string | null;
      }>('/api/retention/cohorts', {
        months,
      }),
  });
}

export function useSettings() {
  return useQuery({
    queryKey: ['retention', 'settings'],
    queryFn: () => api.get<TRetentionSettings>('/api/retention/settings'),
  });
}

export async function saveSettings(v: TRetentionSettings): Promise<TRetentionSettings> {
  const res = await request('PUT', '/api/retention/settings', v);
  return (await res.json()) as TRetentionSettings;
}

export function useMembers() {
  return useQuery({
    queryKey: ['retention', 'members'],
    queryFn: () => api.get<{ items: TLoyaltyMember[] }>('/api/retention/loyalty/members'),
  });
}

export interface TNotification {
  id: string;
  customerId: string | null;
  name: string | null;
  kind: string;
  payload: { from?: string; to?: string; version?: number };
  emailed: boolean;
  createdAt: string;
}

export function useNotifications() {
  return useQuery({
    queryKey: ['retention', 'notifications'],
    queryFn: () => api.get<{ items: TNotification[] }>('/api/retention/notifications'),
  });
}

export interface TWinbackItem {
  id: string;
  customerId: string;
  name: string;
  action: string;
  status: string;
  note: string;
  createdAt: string;
}

export function useWinback() {
  return useQuery({
    queryKey: ['retention', 'winback'],
    queryFn: () => api.get<{ items: TWinbackItem[] }>('/api/retention/winback'),
  });
}

export function useImports() {
  return useQuery({
    queryKey: ['retention', 'imports'],
    queryFn: () => api.get<{ items: TTxImportStatus[] }>('/api/retention/imports'),
    refetchInterval: (q) =>
      q.state.data?.items.some((r) => r.status === 'queued' || r.status === 'running')
        ? 1000
        : false,
  });
}

export function useRetentionCustomer(id: string) {
  return useQuery({
    queryKey: ['retention', 'customer', id],
    queryFn: () => api.get<TRetentionCustomer>(`/api/retention/customers/${id}`),
  });
}

export function useOpenSurveys() {
  return useQuery({
    queryKey: ['surveys', 'open-for-winback'],
    queryFn: () =>
      api
        .get<{ items: Array<{ id: string; name?: string; title?: string; status: string }> }>(
          '/api/surveys',
        )
        .then((r) => (r.items ?? []).filter((s) => s.status === 'open')),
  });
}
