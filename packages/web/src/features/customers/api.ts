import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  TCustomer,
  TCustomerFilters,
  TCustomField,
  TPage,
  TSegment,
  TTimelinePage,
} from '../../api/types';

export { pick } from '../../ui/pick';

export const KINDS = ['external', 'internal', 'user'] as const;
export const STATUSES = ['active', 'inactive', 'lost', 'erased'] as const;
export const TIERS = ['A', 'B', 'C'] as const;
export const USE_CLASSES = ['processor', 'merchant', 'end_user', 'public'] as const;
export const SORTS = [
  'name',
  '-name',
  '-createdAt',
  'createdAt',
  '-updatedAt',
  'updatedAt',
] as const;

export function useCustomerList(filters: TCustomerFilters & { segmentId?: string }) {
  return useInfiniteQuery({
    queryKey: ['customers', filters],
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      api.get<TPage<TCustomer>>('/api/customers', { ...filters, cursor: pageParam, limit: 50 }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCustomer(id: string | undefined) {
  return useQuery({
    queryKey: ['customer', id],
    queryFn: () => api.get<TCustomer>(`/api/customers/${id}`),
    enabled: Boolean(id),
  });
}

/** The customer timeline, newest first, 30 entries a page (keyset cursor from the server). */
export function useTimeline(id: string) {
  return useInfiniteQuery({
    queryKey: ['customer', id, 'timeline'],
    initialPageParam: '',
    queryFn: ({ pageParam }) =>
      api.get<TTimelinePage>(`/api/customers/${id}/timeline`, {
        limit: 30,
        ...(pageParam ? { before: pageParam } : {}),
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useSegments() {
  return useQuery({
    queryKey: ['segments'],
    queryFn: () => api.get<{ items: TSegment[] }>('/api/segments').then((r) => r.items),
  });
}

/** Filters as query parameters for the list and the export endpoints. */
export function filterQuery(f: TCustomerFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (typeof v === 'string' && v) out[k] = v;
  return out;
}

export function useCustomerFields() {
  return useQuery({
    queryKey: ['customer-fields'],
    queryFn: () => api.get<{ items: TCustomField[] }>('/api/customer-fields').then((r) => r.items),
    staleTime: 60_000,
  });
}
