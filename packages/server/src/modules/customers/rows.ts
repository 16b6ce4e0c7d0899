// Database row <-> API shape for customers.
import type { TCustomer } from '@fidelia/contracts';
import { iso } from '../../lib/iso';

export const CUSTOMER_COLUMNS = `id, external_id, name, email, phone, kind, use_class, tier, status,
  unit_id, internal_unit_id, internal_user_id, language, consent_email, consent_survey,
  stated_needs, real_needs, need_tags, attributes, created_at, updated_at`;

export interface TCustomerRow {
  id: string;
  external_id: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  kind: TCustomer['kind'];
  use_class: TCustomer['useClass'];
  tier: TCustomer['tier'];
  status: TCustomer['status'];
  unit_id: string | null;
  internal_unit_id: string | null;
  internal_user_id: string | null;
  language: TCustomer['language'];
  consent_email: boolean;
  consent_survey: boolean;
  stated_needs: string | null;
  real_needs: string | null;
  need_tags: string[];
  attributes: TCustomer['attributes'];
  created_at: Date | string;
  updated_at: Date | string;
}

export function toCustomer(r: TCustomerRow): TCustomer {
  return {
    id: r.id,
    externalId: r.external_id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    kind: r.kind,
    useClass: r.use_class,
    tier: r.tier,
    status: r.status,
    unitId: r.unit_id,
    internalUnitId: r.internal_unit_id ?? r.internal_user_id,
    language: r.language,
    consentEmail: r.consent_email,
    consentSurvey: r.consent_survey,
    statedNeeds: r.stated_needs,
    realNeeds: r.real_needs,
    needTags: r.need_tags,
    attributes: r.attributes,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}
