// Strategy workspace API hooks (types from the shared contracts, type-only: no zod in the bundle).
import type {
  TEvidenceLink,
  TMatrix,
  TMatrixAttribute,
  TNeed,
  TOrientationAnswer,
  TTriangleEdge,
  TTriangleUpdate,
  TValueModel,
  TValueModelPut,
} from '@fidelia/contracts';
import { useQuery } from '@tanstack/react-query';
import { api, request } from '../../api/client';

export type {
  TEvidenceLink,
  TMatrix,
  TMatrixAttribute,
  TNeed,
  TOrientationAnswer,
  TTriangleEdge,
  TValueModel,
  TValueModelPut,
};

export const RELATIONS = [
  'customer_strategy',
  'customer_systems',
  'customer_people',
  'people_systems',
  'strategy_systems',
  'strategy_people',
] as const;
export const QUESTIONS = [
  'who',
  'needs',
  'service',
  'expectations',
  'meets',
  'process',
  'improve',
  'use',
  'help',
] as const;
export const ATTRIBUTE_TYPES = ['basic', 'expected', 'desired', 'unexpected'] as const;
export const BENEFIT_KINDS = ['functional', 'emotional', 'economic'] as const;

async function put<T>(path: string, body: unknown): Promise<T> {
  const res = await request('PUT', path, body);
  return (await res.json()) as T;
}

const unitQs = (unitId: string | null) => (unitId ? `?unitId=${encodeURIComponent(unitId)}` : '');
/** The triangle of a unit (null = the whole organisation). */
export function useTriangle(unitId: string | null) {
  return useQuery({
    queryKey: ['strategy', 'triangle', unitId ?? ''],
    queryFn: () =>
      api.get<{ unitId: string | null; items: TTriangleEdge[] }>(
        `/api/strategy/triangle${unitQs(unitId)}`,
      ),
  });
}
export interface TTriangleUnit {
  unitId: string;
  name: string;
  kind: string;
  parentId: string | null;
  assessed: number;
  meanScore: number | null;
}
export function useTriangleUnits() {
  return useQuery({
    queryKey: ['strategy', 'triangle', 'units'],
    queryFn: () =>
      api.get<{ orgWide: { writable: boolean }; items: TTriangleUnit[] }>(
        '/api/strategy/triangle/units',
      ),
  });
}
export const saveTriangle = (relation: string, body: TTriangleUpdate, unitId: string | null) =>
  put<TTriangleEdge>(`/api/strategy/triangle/${relation}${unitQs(unitId)}`, body);

export function useValueModels() {
  return useQuery({
    queryKey: ['strategy', 'value-models'],
    queryFn: () => api.get<{ items: TValueModel[] }>('/api/strategy/value-models'),
  });
}
export const saveValueModel = (id: string, body: TValueModelPut, isNew: boolean) =>
  isNew
    ? api.post<TValueModel>('/api/strategy/value-models', { id, ...body })
    : put<TValueModel>(`/api/strategy/value-models/${id}`, body);
export const deleteValueModel = (id: string) => api.del(`/api/strategy/value-models/${id}`);

export function useSegments() {
  return useQuery({
    queryKey: ['strategy', 'segments'],
    queryFn: () => api.get<{ items: { name: string; saved: boolean }[] }>('/api/strategy/segments'),
  });
}

export function useMatrix(segment: string | null, kanoSurveyId: string | null) {
  return useQuery({
    queryKey: ['strategy', 'matrix', segment, kanoSurveyId],
    queryFn: () =>
      api.get<TMatrix>('/api/strategy/matrix', {
        segment: segment ?? undefined,
        kanoSurveyId: kanoSurveyId ?? undefined,
      }),
  });
}
export const createNeed = (body: Omit<TNeed, 'importance'> & { importance: number }) =>
  api.post<TNeed>('/api/strategy/needs', body);
export const patchNeed = (id: string, body: Partial<TNeed>) =>
  api.patch<TNeed>(`/api/strategy/needs/${id}`, body);
export const deleteNeed = (id: string) => api.del(`/api/strategy/needs/${id}`);
export const setLink = (needId: string, attributeId: string, strength: number) =>
  put(`/api/strategy/needs/${needId}/links`, { attributeId, strength });
export const setAttributeType = (attributeId: string, type: string | null) =>
  put(`/api/strategy/attribute-types/${attributeId}`, { type });

export function useOrientation(segment: string | null) {
  return useQuery({
    queryKey: ['strategy', 'orientation', segment],
    enabled: Boolean(segment),
    queryFn: () =>
      api.get<{ items: TOrientationAnswer[] }>('/api/strategy/orientation', {
        segment: segment ?? '',
      }),
  });
}
export const saveOrientation = (
  question: string,
  body: { segment: string; answer: string; evidence: TEvidenceLink[] },
) => put<TOrientationAnswer>(`/api/strategy/orientation/${question}`, body);

export function useSurveyOptions(template: string) {
  return useQuery({
    queryKey: ['strategy', 'surveys', template],
    queryFn: async () => {
      const r = await api.get<{ items: { id: string; name: string; template: string | null }[] }>(
        '/api/surveys',
      );
      return r.items.filter((s) => s.template === template);
    },
  });
}
