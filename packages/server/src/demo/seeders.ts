// Module demo seeders, run after the core demo org exists. Add yours with one line.
import { seedDemoComplaints } from '../modules/complaints/demo';
import { seedDemoCustomers } from '../modules/customers/demo';
import { seedDemoDiagnostic } from '../modules/diagnostic/demo';
import { seedDemoFieldwork } from '../modules/fieldwork/demo';
import { seedDemoRetention } from '../modules/retention/demo';
import { seedDemoStandards } from '../modules/standards/demo';
import { seedDemoSurveys } from '../modules/surveys/demo';
import type { DemoSeeder } from './registry';

export const demoSeeders: DemoSeeder[] = [
  seedDemoCustomers,
  seedDemoSurveys,
  seedDemoComplaints,
  seedDemoRetention,
  seedDemoStandards,
  seedDemoFieldwork,
  seedDemoDiagnostic,
];
