// Public surveys by slug, cached one second (closing/editing in this process invalidates).
import type { Sql } from '../../db/client';
import { AppError } from '../../lib/errors';
import * as repo from './repo';

const slugCache = new Map<string, { at: number; row: repo.TSurveyRow | null }>();
export function forget(row: { slug: string }) {
  slugCache.delete(row.slug);
}
export async function surveyBySlug(db: Sql, slug: string): Promise<repo.TSurveyRow> {
  const hit = slugCache.get(slug);
  let row: repo.TSurveyRow | null;
  if (hit && Date.now() - hit.at < 1000) row = hit.row;
  else {
    row = /^[a-z0-9][a-z0-9-]{2,62}$/.test(slug) ? await repo.getSurveyBySlug(db, slug) : null;
    if (slugCache.size > 5000) slugCache.clear();
    slugCache.set(slug, { at: Date.now(), row });
  }
  if (!row) throw new AppError('SURVEY_NOT_FOUND');
  return row;
}
