// Performance API hooks (response shapes of /api/performance/*; request types from contracts).
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export interface TMetric {
  n: number;
  value: number | null;
  ci95: [number, number] | null;
  enough: boolean;
  min: number;
}

export interface TScorecard {
  subject: { kind: 'unit' | 'staff'; id: string | null; name: string | null };
  period: { from: string; to: string };
  minimums: Record<string, number>;
  surveys: { nps: TMetric; csat: TMetric; servqual: TMetric };
  fieldwork: {
    available: boolean;
    mystery: { score: TMetric; critical: TMetric };
    audit: { score: TMetric; critical: TMetric };
    compliance: TMetric;
    latest: {
      id: string;
      kind: 'audit' | 'mystery';
      unitName: string | null;
      visitedAt: string;
      score: number;
      criticalFailed: boolean;
    }[];
    actions: {
      id: string;
      visitId: string;
      title: string;
      unitName: string;
      critical: boolean;
      status: 'open' | 'done' | 'verified';
      dueOn: string;
      overdue: boolean;
      ownerName: string | null;
    }[];
  };
  complaints: {
    received: number;
    closed: number;
    open: number;
    named: number | null;
    withinSla: TMetric | null;
  };
  compliments: number;
  trend: {
    month: string;
    nps: TMetric;
    csat: TMetric;
    servqual: TMetric;
    mystery: TMetric;
    audit: TMetric;
    complaints: number;
    compliments: number;
  }[];
  compare: {
    kind: 'unit' | 'staff';
    rows: {
      id: string;
      name: string;
      nps: TMetric;
      csat: TMetric;
      mystery: TMetric;
      rank: { nps: number | null; csat: number | null; mystery: number | null };
    }[];
  } | null;
}

export interface TStaff {
  id: string;
  name: string;
  unitId: string | null;
  unitName: string | null;
}

export interface TCompliment {
  id: string;
  unitId: string | null;
  unitName: string | null;
  staffUserId: string | null;
  staffName: string | null;
  customerName: string | null;
  body: string;
  channel: string;
  receivedOn: string;
  source: string;
}

export interface TRule {
  id: string;
  nameEs: string;
  nameEn: string;
  metric: 'mystery_score' | 'audit_score' | 'compliments' | 'nps' | 'csat';
  threshold: number;
  badgeEs: string | null;
  badgeEn: string | null;
  points: number;
  active: boolean;
}

export interface TAward {
  id: string;
  userId: string;
  userName: string | null;
  unitName: string | null;
  period: string;
  source: 'rule' | 'nomination';
  titleEs: string;
  titleEn: string;
  badge: boolean;
  points: number;
  value: number | null;
  n: number | null;
}

export interface TBoard {
  period: string;
  awards: TAward[];
  leaders: { userId: string; userName: string | null; month: number; total: number }[];
}

export interface TNominationItem {
  id: string;
  nomineeId: string;
  nomineeName: string | null;
  nominatedBy: string;
  nominatorName: string | null;
  period: string;
  reason: string;
  points: number;
  status: 'pending' | 'approved' | 'rejected';
}

export const COMPLIMENT_CHANNELS = [
  'in_person',
  'phone',
  'email',
  'web',
  'letter',
  'social',
] as const;
export const RULE_METRICS = ['mystery_score', 'audit_score', 'compliments', 'nps', 'csat'] as const;

export function useScorecard(q: { unitId?: string; userId?: string; from: string; to: string }) {
  return useQuery({
    queryKey: ['performance', 'scorecard', q],
    queryFn: () => api.get<TScorecard>('/api/performance/scorecard', q),
    enabled: q.userId !== '',
  });
}

export function useStaff() {
  return useQuery({
    queryKey: ['performance', 'staff'],
    queryFn: () => api.get<{ items: TStaff[] }>('/api/performance/staff').then((r) => r.items),
    staleTime: 60_000,
  });
}

export function useCompliments(q: { unitId?: string; staffUserId?: string }) {
  return useQuery({
    queryKey: ['performance', 'compliments', q],
    queryFn: () =>
      api
        .get<{ items: TCompliment[] }>('/api/performance/compliments', { ...q, limit: 100 })
        .then((r) => r.items),
  });
}

export function useRules() {
  return useQuery({
    queryKey: ['performance', 'rules'],
    queryFn: () => api.get<{ items: TRule[] }>('/api/performance/rules').then((r) => r.items),
  });
}

export function useBoard(period: string) {
  return useQuery({
    queryKey: ['performance', 'board', period],
    queryFn: () => api.get<TBoard>('/api/performance/board', { period }),
  });
}

export function useNominations() {
  return useQuery({
    queryKey: ['performance', 'nominations'],
    queryFn: () =>
      api.get<{ items: TNominationItem[] }>('/api/performance/nominations').then((r) => r.items),
  });
}

/** YYYY-MM of today and of n months before (UTC). */
export function monthKey(back = 0, now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1))
    .toISOString()
    .slice(0, 7);
}

/** The period of the last `months` months up to today: { from, to } as dates. */
export function lastMonths(months: number, now = new Date()) {
  return { from: `${monthKey(months - 1, now)}-01`, to: now.toISOString().slice(0, 10) };
}
