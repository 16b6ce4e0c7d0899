// The status-recognition e-mail after a refit changed customers' loyalty tiers.
import type { TTierKey } from '@fidelia/contracts';
import type { Sql } from '../../db/client';
import type { Mailer } from '../../mail/mailer';
import * as repo from './repo-model';
import { TIER_RANK } from './settings';

export interface TTierChange {
  customerId: string;
  from: TTierKey | null;
  to: TTierKey;
}

const TIER_NAMES: Record<'es' | 'en', Record<TTierKey, string>> = {
  es: { bronze: 'Bronce', silver: 'Plata', gold: 'Oro' },
  en: { bronze: 'Bronze', silver: 'Silver', gold: 'Gold' },
};

/** Status-recognition e-mail to customers who consented to e-mail (sent after the commit). */
export async function mailTierChanges(
  db: Sql,
  orgId: string,
  changes: TTierChange[],
  mailer: Mailer,
) {
  const rows = await repo.mailRecipients(
    db,
    orgId,
    changes.map((c) => c.customerId),
  );
  const orgName = (await repo.orgName(db, orgId)) ?? 'Fidelia';
  const byId = new Map(changes.map((c) => [c.customerId, c]));
  for (const c of rows) {
    const ch = byId.get(c.id);
    if (!ch) continue;
    const lang = c.language ?? 'es';
    const tier = TIER_NAMES[lang][ch.to];
    const up = TIER_RANK[ch.to] > TIER_RANK[ch.from as TTierKey];
    const mail =
      lang === 'en'
        ? {
            subject: `${orgName}: your club level is now ${tier}`,
            text: `Hello ${c.name},\n\n${up ? 'Thank you for your loyalty: you' : 'You'} are now a ${tier} member of the ${orgName} club.\n`,
          }
        : {
            subject: `${orgName}: tu nivel del club ahora es ${tier}`,
            text: `Hola ${c.name}:\n\n${up ? 'Gracias por tu fidelidad: ahora' : 'Ahora'} eres socio ${tier} del club de ${orgName}.\n`,
          };
    await mailer.send({ to: c.email, ...mail });
    await repo.markEmailed(db, orgId, c.id);
  }
}
