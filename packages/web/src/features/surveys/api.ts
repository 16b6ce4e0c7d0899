// Surveys API hooks (shapes: packages/contracts/src/surveys.ts; endpoints: docs/surveys.md).
import type {
  TInvitationRequest,
  TResponse,
  TSegment,
  TStaffEntry,
  TSurveyCreate,
  TSurveyDefinition,
  TSurveyDetail,
  TSurveyOrgSettings,
  TSurveyPatch,
  TSurveySummary,
} from '@fidelia/contracts';
import { TEMPLATE_KEYS, type TTemplateKey } from '@fidelia/contracts/survey-logic';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request } from '../../api/client';

export { TEMPLATE_KEYS, type TTemplateKey };

export interface TTemplateInfo {
  key: TTemplateKey;
  name: { es: string; en: string };
  description: { es: string; en: string };
}

export function useSurveys() {
  return useQuery({
    queryKey: ['surveys'],
    queryFn: () => api.get<{ items: TSurveySummary[] }>('/api/surveys').then((r) => r.items),
  });
}

export function useTemplates() {
  return useQuery({
    queryKey: ['surveys', 'templates'],
    queryFn: () =>
      api.get<{ items: TTemplateInfo[] }>('/api/surveys/templates').then((r) => r.items),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSurvey(id: string | undefined) {
  return useQuery({
    queryKey: ['survey', id],
    queryFn: () => api.get<TSurveyDetail>(`/api/surveys/${id}`),
    enabled: Boolean(id),
  });
}

async function put<T>(path: string, body: unknown): Promise<T> {
  const res = await request('PUT', path, body);
  return (await res.json()) as T;
}

/** Mutations on one survey; every success refreshes the survey and the list. */
export function useSurveyMutations(id: string) {
  const qc = useQueryClient();
  const done = (s: TSurveyDetail) => {
    qc.setQueryData(['survey', id], s);
    void qc.invalidateQueries({ queryKey: ['surveys'] });
  };
  return {
    saveDefinition: useMutation({
      mutationFn: (definition: TSurveyDefinition) =>
        put<TSurveyDetail>(`/api/surveys/${id}/definition`, { definition }),
      onSuccess: done,
    }),
    publish: useMutation({
      mutationFn: () => api.post<TSurveyDetail>(`/api/surveys/${id}/publish`, {}),
      onSuccess: done,
    }),
    patch: useMutation({
      mutationFn: (body: TSurveyPatch) => api.patch<TSurveyDetail>(`/api/surveys/${id}`, body),
      onSuccess: done,
    }),
    invite: useMutation({
      mutationFn: (body: TInvitationRequest) =>
        api.post<{ jobId: string; batchId: string }>(`/api/surveys/${id}/invitations`, body),
      onSuccess: () => void qc.invalidateQueries({ queryKey: ['survey', id, 'invitations'] }),
    }),
  };
}

export function useCreateSurvey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TSurveyCreate) => api.post<TSurveyDetail>('/api/surveys', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['surveys'] }),
  });
}

export function useImportSurvey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: unknown) => api.post<TSurveyDetail>('/api/surveys/import', file),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['surveys'] }),
  });
}

export interface TInvitationStats {
  invited: number;
  sent: number;
  skipped: Record<string, number>;
  opened: number;
  completed: number;
  reminded: number;
  jobs: { id: string; kind: string; status: string }[];
}
export function useInvitationStats(id: string) {
  return useQuery({
    queryKey: ['survey', id, 'invitations'],
    queryFn: () => api.get<TInvitationStats>(`/api/surveys/${id}/invitations`),
    refetchInterval: (q) =>
      q.state.data?.jobs.some((j) => j.status === 'pending' || j.status === 'running')
        ? 2000
        : false,
  });
}

export function useResponses(
  id: string,
  filters: { status?: 'partial' | 'complete'; channel?: string },
) {
  return useInfiniteQuery({
    queryKey: ['survey', id, 'responses', filters],
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      api.get<{ items: TResponse[]; nextCursor: string | null; total?: number }>(
        `/api/surveys/${id}/responses`,
        { ...filters, cursor: pageParam, limit: 50 },
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useSegmentsForInvite() {
  return useQuery({
    queryKey: ['segments'],
    queryFn: () => api.get<{ items: TSegment[] }>('/api/segments').then((r) => r.items),
  });
}

export function useOrgSurveySettings() {
  return useQuery({
    queryKey: ['survey-settings'],
    queryFn: () => api.get<TSurveyOrgSettings>('/api/survey-settings'),
  });
}

export function useSaveOrgSurveySettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TSurveyOrgSettings) => put<TSurveyOrgSettings>('/api/survey-settings', body),
    onSuccess: (s) => qc.setQueryData(['survey-settings'], s),
  });
}

/** A published version's frozen definition (staff entry keys in against it). */
export function useVersion(id: string, version: number | null) {
  return useQuery({
    queryKey: ['survey', id, 'version', version],
    queryFn: () =>
      api.get<{ version: number; definition: TSurveyDefinition }>(
        `/api/surveys/${id}/versions/${version}`,
      ),
    enabled: version !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export interface TBatchResult {
  accepted: number;
  rejected: number;
  results: {
    index: number;
    id: string;
    ok: boolean;
    replay?: boolean;
    error?: { code: string; message: string; details: Record<string, unknown> };
  }[];
}

export function useStaffEntry(id: string) {
  const qc = useQueryClient();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['survey', id, 'responses'] });
    void qc.invalidateQueries({ queryKey: ['surveys'] });
  };
  return {
    one: useMutation({
      mutationFn: (body: TStaffEntry) =>
        api.post<{ id: string; status: string; replay: boolean }>(
          `/api/surveys/${id}/entries`,
          body,
        ),
      onSuccess: refresh,
    }),
    batch: useMutation({
      mutationFn: (items: TStaffEntry[]) =>
        api.post<TBatchResult>(`/api/surveys/${id}/entries/batch`, { items }),
      onSuccess: refresh,
    }),
  };
}

// ------------------------------------------------------------ customers, links, waves, webhooks

/** A registry customer as the survey screens see it: who they are + may we contact them. */
export interface TSurveyCustomer {
  id: string;
  externalId: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  language: 'es' | 'en' | null;
  status: string;
  consentSurvey: boolean;
  unsubscribed: boolean;
  lastContactAt: string | null;
  withinFatigue: boolean;
  contactable: boolean;
}
export interface TSurveyCustomerPage {
  fatigueDays: number;
  items: TSurveyCustomer[];
  nextCursor: string | null;
  total?: number;
}

export function useSurveyCustomers(
  id: string,
  f: { q?: string; segmentId?: string | null; limit?: number },
  enabled = true,
) {
  return useQuery({
    queryKey: ['survey', id, 'customers', f],
    queryFn: () =>
      api.get<TSurveyCustomerPage>(`/api/surveys/${id}/customers`, {
        q: f.q,
        segmentId: f.segmentId ?? undefined,
        limit: f.limit ?? 20,
      }),
    enabled,
    placeholderData: (prev) => prev,
  });
}

/** Every customer of a segment (pages of 200), for personal links. */
export async function segmentCustomers(id: string, segmentId: string, max = 1000) {
  const out: TSurveyCustomer[] = [];
  let cursor: string | undefined;
  do {
    const p = await api.get<TSurveyCustomerPage>(`/api/surveys/${id}/customers`, {
      segmentId,
      limit: 200,
      cursor,
    });
    out.push(...p.items);
    cursor = p.nextCursor ?? undefined;
  } while (cursor && out.length < max);
  return out.slice(0, max);
}

export interface TPersonalLink {
  customerId: string;
  path: string;
  url: string;
  expiresAt: string;
}
export function usePersonalLinks(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { customerIds: string[]; validDays: number }) =>
      api.post<{ items: TPersonalLink[] }>(`/api/surveys/${id}/links`, body).then((r) => r.items),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['survey', id, 'customers'] }),
  });
}

export interface TWave {
  batchId: string;
  startedAt: string;
  invited: number;
  sent: number;
  completed: number;
  reminded: number;
  remindable: number;
  lastRemindedAt: string | null;
}
export function useWaves(id: string, sending = false) {
  return useQuery({
    queryKey: ['survey', id, 'invitations', 'waves'],
    queryFn: () => api.get<{ items: TWave[] }>(`/api/surveys/${id}/invitations/waves`),
    refetchInterval: sending ? 2000 : false,
  });
}
export function useRemindWave(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (batchId: string) =>
      api.post<{ reminded: number; skipped: Record<string, number> }>(
        `/api/surveys/${id}/invitations/waves/${batchId}/remind`,
        {},
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['survey', id, 'invitations'] }),
  });
}

export const WEBHOOK_EVENTS = ['survey.response.completed'] as const;
export interface TWebhookItem {
  id: string;
  url: string;
  surveyId: string | null;
  description: string | null;
  active: boolean;
  events: string[];
  createdAt: string;
  updatedAt: string;
  /** only right after creating or rotating */
  secret?: string;
}
export interface TDelivery {
  id: string;
  event: string;
  responseId: string | null;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}
export interface TWebhookInput {
  url: string;
  surveyId: string | null;
  description: string;
  events: string[];
  active?: boolean;
}

export function useWebhooks() {
  return useQuery({
    queryKey: ['survey-webhooks'],
    queryFn: () => api.get<{ items: TWebhookItem[] }>('/api/survey-webhooks').then((r) => r.items),
  });
}
export function useDeliveries(hookId: string | null) {
  return useQuery({
    queryKey: ['survey-webhooks', hookId, 'deliveries'],
    queryFn: () =>
      api
        .get<{ items: TDelivery[] }>(`/api/survey-webhooks/${hookId}/deliveries`)
        .then((r) => r.items),
    enabled: hookId !== null,
  });
}
export function useWebhookMutations() {
  const qc = useQueryClient();
  const refresh = () => void qc.invalidateQueries({ queryKey: ['survey-webhooks'] });
  return {
    create: useMutation({
      mutationFn: (v: TWebhookInput) => api.post<TWebhookItem>('/api/survey-webhooks', v),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, ...v }: Partial<TWebhookInput> & { id: string }) =>
        api.patch<TWebhookItem>(`/api/survey-webhooks/${id}`, v),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => request('DELETE', `/api/survey-webhooks/${id}`),
      onSuccess: refresh,
    }),
    rotate: useMutation({
      mutationFn: (id: string) =>
        api.post<TWebhookItem>(`/api/survey-webhooks/${id}/rotate-secret`, {}),
      onSuccess: refresh,
    }),
    test: useMutation({
      mutationFn: (id: string) =>
        api.post<{ deliveryId: string; ok: boolean; status: number | null; error: string | null }>(
          `/api/survey-webhooks/${id}/test`,
          {},
        ),
      onSuccess: refresh,
    }),
  };
}
