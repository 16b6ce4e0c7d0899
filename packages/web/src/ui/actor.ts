// Who did something, in words: a staff member's name, "System" or "The customer". Used by every
// timeline/history (customer timeline, audit log, complaint case history) so internal words
// like `system` never reach the screen.
import type { TFunction } from 'i18next';

export type TActor = { kind: 'user' | 'customer' | 'system'; name: string | null };

/**
 * A structured actor, or the stored label of older histories (complaint events keep
 * 'system', 'customer' or the staff member's e-mail).
 */
export function actorName(t: TFunction, actor: TActor | string | null | undefined): string {
  if (!actor) return t('actor.system');
  if (typeof actor === 'string') {
    if (actor === 'system') return t('actor.system');
    if (actor === 'customer') return t('actor.customer');
    return actor;
  }
  if (actor.kind === 'system') return t('actor.system');
  if (actor.kind === 'customer') return t('actor.customer');
  return actor.name ?? t('actor.staff');
}
