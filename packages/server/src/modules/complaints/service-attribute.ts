// A case's service attribute is a reference to the shared catalogue (standards module, issue 16):
// the API takes the catalogue id (`serviceAttributeId`) or, for compatibility, a key or free text
// (`serviceAttribute`): a text is turned into a catalogue key ("Tiempo de espera" ->
// tiempo_de_espera) and registered through standards/service ensureAttributes when new, so every
// case that names an attribute points at one catalogue entry. Reads go through
// pub_service_attributes (repo-attributes.ts).
import type { Sql } from '../../db/client';
import { AppError, registerErrors } from '../../lib/errors';
import { attributeKeyOf, ensureAttributes } from '../standards/service';
import * as ra from './repo-attributes';

registerErrors({
  COMPLAINT_ATTRIBUTE_INVALID: {
    status: 400,
    es: 'Ese atributo del servicio no está en el catálogo de la organización.',
    en: 'That service attribute is not in the organisation’s catalogue.',
  },
});

export interface TAttributeChoice {
  serviceAttributeId?: string | null | undefined;
  serviceAttribute?: string | null | undefined;
}

/**
 * The columns to store for the caller's choice: undefined when the request names none (a
 * classification that leaves the attribute alone), else `{ id, text }` (both null = cleared).
 */
export async function resolveServiceAttribute(
  db: Sql,
  orgId: string,
  v: TAttributeChoice,
): Promise<{ id: string | null; text: string | null } | undefined> {
  if (v.serviceAttributeId !== undefined) {
    if (v.serviceAttributeId === null) return { id: null, text: null };
    const a = await ra.catalogueEntry(db, orgId, { id: v.serviceAttributeId });
    if (!a) throw new AppError('COMPLAINT_ATTRIBUTE_INVALID');
    return { id: a.id, text: a.key };
  }
  if (v.serviceAttribute === undefined) return undefined;
  const text = v.serviceAttribute?.trim() ?? '';
  if (text === '') return { id: null, text: null };
  const key = attributeKeyOf(text);
  if (!key) throw new AppError('COMPLAINT_ATTRIBUTE_INVALID');
  const known = await ra.catalogueEntry(db, orgId, { key });
  if (known) return { id: known.id, text };
  const [made] = await ensureAttributes(db, orgId, [
    { key, nameEs: text, nameEn: text, source: 'complaints' },
  ]);
  if (!made) throw new AppError('COMPLAINT_ATTRIBUTE_INVALID');
  return { id: made.id, text };
}

/**
 * Links the cases whose text names a catalogue key (through attributeKeyOf) but carry no id yet:
 * cases stored before migration 380, or texts the catalogue learnt since. Answers how many cases
 * were linked. Called by the catalogue sync (standards/service syncAttributes).
 */
export async function linkServiceAttributes(db: Sql, orgId: string): Promise<number> {
  let linked = 0;
  for (const u of await ra.unlinkedServiceAttributes(db, orgId)) {
    const key = attributeKeyOf(u.attribute);
    const a = key ? await ra.catalogueEntry(db, orgId, { key }) : null;
    if (a) linked += await ra.linkText(db, orgId, u.attribute, a.id);
  }
  return linked;
}

/** The name (es/en) and key of a catalogue attribute, for the case page. */
export async function attributeName(db: Sql, orgId: string, id: string | null) {
  if (!id) return null;
  const a = await ra.catalogueEntry(db, orgId, { id });
  return a ? { id: a.id, key: a.key, es: a.nameEs, en: a.nameEn } : null;
}
