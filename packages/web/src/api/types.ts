// Shapes of the HTTP API (see the agreed API doc). Kept local until @fidelia/contracts exports
// the zod schemas; then these become re-exports of the inferred types.
export type TRole = 'owner' | 'admin' | 'analyst' | 'agent' | 'viewer';
export type TLocale = 'es' | 'en';

export interface TMe {
  id: string;
  email: string;
  name: string;
  role: TRole;
  orgId: string;
  orgName: string;
  unitId: string | null;
  locale: TLocale;
}

export type TUnitKind = 'company' | 'region' | 'branch' | 'team';
export interface TOrgUnit {
  id: string;
  parentId: string | null;
  name: string;
  kind: TUnitKind;
}

export type TCustomerKind = 'external' | 'internal' | 'user';
export type TUseClass = 'processor' | 'merchant' | 'end_user' | 'public';
export type TTier = 'A' | 'B' | 'C';
export type TCustomerStatus = 'active' | 'inactive' | 'lost' | 'erased';
export type TAttrValue = string | number | boolean | null;

export interface TCustomer {
  id: string;
  externalId: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  kind: TCustomerKind;
  useClass: TUseClass | null;
  tier: TTier | null;
  status: TCustomerStatus;
  unitId: string | null;
  internalUnitId: string | null;
  language: TLocale | null;
  consentEmail: boolean;
  consentSurvey: boolean;
  statedNeeds: string | null;
  realNeeds: string | null;
  needTags: string[];
  attributes: Record<string, TAttrValue>;
  createdAt: string;
  updatedAt: string;
}

export interface TPage<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

export interface TTimelineItem {
  at: string;
  type: string;
  summary: string;
  data: unknown;
}

export interface TCustomerFilters {
  q?: string;
  kind?: TCustomerKind;
  status?: TCustomerStatus;
  tier?: TTier;
  unitId?: string;
  sort?: string;
}

export interface TSegment {
  id: string;
  name: string;
  filters: TCustomerFilters;
}

export interface TImportPreview {
  id: string;
  fileName: string;
  encoding: string;
  warnings: string[];
  headers: string[];
  sampleRows: string[][];
  suggestedMapping: Record<string, string | null>;
}

export interface TImportStatus {
  id: string;
  status: 'uploaded' | 'queued' | 'running' | 'done' | 'failed';
  dryRun: boolean;
  total: number;
  processed: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: string[];
  error: string | null;
}

export interface TUser {
  id: string;
  email: string;
  name: string;
  role: TRole;
  unitId: string | null;
  active: boolean;
}

export interface TApiToken {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface TAuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  changes: unknown;
}
