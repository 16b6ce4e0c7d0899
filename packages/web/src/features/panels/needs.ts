// Customer needs from the strategy workspace (stated / real), for linking guide questions and
// insights. Empty when the strategy module is not there.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { TNeed } from './api';

export const useNeeds = () =>
  useQuery({
    queryKey: ['panels', 'needs'],
    queryFn: () =>
      api
        .get<{ items: TNeed[] }>('/api/strategy/needs')
        .then((r) => r.items)
        .catch(() => [] as TNeed[]),
  });

export interface TAttribute {
  id: string;
  key: string;
  nameEs: string;
  nameEn: string;
}

/** The shared service attribute catalogue (standards module); empty when it is not there. */
export const useAttributes = () =>
  useQuery({
    queryKey: ['panels', 'attributes'],
    queryFn: () =>
      api
        .get<{ items: TAttribute[] }>('/api/standards/attributes')
        .then((r) => r.items)
        .catch(() => [] as TAttribute[]),
  });
