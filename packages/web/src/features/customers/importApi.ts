import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { TImportStatus } from '../../api/types';

/** Fields an import column can map to (server names); custom fields are `attr:<key>`
// (same list as IMPORT_TARGETS in @fidelia/contracts, copied so zod stays out of the bundle). */
export const IMPORT_TARGETS = [
  'externalId',
  'name',
  'email',
  'phone',
  'kind',
  'useClass',
  'tier',
  'status',
  'unitId',
  'language',
  'consentEmail',
  'consentSurvey',
  'statedNeeds',
  'realNeeds',
  'needTags',
] as const;

const ACTIVE = new Set(['uploaded', 'queued', 'running']);

/** Polls an import job every second while it is queued or running. */
export function useImportStatus(id: string | null, runKey: number) {
  return useQuery({
    queryKey: ['customer-import', id, runKey],
    queryFn: () => api.get<TImportStatus>(`/api/customer-imports/${id}`),
    enabled: Boolean(id) && runKey > 0,
    refetchInterval: (q) => (q.state.data && !ACTIVE.has(q.state.data.status) ? false : 1000),
  });
}

export function isFinished(s: TImportStatus | undefined): boolean {
  return Boolean(s && !ACTIVE.has(s.status));
}
