// Panels API hooks and shapes (type-only imports: no zod in the bundle).
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export interface TPanel {
  id: string;
  name: string;
  description: string;
  kind: string;
  signupSlug: string | null;
  consentText: string;
  fatigueDays: number;
  createdAt: string;
  members: number;
  activeMembers: number;
  sessions: number;
}
export interface TMember {
  panelId: string;
  id: string;
  customerId: string | null;
  name: string;
  email: string | null;
  kind: string;
  segment: string | null;
  useClass: string | null;
  tier: string | null;
  demographics: Record<string, string>;
  source: string;
  status: string;
  consentAt: string | null;
  withdrawnAt: string | null;
  lastContactedAt: string | null;
  history: { invited: number; attended: number; incentives: number; surveysAnswered: number };
}
export interface TMemberDetail extends TMember {
  surveysAnswered: {
    responseId: string;
    surveyId: string;
    surveyName: string;
    answeredAt: string;
  }[];
  sessions: {
    id: string;
    kind: 'focus_group' | 'interview';
    topic: string;
    startsAt: string;
    rsvp: 'pending' | 'yes' | 'no' | null;
    attended: boolean;
  }[];
  incentives: TIncentives['items'];
}
export interface TQuota {
  field: string;
  value: string;
  target: number;
}
export interface TFill extends TQuota {
  filled: number;
  available: number;
}
export interface TSamplePreview {
  id?: string;
  seed: number;
  size: number;
  eligible: number;
  fatigueDays: number;
  excluded: { fatigue: number; fatigueSurvey: number; fatiguePanel: number; notActive: number };
  fill: TFill[];
  members: TMember[];
}
export interface TSample {
  id: string;
  seed: number;
  size: number;
  fill: TFill[];
  memberIds: string[];
  createdAt: string;
}
export interface TGuideItem {
  text: string;
  needId?: string | null;
  attributeId?: string | null;
  servqualItem?: number | null;
}
export interface TSession {
  id: string;
  panelId: string;
  kind: 'focus_group' | 'interview';
  topic: string;
  guide: TGuideItem[];
  startsAt: string;
  place: string;
  videoUrl: string;
  recording: boolean;
  counts: { invited: number; yes: number; attended: number; insights: number };
}
export interface TInsight {
  id: string;
  memberId: string | null;
  memberName: string | null;
  theme: string;
  quote: string;
  segment: string | null;
  needId: string | null;
  needKind: string | null;
  attributeId: string | null;
  gap: number | null;
  createdAt: string;
  topic?: string;
  sessionAt?: string;
}
export interface TSessionDetail extends TSession {
  panelName: string;
  invites: {
    memberId: string;
    name: string;
    email: string | null;
    memberStatus: string;
    segment: string | null;
    rsvp: 'pending' | 'yes' | 'no';
    attended: boolean;
    recordingConsent: boolean;
  }[];
  notes: {
    id: string;
    kind: 'typed' | 'transcript';
    fileName: string | null;
    body: string;
    themes: string[];
    createdAt: string;
  }[];
  insights: TInsight[];
}
export interface TThemes {
  total: number;
  items: {
    theme: string;
    count: number;
    sessions: number;
    segments: { segment: string | null; count: number }[];
    quotes: TInsight[];
  }[];
}
export interface TIncentives {
  items: {
    id: string;
    memberId: string;
    memberName: string;
    sessionTopic: string | null;
    kind: 'points' | 'voucher';
    amount: number;
    note: string;
    createdAt: string;
  }[];
  totals: { points: number; voucher: number };
}
export interface TQuoteRef {
  quote: string;
  theme: string;
  segment: string | null;
  sessionAt: string;
  topic: string;
}
export interface TInsightLinks {
  needs: {
    id: string;
    text: string | null;
    kind: string | null;
    segment: string | null;
    count: number;
    quotes: TQuoteRef[];
  }[];
  attributes: {
    id: string;
    nameEs: string | null;
    nameEn: string | null;
    count: number;
    quotes: TQuoteRef[];
  }[];
}
export interface TNeed {
  id: string;
  text: string;
  kind: string;
  segment: string;
}

export const usePanels = () =>
  useQuery({ queryKey: ['panels'], queryFn: () => api.get<{ items: TPanel[] }>('/api/panels') });
export const usePanel = (id: string) =>
  useQuery({ queryKey: ['panels', id], queryFn: () => api.get<TPanel>(`/api/panels/${id}`) });
export const useMembers = (id: string) =>
  useQuery({
    queryKey: ['panels', id, 'members'],
    queryFn: () => api.get<{ items: TMember[] }>(`/api/panels/${id}/members`),
  });
export const useMember = (id: string) =>
  useQuery({
    queryKey: ['panel-member', id],
    queryFn: () => api.get<TMemberDetail>(`/api/panel-members/${id}`),
  });
export const useSamples = (id: string) =>
  useQuery({
    queryKey: ['panels', id, 'samples'],
    queryFn: () => api.get<{ items: TSample[] }>(`/api/panels/${id}/samples`),
  });
export const useSessions = (id: string) =>
  useQuery({
    queryKey: ['panels', id, 'sessions'],
    queryFn: () => api.get<{ items: TSession[] }>(`/api/panels/${id}/sessions`),
  });
export const useSession = (id: string) =>
  useQuery({
    queryKey: ['panel-session', id],
    queryFn: () => api.get<TSessionDetail>(`/api/panel-sessions/${id}`),
  });
export const useThemes = (panelId?: string) =>
  useQuery({
    queryKey: ['panels', panelId ?? 'all', 'themes'],
    queryFn: () => api.get<TThemes>('/api/panels/themes', panelId ? { panelId } : {}),
  });
export const useIncentives = (id: string) =>
  useQuery({
    queryKey: ['panels', id, 'incentives'],
    queryFn: () => api.get<TIncentives>(`/api/panels/${id}/incentives`),
  });
export const useInsightLinks = () =>
  useQuery({
    queryKey: ['panels', 'insight-links'],
    queryFn: () => api.get<TInsightLinks>('/api/panels/insight-links'),
  });
