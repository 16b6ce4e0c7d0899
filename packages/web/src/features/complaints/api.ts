// Complaints API hooks (cases: server modules/complaints/routes.ts; SLA: complaints/sla/routes.ts).
import type { TComplaintStatus, TStaffComplaint, TTransition } from '@fidelia/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export interface TCaseRow {
  id: string;
  reference: string;
  channel: string;
  status: TComplaintStatus;
  subject: string;
  description: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  contactName: string | null;
  contactEmail: string | null;
  assigneeId: string | null;
  unitId: string | null;
  waitingSince: string | null;
  receivedAt: string;
  form: 'complaint' | 'unexpressed' | 'avoidable' | 'trivial';
  customerId: string | null;
  contactPhone: string | null;
  categoryId: string | null;
  servqualDimension: string | null;
  serviceAttribute: string | null;
  /** the shared catalogue's attribute (standards) the case cites */
  serviceAttributeId?: string | null;
  serviceAttributeName?: { id: string; key: string; es: string; en: string } | null;
  /** next SLA due instant (earliest unmet target) */
  dueAt: string | null;
  /** list only: names of the linked customer record and of the assignee */
  customerName?: string | null;
  assigneeName?: string | null;
}
export interface TAttachmentRow {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  scanStatus: 'clean' | 'unscanned';
  createdAt: string;
}
export interface TCustomerCard {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
}
export interface TEventRow {
  id: string;
  at: string;
  actorLabel: string;
  kind: string;
  visibility: 'internal' | 'customer';
  fromStatus: string | null;
  toStatus: string | null;
  body: string | null;
  data: Record<string, unknown>;
}
export interface TCaseDetail extends TCaseRow {
  allowedTransitions: TComplaintStatus[];
  events: TEventRow[];
  staffInvolved: string[];
  excludedAgents: string[];
  rating: number | null;
  ratingComment: string | null;
  ratedAt: string | null;
  language: 'es' | 'en';
  remedySought: string[];
  attachments: TAttachmentRow[];
  customer: TCustomerCard | null;
  /** an unlinked case whose e-mail matches this customer: the agent confirms or dismisses */
  customerSuggestion: { id: string; name: string; email: string | null } | null;
}
/** Why an agent cannot take the case (server: complaints/assign.ts). */
export type TExclusion = 'involved' | 'conflict' | 'manager';
export interface TAssignment {
  strategy: 'round_robin' | 'least_loaded';
  excludeManagers: boolean;
  assigneeId: string | null;
  staffInvolved: string[];
  excludedAgents: string[];
  candidates: { id: string; name: string; email: string; load: number }[];
  excluded: { userId: string; reason: TExclusion }[];
  people: { id: string; name: string; email: string; active: boolean }[];
}
export interface TStaffMember {
  id: string;
  name: string;
  email: string;
  role: string;
  unitId: string | null;
}
export type TSlaState = 'running' | 'warning' | 'paused' | 'breached' | 'met' | 'met_late';
export interface TSlaTarget {
  target: 'first_response' | 'update' | 'resolution';
  targetMinutes: number;
  dueAt: string | null;
  metAt: string | null;
  status: TSlaState;
  breached: boolean;
  remainingMinutes: number | null;
  elapsedMinutes: number;
}
export interface TSlaStatus {
  timeZone: string;
  paused: boolean;
  breached: boolean;
  targets: TSlaTarget[];
}
export interface TBadge {
  caseId: string;
  status: 'breached' | 'warning' | 'paused' | 'running' | 'met';
  target: string | null;
  dueAt: string | null;
}

/** Roles the server lets act on cases (complaints/routes.ts STAFF); viewers only read. */
export const canActOnCases = (role: string | undefined) =>
  role === 'owner' || role === 'admin' || role === 'analyst' || role === 'agent';

/** The list's URL parameters, sent as they are (server: ZComplaintListQuerySchema). */
export type TListParams = Record<string, string>;

export function useCases(q: TListParams) {
  return useQuery({
    queryKey: ['complaints', q],
    placeholderData: (prev) => prev,
    queryFn: () =>
      api.get<{ items: TCaseRow[]; total: number }>('/api/complaints', { limit: 50, ...q }),
  });
}

export interface TSavedView {
  id: string;
  name: string;
  query: Record<string, string>;
}
export function useSavedViews() {
  const qc = useQueryClient();
  const key = ['complaints', 'views'];
  const done = () => qc.invalidateQueries({ queryKey: key });
  return {
    list: useQuery({
      queryKey: key,
      queryFn: () => api.get<TSavedView[]>('/api/complaints/views'),
    }),
    save: useMutation({
      mutationFn: (v: { name: string; query: Record<string, string> }) =>
        api.post<TSavedView>('/api/complaints/views', v),
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api.del(`/api/complaints/views/${id}`),
      onSuccess: done,
    }),
  };
}

export function useBadges(ids: string[]) {
  return useQuery({
    queryKey: ['complaints', 'badges', ids],
    enabled: ids.length > 0,
    queryFn: () =>
      api
        .get<{ badges: TBadge[] }>('/api/complaints/sla/badges', { ids: ids.join(',') })
        .then((r) => new Map(r.badges.map((b) => [b.caseId, b]))),
  });
}

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: ['complaint', id],
    enabled: Boolean(id),
    queryFn: () => api.get<TCaseDetail>(`/api/complaints/${id}`),
  });
}

export function useSla(id: string | undefined) {
  return useQuery({
    queryKey: ['complaint', id, 'sla'],
    enabled: Boolean(id),
    queryFn: () => api.get<TSlaStatus>(`/api/complaints/${id}/sla`),
  });
}

export function useAssignment(id: string) {
  return useQuery({
    queryKey: ['complaint', id, 'assignment'],
    queryFn: () => api.get<TAssignment>(`/api/complaints/${id}/assignment`),
  });
}

/** The org's active staff (to name the people a complaint is about); staff roles only. */
export function useStaff(enabled: boolean) {
  return useQuery({
    queryKey: ['complaints', 'staff'],
    enabled,
    staleTime: 60_000,
    queryFn: () => api.get<TStaffMember[]>('/api/complaints/staff'),
  });
}

export function useCaseActions(id: string) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: ['complaint', id] });
  return {
    transition: useMutation({
      mutationFn: (b: TTransition) => api.post(`/api/complaints/${id}/transition`, b),
      onSuccess: done,
    }),
    note: useMutation({
      mutationFn: (b: {
        body: string;
        visibility: 'internal' | 'customer';
        awaitReply?: boolean;
      }) => api.post(`/api/complaints/${id}/notes`, b),
      onSuccess: done,
    }),
    /** without userId: by the org's strategy (round robin / least loaded) */
    assign: useMutation({
      mutationFn: (userId: string | undefined) =>
        api.post<TCaseRow>(`/api/complaints/${id}/assign`, userId ? { userId } : {}),
      onSuccess: done,
    }),
    conflict: useMutation({
      mutationFn: (reason: string) =>
        api.post<TCaseRow>(`/api/complaints/${id}/conflict`, { reason }),
      onSuccess: done,
    }),
    /** classification corrected in place (PATCH; audited in the case history) */
    classify: useMutation({
      mutationFn: (b: Record<string, unknown>) => api.patch<TCaseRow>(`/api/complaints/${id}`, b),
      onSuccess: done,
    }),
    customerMatch: useMutation({
      mutationFn: (b: { customerId: string; link: boolean }) =>
        api.post<TCaseRow>(`/api/complaints/${id}/customer-match`, b),
      onSuccess: done,
    }),
    staffInvolved: useMutation({
      mutationFn: (staffInvolved: string[]) =>
        api.patch<TCaseRow>(`/api/complaints/${id}`, { staffInvolved }),
      onSuccess: done,
    }),
    respond: useMutation({
      mutationFn: (b: { body: string }) =>
        api.post(`/api/complaints/${id}/response`, { body: b.body, remedies: [] }),
      onSuccess: done,
    }),
  };
}

export function useCreateCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: Partial<TStaffComplaint>) => api.post<{ id: string }>('/api/complaints', b),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['complaints'] }),
  });
}

export interface TCompliance {
  figures: {
    target: string;
    severity: string | null;
    total: number;
    met: number;
    metLate: number;
    breachedOpen: number;
    pending: number;
    paused: number;
    compliance: number | null;
  }[];
}
export function useCompliance() {
  return useQuery({
    queryKey: ['complaints', 'compliance'],
    queryFn: () => api.get<TCompliance>('/api/complaints/sla/compliance'),
  });
}
