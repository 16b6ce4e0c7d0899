// SQL of fieldwork visit photos (metadata, data, duplicate hashes); apart from repo.ts,
// which re-exports it, so each repo file holds one concern.
import type { Sql } from '../../db/client';

// ------------------------------------------------------------------------------ photos
export interface TPhotoMeta {
  id: string;
  visit_id: string;
  kind: 'evidence' | 'receipt';
  item_key: string | null;
  filename: string;
  sha256: string;
}

export async function photoById(
  db: Sql,
  orgId: string,
  id: string,
): Promise<(TPhotoMeta & { content_type: string }) | null> {
  const r = await db.query<TPhotoMeta & { content_type: string }>(
    `SELECT id, visit_id, kind, item_key, filename, sha256, content_type FROM fieldwork_photos
      WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  return r.rows[0] ?? null;
}

export async function photoData(
  db: Sql,
  orgId: string,
  visitId: string,
  id: string,
): Promise<{ filename: string; content_type: string; data: Uint8Array } | null> {
  const r = await db.query<{ filename: string; content_type: string; data: Uint8Array }>(
    `SELECT filename, content_type, data FROM fieldwork_photos
      WHERE org_id = $1 AND visit_id = $2 AND id = $3`,
    [orgId, visitId, id],
  );
  return r.rows[0] ?? null;
}

export async function photosOf(db: Sql, orgId: string, visitId: string): Promise<TPhotoMeta[]> {
  const r = await db.query<TPhotoMeta>(
    `SELECT id, visit_id, kind, item_key, filename, sha256 FROM fieldwork_photos
      WHERE org_id = $1 AND visit_id = $2 ORDER BY created_at, id`,
    [orgId, visitId],
  );
  return r.rows;
}

export async function insertPhoto(
  db: Sql,
  orgId: string,
  p: {
    id: string;
    visitId: string;
    kind: string;
    itemKey: string | null;
    filename: string;
    contentType: string;
    data: Buffer;
    sha256: string;
  },
): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO fieldwork_photos (org_id, id, visit_id, item_key, kind, filename, content_type,
            size_bytes, sha256, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      orgId,
      p.id,
      p.visitId,
      p.itemKey,
      p.kind,
      p.filename,
      p.contentType,
      p.data.length,
      p.sha256,
      p.data,
    ],
  );
  return r.rows.length > 0;
}

/** Other visits of the org holding a photo with one of these hashes. */
export async function duplicatePhotos(
  db: Sql,
  orgId: string,
  visitId: string,
  hashes: string[],
): Promise<{ sha256: string; visit_id: string }[]> {
  if (hashes.length === 0) return [];
  const r = await db.query<{ sha256: string; visit_id: string }>(
    `SELECT DISTINCT sha256, visit_id FROM fieldwork_photos
      WHERE org_id = $1 AND sha256 = ANY($2::text[]) AND visit_id <> $3
      ORDER BY sha256, visit_id`,
    [orgId, hashes, visitId],
  );
  return r.rows;
}
