// Starter catalogues (bank branch, shop, call centre, technical service), loaded by code.
import type { TStarterCatalogue } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import { AppError } from '../../lib/errors';
import { type Actor, audit } from '../audit/service';
import { ensureStarterAttributes } from './attributes';
import { STARTER_CATALOGUES, STARTER_MOMENTS } from './catalogues';
import * as repo from './repo';
import { contentOf } from './standards';

// ------------------------------------------------------------------ starter catalogues

export function catalogues() {
  return {
    items: Object.entries(STARTER_CATALOGUES).map(([key, c]) => ({
      key,
      nameEs: c.es,
      nameEn: c.en,
      standards: c.standards.length,
    })),
  };
}

/**
 * Loads a starter catalogue: the starter attributes and moments (keys already there are kept),
 * then every standard whose code is new (an existing code is never overwritten, so a company's
 * edits survive a second load). `language` picks the owner-role wording.
 */
export async function loadCatalogue(
  db: Sql,
  actor: Actor,
  key: string,
  language: 'es' | 'en' = 'es',
): Promise<{ created: number; skipped: number }> {
  const cat = STARTER_CATALOGUES[key as TStarterCatalogue];
  if (!cat || !Object.hasOwn(STARTER_CATALOGUES, key))
    throw new AppError('STANDARD_CATALOGUE_UNKNOWN');
  return db.transaction(async (tx) => {
    await ensureStarterAttributes(tx, actor.orgId);
    await repo.insertMoments(
      tx,
      actor.orgId,
      STARTER_MOMENTS.map((m, i) => ({
        key: m.key,
        nameEs: m.es,
        nameEn: m.en,
        sort: (i + 1) * 10,
      })),
    );
    const moments = await repo.momentIds(tx, actor.orgId);
    const attrs = new Map(
      (await repo.listAttributes(tx, actor.orgId)).map((a) => [a.key, a.id] as const),
    );
    const codes = await repo.standardCodes(tx, actor.orgId);
    let created = 0;
    for (const s of cat.standards) {
      if (codes.has(s.code)) continue;
      const id = crypto.randomUUID();
      const momentId = moments.get(s.moment) as string;
      await repo.insertStandard(
        tx,
        actor.orgId,
        { id, code: s.code, momentId, active: true, catalogue: key },
        actor.userId,
      );
      await repo.insertVersion(
        tx,
        actor.orgId,
        id,
        1,
        contentOf({
          nameEs: s.es,
          nameEn: s.en,
          attributeId: attrs.get(s.attribute) ?? null,
          servqualItems: s.items,
          measureKind: s.kind,
          targetMin: s.min,
          targetMax: s.max,
          uomEs: s.uom?.[0] ?? null,
          uomEn: s.uom?.[1] ?? null,
          ownerRole: language === 'es' ? s.owner[0] : s.owner[1],
          promisedLevel: s.level,
          unitIds: [],
        }),
        actor.userId,
      );
      created++;
    }
    await audit(tx, actor, {
      action: 'load_catalogue',
      entity: 'service_standard',
      changes: { catalogue: key, created },
    });
    return { created, skipped: cat.standards.length - created };
  });
}
