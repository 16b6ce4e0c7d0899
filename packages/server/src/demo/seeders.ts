// Module demo seeders, run after the core demo org exists. Add yours with one line.
import type { DemoSeeder } from './registry';

export const demoSeeders: DemoSeeder[] = [
  // seedDemoCustomers,
];
