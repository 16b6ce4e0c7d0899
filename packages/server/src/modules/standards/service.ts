// The standards module's one public surface (issue 15 service standards, issue 16 attribute
// catalogue). Other modules call these; they read the tables only through the pub_* views
// (migration 615). API doc: docs/standards.md.
//
//  - listAttributes / getAttributeByKey / ensureAttributes: the shared service attribute
//    catalogue (Kano keys, complaint service_attribute values, need tags, standards).
//  - listStandards / getStandard: standards at their current version; every edit writes a new
//    version (editStandard), old versions stay readable (listVersions / getVersion).
//  - loadCatalogue: a starter catalogue (bank branch, shop, call centre, technical service).
//  - coverage: gap 2's evidence (rule in coverage.ts).
import type { Sql } from '../../db/client';
import { registerAuditLabels } from '../audit/service';
import './errors';
import * as repo from './repo';

export * from './attributes';
export * from './catalogue-load';
export { coverageOf } from './coverage';
export * from './coverage-report';
export * from './standards';

registerAuditLabels('service_standard', async (db: Sql, orgId, ids) => {
  const out = new Map<string, string>();
  for (const id of ids) {
    const s = await repo.getStandard(db, orgId, id);
    if (s) out.set(id, `${s.code} ${s.nameEs}`);
  }
  return out;
});
