// Diagnostic API hooks (server: modules/diagnostic). Type-only imports: no zod in the bundle.
import type { TAttribute, TServqualReport } from '@fidelia/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export type TMissing =
  | 'no_customer_survey'
  | 'no_servqual_answers'
  | 'no_manager_survey'
  | 'no_manager_answers'
  | 'no_causes_survey'
  | 'no_causes_answers'
  | 'no_standards'
  | 'no_important_items'
  | 'no_audits'
  | 'no_promises'
  | 'module_unavailable';
export type TEvidence<T> =
  | { status: 'ok'; data: T }
  | { status: 'missing'; missing: TMissing; template: string | null; link: string };
export type TInterval = [number, number] | null;
export interface TGap1 {
  customers: number;
  managers: number;
  items: {
    item: string;
    dimension: string;
    nCustomers: number;
    nManagers: number;
    expectation: number | null;
    prediction: number | null;
    gap: number | null;
    ci95: TInterval;
  }[];
  dimensions: {
    dimension: string;
    expectation: number | null;
    prediction: number | null;
    gap: number | null;
  }[];
  overall: { gap: number | null };
}
export interface TGap2 {
  findings: {
    key: string;
    item: number | null;
    dimension: string | null;
    reason: 'no_standard' | 'weak_standard' | 'target_below_expectation';
    importance: number | null;
    expectation: number | null;
    standard: { code: string; nameEs: string; nameEn: string; promisedLevel: number } | null;
  }[];
  standards: number;
  importantItems: number;
}
export interface TGap3 {
  dimensions: { dimension: string; compliance: number | null; n: number; failing: number }[];
  standards: {
    id: string;
    code: string;
    name: string;
    nameEn: string;
    dimension: string | null;
    n: number;
    met: number;
    compliance: number | null;
    failing: boolean;
  }[];
  observations: number;
}
export interface TVerdict {
  id: string;
  text: string;
  channel: string;
  ownerName: string | null;
  items: { item: number; perception: number | null; gap: number | null; ci95: TInterval }[];
  perception: number | null;
  worstGap: number | null;
  complaints: number;
  notKept: boolean;
  reasons: ('perception_below' | 'complaints')[];
}
export interface TCauses {
  n: number;
  factors: {
    factor: string;
    gap: number;
    items: number;
    n: number;
    mean: number | null;
    sd: number | null;
    ci95: TInterval;
    alpha: number | null;
  }[];
  gaps: { gap: number; score: number | null; weakest: string | null }[];
}
export interface TCandidate {
  key: string;
  gap: number;
  kind: 'gap5' | 'gap1' | 'gap2' | 'gap3' | 'gap4' | 'cause';
  dimension: string | null;
  figures: Record<string, number | string | null>;
  cause: { factor: string; mean: number } | null;
  size: number;
  evidence: number;
  score: number;
}
export interface TSurveyRef {
  id: string;
  name: string;
}
export interface TDiagnostic {
  unit: { id: string; name: string } | null;
  period: { from: string | null; to: string | null };
  surveys: {
    customer: TSurveyRef | null;
    manager: TSurveyRef | null;
    causes: TSurveyRef | null;
    options: { customer: TSurveyRef[]; manager: TSurveyRef[]; causes: TSurveyRef[] };
  };
  gap5: TEvidence<TServqualReport>;
  gap1: TEvidence<TGap1>;
  gap2: TEvidence<TGap2>;
  gap3: TEvidence<TGap3>;
  gap4: TEvidence<{ promises: TVerdict[] }>;
  causes: TEvidence<TCauses>;
  afterSales: TEvidence<{ attributes: TAfterSalesAttribute[] }>;
  triangle: {
    unitId: string | null;
    assessed: number;
    meanScore: number | null;
    orgWide: { assessed: number; meanScore: number | null } | null;
    link: string;
  };
  candidates: TCandidate[];
  servqualItems: TItemText[];
}
export interface TAfterSalesAttribute {
  id: string;
  key: string;
  name: { es: string; en: string };
  dimension: string | null;
  servqualItems: number[];
  standards: {
    id: string;
    code: string;
    name: { es: string; en: string };
    n: number;
    compliance: number | null;
    failing: boolean;
  }[];
  compliance: { n: number; met: number; value: number | null };
  promises: { id: string; text: string; channel: string; notKept: boolean }[];
  complaints: number;
  perception: { item: number; perception: number | null; gap: number | null }[];
  kano: { category: string | null; n: number; surveyId: string } | null;
  insights: { count: number; quotes: { quote: string; theme: string }[] };
  missing: { code: 'no_standard' | 'no_audit' | 'no_customer_measure'; link: string }[];
}
export interface TItemText {
  n: number;
  dimension: string;
  text: { es: string; en: string };
}
export interface TQuery {
  unitId?: string;
  from?: string;
  to?: string;
  customerSurveyId?: string;
  managerSurveyId?: string;
  causesSurveyId?: string;
}

export function useDiagnostic(q: TQuery) {
  return useQuery({
    queryKey: ['diagnostic', q],
    queryFn: () => api.get<TDiagnostic>('/api/diagnostic', { ...q }),
  });
}

export interface TPromise {
  id: string;
  unitId: string | null;
  text: string;
  channel: string;
  validFrom: string | null;
  validTo: string | null;
  servqualItems: number[];
  attributeIds: string[];
  ownerId: string | null;
  ownerName: string | null;
  complaints: number | { id: string; reference: string; subject: string; status: string }[];
}
export type TPromiseDetail = Omit<TPromise, 'complaints'> & {
  complaints: {
    id: string;
    reference: string;
    subject: string;
    status: string;
    receivedAt: string;
  }[];
};

export function usePromises() {
  return useQuery({
    queryKey: ['diagnostic', 'promises'],
    queryFn: () =>
      api.get<{ items: (TPromise & { complaints: number })[]; servqualItems: TItemText[] }>(
        '/api/diagnostic/promises',
      ),
  });
}
export function usePromise(id: string | null) {
  return useQuery({
    queryKey: ['diagnostic', 'promise', id],
    queryFn: () => api.get<TPromiseDetail>(`/api/diagnostic/promises/${id}`),
    enabled: Boolean(id),
  });
}
/** The shared service attribute catalogue (server: modules/standards), for the promise links. */
export function useAttributeCatalogue() {
  return useQuery({
    queryKey: ['diagnostic', 'attributes'],
    queryFn: () =>
      api.get<{ items: TAttribute[] }>('/api/standards/attributes').then((r) => r.items),
    staleTime: 60_000,
  });
}
export function useOwners(enabled = true) {
  return useQuery({
    queryKey: ['diagnostic', 'owners'],
    queryFn: () => api.get<{ items: { id: string; name: string }[] }>('/api/diagnostic/owners'),
    enabled,
  });
}

export function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['diagnostic'] });
}

export function useSavePromise() {
  const inv = useInvalidate();
  return useMutation({
    mutationFn: ({ id, create, body }: { id: string; create: boolean; body: object }) =>
      create
        ? api.post('/api/diagnostic/promises', { id, ...body })
        : api.patch(`/api/diagnostic/promises/${id}`, body),
    onSuccess: inv,
  });
}
export function useDeletePromise() {
  const inv = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.del(`/api/diagnostic/promises/${id}`),
    onSuccess: inv,
  });
}
export function useLinkComplaint(id: string) {
  const inv = useInvalidate();
  return useMutation({
    mutationFn: ({ complaintId, unlink }: { complaintId: string; unlink?: boolean }) =>
      unlink
        ? api.del(`/api/diagnostic/promises/${id}/complaints/${complaintId}`)
        : api.post(`/api/diagnostic/promises/${id}/complaints`, { complaintId }),
    onSuccess: inv,
  });
}
export function useComplaintSearch(q: string) {
  return useQuery({
    queryKey: ['diagnostic', 'complaint-search', q],
    queryFn: () =>
      api.get<{ items: { id: string; reference: string; subject: string }[] }>('/api/complaints', {
        q: q || undefined,
        limit: 20,
      }),
  });
}

export interface TAction {
  id: string;
  unitId: string | null;
  unitName: string | null;
  gap: number;
  dimension: string | null;
  title: string;
  detail: string;
  score: number;
  baselineGap: number | null;
  ownerId: string | null;
  ownerName: string | null;
  dueOn: string | null;
  status: 'open' | 'in_progress' | 'done' | 'dropped';
  closedAt: string | null;
  after: { gap: number | null; n: number; from: string } | null;
}
export function useActions(unitId?: string) {
  return useQuery({
    queryKey: ['diagnostic', 'actions', unitId ?? null],
    queryFn: () => api.get<{ items: TAction[] }>('/api/diagnostic/actions', { unitId }),
  });
}
export function useCreateAction() {
  const inv = useInvalidate();
  return useMutation({
    mutationFn: (b: object) => api.post<TAction>('/api/diagnostic/actions', b),
    onSuccess: inv,
  });
}
export function usePatchAction() {
  const inv = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...b }: { id: string } & Record<string, unknown>) =>
      api.patch<TAction>(`/api/diagnostic/actions/${id}`, b),
    onSuccess: inv,
  });
}
