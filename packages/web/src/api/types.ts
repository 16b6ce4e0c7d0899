// Shapes of the HTTP API, from the shared contracts (type-only imports: no zod in the bundle).
export type {
  TApiToken,
  TAuditEntry,
  TLocale,
  TMe,
  TOrgUnit,
  TRole,
  TUser,
} from '@fidelia/contracts';

import type { TOrgUnit } from '@fidelia/contracts';

export type TUnitKind = TOrgUnit['kind'];

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
  TTimelineLink,
  TTimelinePage,
  TUseClass,
} from '@fidelia/contracts';

export interface TPage<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

/** List/export filters as the page holds them (segmentId is sent separately). */
export type TCustomerFilters = Omit<TContractFilters, 'segmentId'> & { sort?: TCustomerSort };
