// Small shared bits of the surveys screens.
import { ApiError } from '../../api/client';

export const STATUS_COLOR = { draft: 'gray', open: 'teal', closed: 'red' } as const;

/** "field: reason" of a SURVEY_* error (details.field / details.reason), for inline display. */
export function errorField(e: unknown): { field: string; reason: string } | null {
  if (!(e instanceof ApiError)) return null;
  const d = e.details as { field?: unknown; reason?: unknown } | null;
  if (d && typeof d.field === 'string')
    return { field: d.field, reason: typeof d.reason === 'string' ? d.reason : '' };
  const issue = (d as { issues?: { path?: string; message?: string }[] } | null)?.issues?.[0];
  if (issue?.path) return { field: issue.path, reason: issue.message ?? '' };
  return null;
}

/** Absolute URL of a respondent path on this server. */
export const absolute = (path: string) => `${window.location.origin}${path}`;
