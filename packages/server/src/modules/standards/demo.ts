// Demo data for the standards module (registered in demo/seeders.ts): Banco Horizonte loads the
// bank-branch starter catalogue (linked to SERVQUAL items), gives the queue standard a version
// history (loosened, then restored after the SERVQUAL survey, with the research link), adds a business-team standard
// and a vague one without a target. SERVQUAL items such as 6, 8, 13–15 and 19–22 keep no
// standard, so the coverage view (gap 2) has findings over the demo survey's answers.
import { randomUUID } from 'node:crypto';
import type { DemoSeeder } from '../../demo/registry';
import type { AuthContext } from '../../lib/access';
import * as complaints from '../complaints/service';
import * as surveys from '../surveys/service';
import * as svc from './service';

export const seedDemoStandards: DemoSeeder = async (db, org) => {
  const auth: AuthContext = {
    orgId: org.orgId,
    userId: org.ownerId,
    role: 'owner',
    unitId: null,
    email: 'admin@bancohorizonte.es',
    via: 'session',
    scopes: [],
  };
  await svc.loadCatalogue(db, auth, 'bank_branch', 'es');
  // the demo cases (seeded before the catalogue) point at their catalogue entries by id; the one
  // free text the catalogue lacks stays for the attributes page's sync
  await complaints.linkServiceAttributes(db, org.orgId);
  const servqual = (await surveys.listSurveys(db, auth)).items.find(
    (s) => s.template === 'servqual',
  );
  const all = await svc.listStandards(db, org.orgId);
  const byCode = new Map(all.map((s) => [s.code, s]));
  const queue = byCode.get('OF-02');
  if (queue) {
    // loosened to 7 minutes one summer, back to 5 after the SERVQUAL wave (item 11)
    const { id, code, momentId, currentVersion, ...v } = queue;
    const base = { ...v, momentId };
    await svc.editStandard(db, auth, id, {
      ...base,
      baseVersion: currentVersion,
      targetMax: 7,
      changeNote: 'Relajado a 7 minutos por falta de personal en verano.',
    });
    await svc.editStandard(db, auth, id, {
      ...base,
      baseVersion: currentVersion + 1,
      targetMax: 5,
      researchSurveyId: servqual?.id ?? null,
      researchUrl: servqual ? `/analytics/servqual?survey=${servqual.id}` : null,
      researchNote:
        'La encuesta SERVQUAL pide rapidez (ítem 11: «servicio rápido»), con una de las expectativas más altas.',
      changeNote: 'Vuelta a 5 minutos: la encuesta SERVQUAL pide rapidez.',
    });
  }
  const moments = new Map((await svc.listMoments(db, org.orgId)).map((m) => [m.key, m.id]));
  const attrs = new Map((await svc.listAttributes(db, org.orgId)).map((a) => [a.key, a.id]));
  const add = (b: Parameters<typeof svc.createStandard>[2]) => svc.createStandard(db, auth, b);
  await add({
    id: randomUUID(),
    code: 'OF-13',
    momentId: moments.get('first_contact') as string,
    nameEs: 'Gestor de empresas asignado en 24 horas',
    nameEn: 'Business adviser assigned within 24 hours',
    attributeId: attrs.get('individual_attention') ?? null,
    servqualItems: [19],
    measureKind: 'number',
    targetMax: 24,
    uomEs: 'h',
    uomEn: 'h',
    ownerRole: 'Responsable de empresas',
    promisedLevel: 6.5,
    unitIds: [org.units['castellana-empresas'] as string].filter(Boolean),
  });
  await add({
    id: randomUUID(),
    code: 'OF-14',
    momentId: moments.get('telephone') as string,
    nameEs: 'Atender las consultas con rapidez',
    nameEn: 'Deal with enquiries quickly',
    descriptionEs: 'Redactado sin objetivo medible: pendiente de concretar.',
    descriptionEn: 'Written without a measurable target: to be made concrete.',
    attributeId: attrs.get('willingness_to_help') ?? null,
    servqualItems: [13],
    measureKind: 'number',
    ownerRole: 'Director de oficina',
    promisedLevel: 5,
  });
};
