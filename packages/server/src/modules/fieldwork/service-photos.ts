// Fieldwork visit photos: upload (checks, duplicate flags) and download. Apart: photo
// handling is its own concern; service.ts re-exports it.
import type { TChecklistItem, TVisitFlag } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError } from '../../lib/errors';
import { checkPhoto } from './photos';
import * as repo from './repo';
import { isShopper, visibleVisit } from './service-access';
import { computeFlags } from './service-submit';

// ------------------------------------------------------------------------------ photos
export async function addPhoto(
  db: Sql,
  auth: AuthContext,
  visitId: string,
  u: {
    id: string;
    kind: 'evidence' | 'receipt';
    itemKey?: string | null;
    filename: string;
    contentBase64: string;
  },
): Promise<{ replay: boolean; id: string; flags: TVisitFlag[] }> {
  const photo = checkPhoto(u.filename, u.contentBase64);
  return db.transaction(async (tx) => {
    const v = await visibleVisit(tx, auth, visitId, true);
    const prior = await repo.photoById(tx, auth.orgId, u.id);
    if (prior) {
      if (prior.visit_id !== visitId || prior.sha256 !== photo.sha256)
        throw new AppError('FIELDWORK_PHOTO_ID_TAKEN');
      return { replay: true, id: u.id, flags: isShopper(auth) ? [] : v.flags };
    }
    if (v.status === 'approved' || v.status === 'rejected')
      throw new AppError('FIELDWORK_VISIT_CLOSED');
    if (u.itemKey) {
      const items = (await repo.checklistVersionItems(
        tx,
        auth.orgId,
        v.checklist_id,
        v.checklist_version,
      )) as TChecklistItem[];
      if (!items.some((it) => it.key === u.itemKey))
        throw new AppError('FIELDWORK_ANSWER_UNKNOWN_ITEM', { item: u.itemKey });
    }
    const inserted = await repo.insertPhoto(tx, auth.orgId, {
      id: u.id,
      visitId,
      kind: u.kind,
      itemKey: u.itemKey ?? null,
      ...photo,
    });
    if (!inserted) throw new AppError('FIELDWORK_PHOTO_ID_TAKEN');
    let flags = v.flags;
    if (v.status !== 'scheduled') {
      flags = await computeFlags(tx, auth.orgId, v);
      await repo.setFlags(tx, auth.orgId, visitId, flags);
    }
    return { replay: false, id: u.id, flags: isShopper(auth) ? [] : flags };
  });
}

export async function photoFor(db: Sql, auth: AuthContext, visitId: string, photoId: string) {
  await visibleVisit(db, auth, visitId);
  const p = await repo.photoData(db, auth.orgId, visitId, photoId);
  if (!p) throw new AppError('NOT_FOUND');
  return { filename: p.filename, contentType: p.content_type, data: p.data };
}
