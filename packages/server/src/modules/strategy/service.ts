// The strategy workspace (issue 16; docs/strategy.md): Albrecht's service triangle, the customer
// value model per segment, the needs -> service attributes matrix (QFD-like) and the
// customer-orientation questions. The module's one public surface.
//
// Reads: the attribute catalogue and standards (standards/service), Kano and surveys
// (analytics/service kanoReport, surveys/service analyticsData), panel insights
// (panels/service insightSummary) and the customers' saved segments (customers/service) — all
// through catalogue.ts or the services, never their tables.
// This file holds the triangle, orientation and segments; the value model is in
// service-value-model.ts and needs -> attributes in service-needs.ts, re-exported here.
import {
  ORIENTATION_QUESTIONS,
  type TEvidenceLink,
  type TOrientationAnswer,
  TRIANGLE_RELATIONS,
  type TTriangleEdge,
  type TTriangleRelation,
  type ZOrientationPutSchema,
  ZTriangleUpdateSchema,
} from '@fidelia/contracts';
import { mean } from '@fidelia/stats';
import type { z } from 'zod';
import type { Sql } from '../../db/client';
import type { AuthContext } from '../../lib/access';
import { AppError, registerErrors } from '../../lib/errors';
import { iso } from '../../lib/iso';
import { audit, registerAuditLabels } from '../audit/service';
import { segments as customerSegments } from '../customers/service';
import { listUnits, unitExists, unitScope } from '../orgs/service';
import * as repo from './repo';

export * from './service-needs';
export * from './service-value-model';

registerErrors({
  STRATEGY_ID_TAKEN: {
    status: 409,
    es: 'Ese identificador ya se usó con otros datos.',
    en: 'That id was already used with other content.',
  },
  STRATEGY_SEGMENT_TAKEN: {
    status: 409,
    es: 'Ya hay un modelo de valor para ese segmento.',
    en: 'There is already a value model for that segment.',
  },
  STRATEGY_ATTRIBUTE_UNKNOWN: {
    status: 404,
    es: 'Ese atributo no está en el catálogo de atributos del servicio.',
    en: 'That attribute is not in the service attribute catalogue.',
  },
  STRATEGY_SURVEY_UNKNOWN: {
    status: 404,
    es: 'No se encuentra la encuesta indicada.',
    en: 'The survey given was not found.',
  },
  STRATEGY_UNIT_UNKNOWN: {
    status: 404,
    es: 'No se encuentra esa unidad de la organización.',
    en: 'That org unit was not found.',
  },
  STRATEGY_UNIT_OUTSIDE_SCOPE: {
    status: 403,
    es: 'Esa unidad queda fuera de tu ámbito (el triángulo de toda la organización solo lo editan usuarios sin unidad).',
    en: 'That unit is outside your scope (the whole organisation’s triangle is edited only by users with no unit).',
  },
  STRATEGY_BENEFIT_UNKNOWN: {
    status: 400,
    es: 'Un competidor valora un beneficio que no está en el modelo.',
    en: 'A competitor values a benefit that is not in the model.',
  },
});

registerAuditLabels('strategy_need', async (db, orgId, ids) => {
  const all = await repo.listNeeds(db, orgId, null);
  return new Map(all.filter((n) => ids.includes(n.id)).map((n) => [n.id, n.text]));
});

// ------------------------------------------------------------------------------ triangle

/**
 * A unit's triangle may be read and written by users whose unit subtree holds it (users with
 * no unit: every unit); the whole organisation's (unitId null) is read by everyone and written
 * only by users with no unit limit.
 */
async function checkTriangleUnit(
  db: Sql,
  auth: AuthContext,
  unitId: string | null,
  mode: 'read' | 'write',
): Promise<void> {
  const scope = await unitScope(db, auth);
  if (unitId === null) {
    if (mode === 'write' && scope !== null) throw new AppError('STRATEGY_UNIT_OUTSIDE_SCOPE');
    return;
  }
  if (!(await unitExists(db, auth.orgId, unitId))) throw new AppError('STRATEGY_UNIT_UNKNOWN');
  if (scope !== null && !scope.includes(unitId)) throw new AppError('STRATEGY_UNIT_OUTSIDE_SCOPE');
}

/** The six relationships of a unit's triangle (null = the whole organisation), fixed order. */
export async function getTriangle(
  db: Sql,
  auth: AuthContext,
  unitId: string | null = null,
): Promise<TTriangleEdge[]> {
  await checkTriangleUnit(db, auth, unitId, 'read');
  const rows = new Map(
    (await repo.listTriangle(db, auth.orgId, unitId)).map((r) => [r.relation, r]),
  );
  return TRIANGLE_RELATIONS.map((relation) => edgeOf(relation, rows.get(relation)));
}

/**
 * The units the caller may pick (their subtree; every unit when they have no unit limit), each
 * with how many of its six relationships are assessed and their mean score.
 */
export async function triangleUnits(db: Sql, auth: AuthContext) {
  const [scope, units, done] = await Promise.all([
    unitScope(db, auth),
    listUnits(db, auth.orgId),
    repo.triangleUnits(db, auth.orgId),
  ]);
  const by = new Map(done.map((x) => [x.unit_id, x]));
  return {
    orgWide: { writable: scope === null },
    items: units
      .filter((u) => scope === null || scope.includes(u.id))
      .map((u) => ({
        unitId: u.id,
        name: u.name,
        kind: u.kind,
        parentId: u.parentId,
        assessed: by.get(u.id)?.assessed ?? 0,
        meanScore: by.get(u.id)?.mean ?? null,
      })),
  };
}

/**
 * For the diagnostic of a unit: that unit's triangle (how many relationships are assessed, mean
 * score) and the link to it; when the unit has none assessed, the whole organisation's.
 */
export async function triangleSummary(db: Sql, orgId: string, unitId: string | null) {
  const summary = async (u: string | null) => {
    const rows = await repo.listTriangle(db, orgId, u);
    const scores = rows.map((r) => r.score).filter((x): x is number => x !== null);
    return { assessed: scores.length, meanScore: mean(scores) };
  };
  const own = unitId ? await summary(unitId) : null;
  const org = own && own.assessed > 0 ? null : await summary(null);
  const link = `/strategy/triangle${unitId ? `?unitId=${unitId}` : ''}`;
  return {
    unitId,
    assessed: own?.assessed ?? 0,
    meanScore: own?.meanScore ?? null,
    orgWide: org,
    link,
  };
}

function edgeOf(relation: TTriangleRelation, r: repo.TTriangleRow | undefined): TTriangleEdge {
  return {
    relation,
    score: r?.score ?? null,
    assessment: r?.assessment ?? '',
    evidence: (r?.evidence as TEvidenceLink[] | undefined) ?? [],
    actions: (r?.actions as TTriangleEdge['actions'] | undefined) ?? [],
    updatedAt: r ? iso(r.updated_at) : null,
  };
}

export async function putTriangle(
  db: Sql,
  auth: AuthContext,
  relation: TTriangleRelation,
  input: z.input<typeof ZTriangleUpdateSchema>,
  unitId: string | null = null,
): Promise<TTriangleEdge> {
  const v = ZTriangleUpdateSchema.parse(input);
  await checkTriangleUnit(db, auth, unitId, 'write');
  return db.transaction(async (tx) => {
    const row = await repo.upsertTriangle(tx, auth.orgId, auth.userId, unitId, relation, v);
    await audit(tx, auth, {
      action: 'strategy.triangle.updated',
      entity: 'strategy_triangle',
      entityId: null,
      changes: { relation, score: v.score, unitId },
    });
    return edgeOf(relation, row);
  });
}

// ---------------------------------------------------------------------------- orientation

export async function orientation(
  db: Sql,
  auth: AuthContext,
  segment: string,
): Promise<TOrientationAnswer[]> {
  const rows = new Map(
    (await repo.listOrientation(db, auth.orgId, segment)).map((r) => [r.question, r]),
  );
  return ORIENTATION_QUESTIONS.map((question) => {
    const r = rows.get(question);
    return {
      question,
      answer: r?.answer ?? '',
      evidence: (r?.evidence as TEvidenceLink[] | undefined) ?? [],
      updatedAt: r?.updatedAt ?? null,
    };
  });
}

export async function putOrientation(
  db: Sql,
  auth: AuthContext,
  question: (typeof ORIENTATION_QUESTIONS)[number],
  v: z.infer<typeof ZOrientationPutSchema>,
): Promise<TOrientationAnswer> {
  return db.transaction(async (tx) => {
    await repo.putOrientation(
      tx,
      auth.orgId,
      auth.userId,
      v.segment,
      question,
      v.answer,
      v.evidence,
    );
    await audit(tx, auth, {
      action: 'strategy.orientation.updated',
      entity: 'strategy_orientation',
      entityId: null,
      changes: { segment: v.segment, question },
    });
    const all = await orientation(tx, auth, v.segment);
    return all.find((x) => x.question === question) as TOrientationAnswer;
  });
}

// ------------------------------------------------------------------------------ segments

/** Segment names: the ones the workspace already uses and the customers' saved segments. */
export async function segmentNames(db: Sql, auth: AuthContext) {
  const [used, saved] = await Promise.all([
    repo.segmentsInUse(db, auth.orgId),
    customerSegments.list(db, auth),
  ]);
  // the workspace's own segments first (most filled-in first), then the other saved ones
  const rest = saved.items
    .map((s) => s.name)
    .filter((n) => !used.includes(n))
    .sort((a, b) => a.localeCompare(b, 'es'));
  return {
    items: [...used, ...rest].map((name) => ({
      name,
      saved: saved.items.some((s) => s.name === name),
    })),
  };
}
