// Module demo seeders, run after the core demo org exists. Add yours with one line.
import { seedDemoComplaints } from '../modules/complaints/demo';
import { seedDemoCustomers } from '../modules/customers/demo';
import { seedDemoDiagnostic } from '../modules/diagnostic/demo';
import { seedDemoFieldwork } from '../modules/fieldwork/demo';
import { seedDemoPanels } from '../modules/panels/demo';
import { seedDemoPerformance } from '../modules/performance/demo';
import { seedDemoRetention } from '../modules/retention/demo';
import { seedDemoStandards } from '../modules/standards/demo';
import { seedDemoStrategy } from '../modules/strategy/demo';
import { seedDemoSurveys } from '../modules/surveys/demo';
import type { DemoSeeder } from './registry';

export const demoSeeders: DemoSeeder[] = [
  seedDemoCustomers,
  seedDemoSurveys,
  seedDemoComplaints,
  seedDemoRetention,
  seedDemoStandards,
  seedDemoFieldwork,
  seedDemoPerformance,
  seedDemoStrategy,
  seedDemoPanels,
  seedDemoDiagnostic,
];
