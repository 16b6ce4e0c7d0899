// Demo data for the complaints module (registered in demo/seeders.ts).
import type { DemoSeeder } from '../../demo/registry';

export const seedDemoComplaints: DemoSeeder = async () => {};
