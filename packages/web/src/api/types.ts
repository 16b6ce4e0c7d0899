// Shapes of the HTTP API (see the agreed API doc). Auth/admin shapes are local until
// @fidelia/contracts exports them.
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

// Customer registry types come from the shared contracts (type-only: no zod in the bundle).
import type { TCustomerFilters as TContractFilters, TCustomerSort } from '@fidelia/contracts';

export type {
  TAttrValue,
  TCustomer,
  TCustomerKind,
  TCustomerStatus,
  TCustomField,
  TImportPreview,
  TImportStatus,
  TSegment,
  TTier,
  TTimelineItem,
  TUseClass,
} from '@fidelia/contracts';

export interface TPage<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

/** List/export filters as the page holds them (segmentId is sent separately). */
export type TCustomerFilters = Omit<TContractFilters, 'segmentId'> & { sort?: TCustomerSort };

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
