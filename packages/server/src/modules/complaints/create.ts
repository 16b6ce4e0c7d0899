// Case creation (every channel ends here): classification checks, reference, auto-assignment.
import { randomBytes } from 'node:crypto';
import type { TClassification } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import { AppError } from '../../lib/errors';
import { unitExists } from '../orgs/service';
import { storeAttachments, type TUpload } from './attachments';
import * as repo from './repo';
import * as cfg from './repo-config';
import './errors';
import { autoAssign } from './assignment';
import { type Actor, emit, mail, systemActor } from './events';
import { resolveServiceAttribute } from './service-attribute';

// --------------------------------------------------------------------------- creation

export interface TNewCase {
  channel: 'web' | 'counter' | 'phone' | 'email' | 'survey' | 'retention';
  form?: string | undefined;
  subject: string;
  description: string;
  language?: 'es' | 'en' | undefined;
  categoryId?: string | null | undefined;
  servqualDimension?: string | null | undefined;
  serviceAttribute?: string | null | undefined;
  /** the catalogue attribute (wins over serviceAttribute, which may be a key or free text) */
  serviceAttributeId?: string | null | undefined;
  severity?: string | undefined;
  remedySought?: string[] | undefined;
  customerId?: string | null | undefined;
  contactName?: string | null | undefined;
  contactEmail?: string | null | undefined;
  contactPhone?: string | null | undefined;
  unitId?: string | null | undefined;
  staffInvolved?: string[] | undefined;
  sourceRef?: string | null | undefined;
  receivedAt?: Date | undefined;
  attachments?: TUpload[] | undefined;
  /** false: no acknowledgement mail (demo data, imports of old cases) */
  notify?: boolean;
}

export interface TCreated {
  case: repo.TCase;
  created: boolean;
  token: string | null;
}

export async function checkRefs(db: Sql, orgId: string, v: TClassification) {
  if (v.categoryId) {
    const cat = await cfg.getCategory(db, orgId, v.categoryId);
    if (cat?.tree !== 'category') throw new AppError('COMPLAINT_CATEGORY_INVALID');
  }
  if (v.unitId && !(await unitExists(db, orgId, v.unitId))) {
    throw new AppError('COMPLAINT_UNIT_INVALID');
  }
  if (v.staffInvolved?.length) {
    const found = await cfg.staffByIds(db, orgId, v.staffInvolved);
    if (found.length !== new Set(v.staffInvolved).size)
      throw new AppError('COMPLAINT_STAFF_INVALID');
  }
  if (v.customerId && !(await cfg.customerById(db, orgId, v.customerId))) {
    throw new AppError('COMPLAINT_CUSTOMER_INVALID');
  }
}

export const formatReference = (year: number, n: number) =>
  `RC-${year}-${String(n).padStart(6, '0')}`;

/**
 * Opens a case (every channel). Idempotent on (channel, sourceRef): a second call returns the
 * existing case with created=false. Assigns impartially when the unit is known, queues the
 * acknowledgement mail, and emits 'created' — all in one transaction.
 */
export async function createCase(db: Sql, actor: Actor, v: TNewCase): Promise<TCreated> {
  const orgId = actor.orgId;
  return db.transaction(async (tx) => {
    if (v.sourceRef) {
      const prev = await cfg_findSource(tx, orgId, v.channel, v.sourceRef);
      if (prev) return { case: prev, created: false, token: null };
    }
    await checkRefs(tx, orgId, {
      categoryId: v.categoryId,
      unitId: v.unitId,
      staffInvolved: v.staffInvolved,
      customerId: v.customerId,
    });
    const customerId = v.customerId ?? null;
    let language = v.language;
    let email = v.contactEmail ?? null;
    let name = v.contactName ?? null;
    // An e-mail that matches a customer is only SUGGESTED on the case page (getCaseDetail):
    // anyone can type any address into the public form, so it never links a case by itself.
    if (customerId) {
      const cu = await cfg.customerById(tx, orgId, customerId);
      email ??= cu?.email ?? null;
      name ??= cu?.name ?? null;
      language ??= (cu?.language as 'es' | 'en' | null) ?? undefined;
    }
    const attr = await resolveServiceAttribute(tx, orgId, v);
    const received = v.receivedAt ?? new Date();
    const settings = await repo.getSettings(tx, orgId);
    const n = await repo.nextNumber(tx, orgId, received.getUTCFullYear());
    const token = randomBytes(24).toString('base64url');
    const id = await repo.insertCase(tx, orgId, {
      reference: formatReference(received.getUTCFullYear(), n),
      channel: v.channel,
      form: v.form ?? (v.channel === 'survey' ? 'unexpressed' : 'complaint'),
      subject: v.subject,
      description: v.description,
      language: language ?? 'es',
      categoryId: v.categoryId ?? null,
      servqualDimension: v.servqualDimension ?? null,
      serviceAttribute: attr?.text ?? null,
      serviceAttributeId: attr?.id ?? null,
      severity: v.severity ?? 'medium',
      remedySought: v.remedySought ?? [],
      customerId,
      contactName: name,
      contactEmail: email,
      contactPhone: v.contactPhone ?? null,
      unitId: v.unitId ?? null,
      staffInvolved: [...new Set(v.staffInvolved ?? [])],
      sourceRef: v.sourceRef ?? null,
      customerToken: token,
      expectedResponseBy: new Date(received.getTime() + settings.responseDays * 86_400_000),
      createdBy: actor.userId,
      receivedAt: v.receivedAt ?? null,
    });
    if (!id) {
      const prev = await cfg_findSource(tx, orgId, v.channel, v.sourceRef ?? '');
      if (!prev) throw new AppError('CONFLICT');
      return { case: prev, created: false, token: null };
    }
    const ev = await repo.insertEvent(tx, orgId, id, {
      actorId: actor.userId,
      actorLabel: actor.label,
      kind: 'created',
      visibility: 'customer',
      toStatus: 'received',
      data: { channel: v.channel },
    });
    if (v.attachments?.length) await storeAttachments(tx, orgId, id, ev.id, v.attachments);
    let c = (await repo.getCase(tx, orgId, id)) as repo.TCase;
    if (c.unitId) await autoAssign(tx, systemActor(orgId), c, false);
    if (v.notify !== false) await mail(tx, c, orgId, 'ack');
    await emit(tx, orgId, id, 'created', ev);
    c = (await repo.getCase(tx, orgId, id)) as repo.TCase;
    return { case: c, created: true, token };
  });
}

export async function cfg_findSource(db: Sql, orgId: string, channel: string, ref: string) {
  const c = await repo.findBy(db, orgId, 'source_ref', ref);
  return c && c.channel === channel ? c : null;
}
