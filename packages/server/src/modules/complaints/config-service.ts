// Complaint configuration: the editable category and cause trees, org settings (assignment
// strategy, expected response time, recourse text), unit managers, and the public form's data.
import QRCode from 'qrcode';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { audit } from '../audit/service';
import { unitExists } from '../orgs/service';
import { orgBySlug } from './intake';
import * as repo from './repo';
import * as cfg from './repo-config';
import * as intake from './repo-intake';

export const listCategories = (db: Sql, auth: AuthContext) => cfg.listCategories(db, auth.orgId);

export async function createCategory(
  db: Sql,
  auth: AuthContext,
  b: {
    tree: 'category' | 'cause';
    parentId: string | null;
    name: string;
    servqualDimension?: string | null | undefined;
  },
) {
  return db.transaction(async (tx) => {
    if (b.parentId) {
      const p = await cfg.getCategory(tx, auth.orgId, b.parentId);
      if (!p || p.tree !== b.tree)
        throw new AppError('COMPLAINT_CATEGORY_INVALID', { field: 'parentId' });
    }
    const c = await cfg.insertCategory(tx, auth.orgId, {
      ...b,
      servqualDimension: b.servqualDimension ?? null,
    });
    await audit(tx, auth, {
      action: 'create',
      entity: 'complaint_category',
      entityId: c.id,
      changes: b,
    });
    return c;
  });
}

export async function patchCategory(
  db: Sql,
  auth: AuthContext,
  id: string,
  b: {
    parentId?: string | null | undefined;
    name?: string | undefined;
    active?: boolean | undefined;
    servqualDimension?: string | null | undefined;
  },
) {
  return db.transaction(async (tx) => {
    const before = await cfg.getCategory(tx, auth.orgId, id);
    if (!before) throw new AppError('NOT_FOUND');
    if (b.parentId) {
      const p = await cfg.getCategory(tx, auth.orgId, b.parentId);
      if (!p || p.tree !== before.tree)
        throw new AppError('COMPLAINT_CATEGORY_INVALID', { field: 'parentId' });
      // no cycles: the new parent must not be the node itself or one of its descendants
      if ((await cfg.ancestors(tx, auth.orgId, b.parentId)).includes(id)) {
        throw new AppError('CONFLICT', { field: 'parentId' });
      }
    }
    const clean = Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined));
    const c = await cfg.updateCategory(tx, auth.orgId, id, clean);
    await audit(tx, auth, {
      action: 'update',
      entity: 'complaint_category',
      entityId: id,
      changes: clean,
    });
    return c;
  });
}

export async function getSettings(db: Sql, auth: AuthContext) {
  const { rrLastUserId: _, ...s } = await repo.getSettings(db, auth.orgId);
  return s;
}

export async function saveSettings(
  db: Sql,
  auth: AuthContext,
  b: {
    strategy?: 'round_robin' | 'least_loaded' | undefined;
    excludeManagers?: boolean | undefined;
    responseDays?: number | undefined;
    recourse?: string | undefined;
  },
) {
  const clean = Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined));
  await db.transaction(async (tx) => {
    await repo.saveSettings(tx, auth.orgId, clean);
    await audit(tx, auth, { action: 'update', entity: 'complaint_settings', changes: clean });
  });
  return getSettings(db, auth);
}

export const listManagers = (db: Sql, auth: AuthContext) => cfg.listManagers(db, auth.orgId);

export async function setManager(
  db: Sql,
  auth: AuthContext,
  unitId: string,
  userId: string | null,
) {
  await db.transaction(async (tx) => {
    if (!(await unitExists(tx, auth.orgId, unitId))) throw new AppError('NOT_FOUND');
    if (userId && !(await cfg.staffByIds(tx, auth.orgId, [userId])).length) {
      throw new AppError('COMPLAINT_STAFF_INVALID');
    }
    await cfg.setManager(tx, auth.orgId, unitId, userId);
    await audit(tx, auth, {
      action: 'update',
      entity: 'complaint_unit_manager',
      entityId: unitId,
      changes: { userId },
    });
  });
  return cfg.listManagers(db, auth.orgId);
}

/** What the public form needs: the org's name and its branches/units to pick from. */
export async function publicForm(db: Sql, slug: string) {
  const orgId = await orgBySlug(db, slug);
  const name = await intake.orgName(db, orgId);
  const units = await intake.publicFormUnits(db, orgId);
  return { name: name ?? '', units };
}

/**
 * Where customers find the public form (complaints settings): its address, a QR code (SVG) of
 * it and an iframe snippet to embed it in the org's own web site.
 */
export async function publicFormLink(db: Sql, auth: AuthContext, publicUrl: string) {
  const slug = await intake.orgSlug(db, auth.orgId);
  if (!slug) throw new AppError('NOT_FOUND');
  const url = `${publicUrl}/complaint/${encodeURIComponent(slug)}`;
  const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const embed = `<iframe src="${url}" title="Reclamaciones / Complaints" width="100%" height="900" style="border:0" loading="lazy"></iframe>`;
  return { url, qrSvg, embed };
}
