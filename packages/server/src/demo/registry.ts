// Demo seeders: run once, in order, when the server starts on an empty database. The core seeder
// creates the org, units and users; modules add theirs with one line in demo/seeders.ts.
import type { Sql } from '../db/client';

export interface DemoOrg {
  orgId: string;
  /** unit ids by a short key (e.g. 'madrid-centro'), for modules that place data in units */
  units: Record<string, string>;
  ownerId: string;
}

export type DemoSeeder = (db: Sql, org: DemoOrg) => Promise<void>;
