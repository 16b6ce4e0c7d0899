// Module demo seeders, run after the core demo org exists. Add yours with one line.
import { seedDemoCustomers } from '../modules/customers/demo';
import type { DemoSeeder } from './registry';

export const demoSeeders: DemoSeeder[] = [seedDemoCustomers];
